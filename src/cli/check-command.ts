import { runCheck } from './check.js';
import type { Command } from './command.js';
import { integerOption, parseOptions, seedOption } from './options.js';

export const checkCommand: Command = {
  name: 'check',
  help: `  softmax-verify [check] [--kernel PATTERN] [--seed N] [--runs N] [--time-budget S]
                 [--max-long-row N] [--property P] [--family F] [--path PATH] [--out FILE] [--quiet]
      Runs the contract on every available kernel (PATTERN: ids with * globs, or a
      substring such as two-pass or accurate; comma-separated). Seed from --seed, else
      SOFTMAX_VERIFY_SEED, else random; always printed. Writes reports/out/report.json.
      Exit: 0 all pass, 1 a contract failure, 2 usage or input error, 3 too few rows
      checked (a family missed, or the time budget cut the run short).`,
  run(args) {
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
    });
    return runCheck({
      kernel: v.kernel,
      seed: seedOption(v.seed),
      runs: integerOption('runs', v.runs, 1) ?? 40,
      maxLongRow: integerOption('max-long-row', v['max-long-row'], 1000) ?? 1_000_000,
      timeBudgetSeconds: integerOption('time-budget', v['time-budget'], 1) ?? 170,
      property: v.property,
      family: v.family,
      path: v.path,
      out: v.out ?? 'reports/out/report.json',
      quiet: v.quiet ?? false,
    });
  },
};
