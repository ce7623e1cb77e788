import { EXTERNAL_HELP, EXTERNAL_OPTIONS, externalsFromOptions, portSelector } from '../external/external-options.js';
import { runCheck } from '../../properties/check/run-check.js';
import { portCorpusPath } from '../user-state.js';
import { resolve } from 'node:path';
import { packageRoot } from '../package-root.js';
import type { Command } from './command.js';
import { integerOption, parseOptions, seedOption } from './options.js';
import { UsageError } from '../errors.js';

/** `--shard I/N`: the I-th (1-based) of N shares of the work. */
function shardOption(v: string | undefined): { index: number; count: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${v}: expected I/N with 1 <= I <= N, e.g. 2/4`);
  return { index, count };
}

/** The tail of what a port printed (the bridge keeps its last 16000 characters), indented under its heading. */
function printOutput(id: string, text: string): void {
  const lines = text.trimEnd().split('\n');
  const shown = lines.slice(-40);
  console.log(`output of ${id} (stdout and stderr, its last ${shown.length} lines):`);
  for (const l of shown) console.log(`    | ${l}`);
}

export const checkCommand: Command = {
  name: 'check',
  help: `  softmax-verify [check] [--kernel PATTERN] [--seed N] [--runs N] [--time-budget S]
                 [--max-long-row N] [--property P] [--family F] [--path PATH] [--out FILE] [--quiet]
                 [--isa LIST] [--shard I/N] [--tolerances FILE|none] [--corpus FILE]
  softmax-verify check --external PATH --bound ULP --policy nan|zero [...]
      Runs the contract on every available kernel (PATTERN: ids with * globs, or a
      substring such as two-pass or accurate; comma-separated). Seed from --seed, else
      SOFTMAX_VERIFY_SEED, else random; always printed. Writes reports/out/report.json.
      Replays the regression corpus (corpus/failures.jsonl; for ports the user's
      ${'$'}{XDG_STATE_HOME:-~/.local/state}/softmax-verify/corpus/ports.jsonl) first and appends new failures
      to it; gates on the tolerance table (tolerances/v1.json). --shard I/N runs the I-th
      of N deterministic shares (merge them with softmax-verify report --merge).
      Exit: 0 all pass, 1 a contract failure, 2 usage or input error, 3 too few rows
      checked (a family missed, or the time budget cut the run short), 77 a requested
      ISA is not available here.
${EXTERNAL_HELP}`,
  async run(args) {
    const v = parseOptions(args, {
      kernel: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'time-budget': { type: 'string' },
      'max-long-row': { type: 'string' },
      property: { type: 'string' },
      family: { type: 'string' },
      path: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
      isa: { type: 'string' },
      shard: { type: 'string' },
      tolerances: { type: 'string' },
      corpus: { type: 'string' },
      ...EXTERNAL_OPTIONS,
    });
    if ((v.external !== undefined || v.exec !== undefined) && v.kernel !== undefined) throw new UsageError('--external/--exec check the ports alone: drop --kernel');
    // The package's corpus holds the built-in kernels' failures; a port's belong to the user.
    if ((v.external !== undefined || v.exec !== undefined) && v.corpus !== undefined && resolve(v.corpus) === resolve(packageRoot(), 'corpus/failures.jsonl')) {
      throw new UsageError(`--corpus ${v.corpus}: that is the package's corpus of built-in kernels; a port's failures go to your own (default ${portCorpusPath()})`);
    }
    const ports = await externalsFromOptions(v);
    const ids = ports.map((p) => p.kernel.entry.spec.id);
    const code = runCheck({
      kernel: ports.length ? ids.join(',') : v.kernel,
      seed: seedOption(v.seed),
      runs: integerOption('runs', v.runs, 1) ?? 40,
      maxLongRow: integerOption('max-long-row', v['max-long-row'], 1000) ?? 1_000_000,
      timeBudgetSeconds: integerOption('time-budget', v['time-budget'], 1) ?? 170,
      property: v.property,
      family: v.family,
      path: v.path,
      out: v.out ?? 'reports/out/report.json',
      quiet: v.quiet ?? false,
      isa: v.isa,
      shard: shardOption(v.shard),
      tolerances: v.tolerances === 'none' ? null : (v.tolerances ?? 'tolerances/v1.json'),
      // A port's failures are the user's, never the package's tracked corpus.
      corpus: v.corpus ?? (ports.length ? portCorpusPath() : 'corpus/failures.jsonl'),
      selector: ports.length ? Object.fromEntries(ports.map((p) => [p.kernel.entry.spec.id, portSelector(v, p.port)])) : undefined,
    });
    for (const p of ports) {
      const text = p.kernel.output();
      if (text.trim()) printOutput(p.kernel.entry.spec.id, text);
      p.kernel.close();
    }
    return code;
  },
};
