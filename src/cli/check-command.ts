import { EXTERNAL_HELP, EXTERNAL_OPTIONS, externalFromOptions } from '../external/external-options.js';
import { runCheck } from '../../properties/check/run-check.js';
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

/** The --external options as given, so a replay command loads the same port with the same contract. */
function externalSelector(v: Partial<Record<keyof typeof EXTERNAL_OPTIONS, string>>): string {
  return (Object.keys(EXTERNAL_OPTIONS) as Array<keyof typeof EXTERNAL_OPTIONS>)
    .filter((k) => v[k] !== undefined)
    .map((k) => `--${k} '${v[k]}'`)
    .join(' ');
}

/** The deep tier's longest row (--deep): 2^26 elements. */
const DEEP_MAX_LONG_ROW = 2 ** 26;

export const checkCommand: Command = {
  name: 'check',
  help: `  softmax-verify [check] [--kernel PATTERN] [--seed N] [--runs N] [--time-budget S]
                 [--max-long-row N] [--deep] [--property P] [--family F] [--path PATH] [--out FILE] [--quiet]
                 [--isa LIST] [--shard I/N] [--tolerances FILE|none] [--corpus FILE]
  softmax-verify check --external PATH --bound ULP --policy nan|zero [...]
      Runs the contract on every available kernel (PATTERN: ids with * globs, or a
      substring such as two-pass or accurate; comma-separated). Seed from --seed, else
      SOFTMAX_VERIFY_SEED, else random; always printed. Writes reports/out/report.json.
      Replays the regression corpus (corpus/failures.jsonl) first and appends new failures
      to it; gates on the tolerance table (tolerances/v1.json). --shard I/N runs the I-th
      of N deterministic shares (merge them with softmax-verify report --merge).
      --deep: the deep tier: long rows up to 2^26 (--max-long-row defaults to 2^26),
      rows just above 2^24, and a time budget of 4 hours.
      Exit: 0 all pass, 1 a contract failure, 2 usage or input error, 3 untrustworthy
      (a family missed, a declared coverage cell left empty, or the time budget cut the
      run short), 77 a requested ISA is not available here.
${EXTERNAL_HELP}`,
  async run(args) {
    const v = parseOptions(args, {
      kernel: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'time-budget': { type: 'string' },
      'max-long-row': { type: 'string' },
      deep: { type: 'boolean' },
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
    if (v.external !== undefined && v.kernel !== undefined) throw new UsageError('--external checks the port alone: drop --kernel');
    const external = await externalFromOptions(v);
    return runCheck({
      kernel: external?.entry.spec.id ?? v.kernel,
      seed: seedOption(v.seed),
      runs: integerOption('runs', v.runs, 1) ?? 40,
      maxLongRow: integerOption('max-long-row', v['max-long-row'], 1000) ?? (v.deep ? DEEP_MAX_LONG_ROW : 1_000_000),
      deep: v.deep ?? false,
      timeBudgetSeconds: integerOption('time-budget', v['time-budget'], 1) ?? (v.deep ? 4 * 3600 : 170),
      property: v.property,
      family: v.family,
      path: v.path,
      out: v.out ?? 'reports/out/report.json',
      quiet: v.quiet ?? false,
      isa: v.isa,
      shard: shardOption(v.shard),
      tolerances: v.tolerances === 'none' ? null : (v.tolerances ?? 'tolerances/v1.json'),
      corpus: v.corpus ?? 'corpus/failures.jsonl',
      selector: external ? externalSelector(v) : undefined,
    });
  },
};
