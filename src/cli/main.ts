// softmax-verify command line: check (default), list, oracle, run.

import { parseArgs } from 'node:util';
import { softmaxOracle } from '../../oracles/oracle.js';
import { softmaxRows } from '../api.js';
import { listKernels, registry } from '../registry.js';
import { runCheck } from './check.js';
import { readMatrix, writeRaw } from './raw-f32.js';
import { EXIT, UsageError } from './usage-error.js';

const HELP = `softmax-verify: numerical verification of softmax kernels

  softmax-verify [check] [--kernel PATTERN] [--seed N] [--runs N] [--time-budget S]
                 [--max-long-row N] [--property P] [--family F] [--path PATH] [--out FILE] [--quiet]
      Runs the contract on every available kernel (PATTERN: ids with * globs, or a
      substring such as two-pass or accurate; comma-separated). Seed from --seed, else
      SOFTMAX_VERIFY_SEED, else random; always printed. Writes reports/out/report.json.
      Exit: 0 all pass, 1 a contract failure, 2 usage or input error, 3 too few rows
      checked (a family missed, or the time budget cut the run short).
  softmax-verify list
      Every kernel of the table, whether it runs here, and why not.
  softmax-verify oracle --in X --out Y [--cols N] [--policy nan|zero]
      Exact softmax of raw little-endian float32 rows, correctly rounded to float32.
  softmax-verify run --kernel ID --in X --out Y [--cols N]
      One kernel on the same raw format.
`;

function integerOption(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) throw new UsageError(`--${name} ${v}: expected an integer >= ${min}`);
  return Number(v);
}

function requireOption(name: string, v: string | undefined): string {
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

function defaultSeed(): number {
  const env = process.env.SOFTMAX_VERIFY_SEED;
  if (env !== undefined) {
    const s = integerOption('seed (from SOFTMAX_VERIFY_SEED)', env, 0);
    if (s !== undefined) return s;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

function main(argv: string[]): number {
  const command = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'check';
  const rest = command === argv[0] ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      kernel: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'time-budget': { type: 'string' },
      'max-long-row': { type: 'string' },
      property: { type: 'string' },
      family: { type: 'string' },
      path: { type: 'string' },
      out: { type: 'string' },
      in: { type: 'string' },
      cols: { type: 'string' },
      policy: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || command === 'help') {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  switch (command) {
    case 'check':
      return runCheck({
        kernel: values.kernel,
        seed: integerOption('seed', values.seed, 0) ?? defaultSeed(),
        runs: integerOption('runs', values.runs, 1) ?? 40,
        maxLongRow: integerOption('max-long-row', values['max-long-row'], 1000) ?? 1_000_000,
        timeBudgetSeconds: integerOption('time-budget', values['time-budget'], 1) ?? 170,
        property: values.property,
        family: values.family,
        path: values.path,
        out: values.out ?? 'reports/out/report.json',
        quiet: values.quiet ?? false,
      });
    case 'list':
      for (const e of listKernels()) {
        console.log(`${e.available ? 'yes' : 'no '} ${e.spec.id.padEnd(38)} ${e.available ? e.spec.bound.formula : e.reason}`);
      }
      return EXIT.ok;
    case 'oracle': {
      const policy = values.policy ?? 'nan';
      if (policy !== 'nan' && policy !== 'zero') throw new UsageError(`--policy ${policy}: expected nan or zero`);
      const m = readMatrix(requireOption('in', values.in), integerOption('cols', values.cols, 1));
      const out = requireOption('out', values.out);
      const y = new Float32Array(m.data.length);
      for (let r = 0; r < m.rows; r++) {
        y.set(softmaxOracle(m.data.subarray(r * m.cols, (r + 1) * m.cols), { policy }).rounded, r * m.cols);
      }
      writeRaw(out, y);
      return EXIT.ok;
    }
    case 'run': {
      const id = requireOption('kernel', values.kernel);
      const entry = registry().get(id);
      if (!entry) throw new UsageError(`--kernel ${id}: unknown kernel id; see softmax-verify list`);
      if (!entry.available) throw new UsageError(`--kernel ${id}: cannot run here: ${entry.reason}`);
      const m = readMatrix(requireOption('in', values.in), integerOption('cols', values.cols, 1));
      const out = requireOption('out', values.out);
      const y = new Float32Array(m.data.length);
      softmaxRows(id, m.data, y, { rows: m.rows, cols: m.cols });
      writeRaw(out, y);
      return EXIT.ok;
    }
    default:
      throw new UsageError(`unknown command "${command}"; expected check, list, oracle or run (see --help)`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`softmax-verify: ${(e as Error).message}\n`);
  process.exitCode = usage ? EXIT.usage : EXIT.contractFailure;
  if (!usage) process.stderr.write(`${(e as Error).stack}\n`);
}
