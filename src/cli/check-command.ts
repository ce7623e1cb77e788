// `softmax-verify check`: parses the options, runs the library check (properties/check/
// run-check.ts), prints its results, appends new failures to the user's corpus, writes the
// report JSON and returns the exit code of the verdict.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appendToCorpus, readCorpusFile, type CorpusEntry } from '../../properties/check/regression-corpus.js';
import { runCheck, newFailures, selectForCheck, type CheckOptions } from '../../properties/check/run-check.js';
import { RATCHET_FACTOR, readToleranceTable } from '../../properties/check/tolerance-table.js';
import { UsageError } from '../errors.js';
import { EXTERNAL_HELP, EXTERNAL_OPTIONS, externalsFromOptions, portSelector } from './external-options.js';
import { kernelBlock, outputStyle, summaryLines } from './check-output.js';
import { annotations, appendJobSummary, inGitHubActions } from './github-actions.js';
import type { Command } from './command.js';
import { verdictExit } from './exit-codes.js';
import { environmentSeed, resolveSeed } from '../../properties/check/seed.js';
import { integerOption, parseOptions } from './options.js';
import { progressReporter } from './progress.js';
import { PACKAGE_DATA, userPaths } from './user-paths.js';
import { checkOutputDir, checkOutputPath, IoError, reportJson, writeOutput } from './output-file.js';
import { LIMITS } from '../../properties/check/limits.js';
import { DEFAULT_MAX_LONG_ROW } from '../../properties/check/contract.js';

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
function printOutput(say: (line: string) => void, id: string, text: string): void {
  const lines = text.trimEnd().split('\n');
  const shown = lines.slice(-40);
  say(`output of ${id} (stdout and stderr, its last ${shown.length} lines):`);
  for (const l of shown) say(`    | ${l}`);
}

function tolerancesOption(v: string | undefined): CheckOptions['tolerances'] {
  if (v === 'none') return null;
  const path = v ?? PACKAGE_DATA.tolerances();
  if (!existsSync(path)) throw new UsageError(`--tolerances ${path}: no such file (give --tolerances none to gate on declared bounds only)`);
  try {
    return { table: readToleranceTable(path), source: path };
  } catch (e) {
    throw new UsageError(`--tolerances ${path}: ${(e as Error).message}`);
  }
}

/** The package's committed corpus, then the user's (once if they are the same file). */
function corpusEntries(userCorpus: string): CorpusEntry[] {
  const files = [...new Set([PACKAGE_DATA.corpus(), userCorpus])];
  const seen = new Set<string>();
  return files.flatMap((f) => {
    const { entries, tornTail } = readCorpusFile(f);
    if (tornTail) console.error(`corpus ${f}: its last line was cut short (an interrupted write) and is skipped`);
    return entries;
  }).filter((e) => !seen.has(e.id) && seen.add(e.id));
}

export interface CliCheck {
  options: CheckOptions;
  /** Where the report JSON goes. */
  out: string;
  /** Where new failures are appended (null: a replay, which records nothing). */
  corpus: string | null;
  quiet: boolean;
  /** Show the control's expected failures in full. */
  verbose?: boolean;
  /** What each port printed (stdout and stderr), shown after the results. */
  portOutput?: () => Array<{ id: string; text: string }>;
}

/** Runs a check as the CLI does: progress on stderr, results on stdout, report and corpus written. */
export function checkFromCli(c: CliCheck): number {
  const o = c.options;
  const s = selectForCheck(o);
  // `--out -`: the report JSON is the only thing on stdout; what a person reads goes to stderr.
  const toStdout = c.out === '-';
  const say = toStdout ? (line: string) => process.stderr.write(`${line}\n`) : (line: string) => console.log(line);
  // Outputs are checked before the run, so a long run never ends in EISDIR.
  if (!toStdout) checkOutputPath('--out', c.out);
  if (c.corpus !== null) checkOutputPath('--corpus', c.corpus);
  say(
    `softmax-verify check: ${s.available.length} kernel(s), seed ${o.seed}, runs ${o.runs}, long rows up to ${o.maxLongRow}` +
      (o.shard ? `, shard ${o.shard.index}/${o.shard.count}` : ''),
  );
  for (const e of s.selected.filter((k) => !k.available)) say(`SKIP ${e.spec.id}: ${e.reason}`);
  const progress = progressReporter(process.stderr, c.quiet, { budgetSeconds: o.timeBudgetSeconds });
  const style = outputStyle(s.selected.map((e) => e.spec.id), c.verbose ?? false);
  // Real results first: the control's (expected) block comes after the gating kernels'.
  const controls: string[] = [];
  const report = runCheck(o, {
    onProgress: (state) => progress.update(state),
    onKernel: (r) => {
      progress.clear();
      const block = kernelBlock(r, o.tolerances?.source ?? null, style);
      if (r.control) controls.push(...block);
      else for (const line of block) say(line);
    },
  });
  for (const line of controls) say(line);
  for (const { id, text } of c.portOutput?.() ?? []) if (text.trim()) printOutput(say, id, text);
  const failing = report.corpus.replayed.filter((r) => r.failure !== null);
  if (report.corpus.replayed.length) say(`corpus ${report.corpus.path}: replayed ${report.corpus.replayed.length} failure(s) found before; ${failing.length} still fail`);
  for (const line of summaryLines(report, o.timeBudgetSeconds, o.bail)) say(line);
  if (c.corpus !== null) {
    try {
      report.corpus.added = appendToCorpus(c.corpus, newFailures(report), o.maxLongRow);
    } catch (e) {
      throw new IoError(`--corpus ${c.corpus}: cannot append (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (report.corpus.added) say(`corpus ${c.corpus}: added ${report.corpus.added} new failure(s); every later run replays them`);
  }
  if (inGitHubActions()) {
    for (const line of annotations(report)) say(line);
    appendJobSummary(report);
  }
  const ratchets = report.results.filter((r) => r.tolerance.ratchet);
  if (ratchets.length) say(`tolerance ratchet: ${ratchets.length} kernel(s) measure under ${RATCHET_FACTOR} of their table entry (see the report)`);
  if (toStdout) process.stdout.write(reportJson(report));
  else {
    writeOutput('--out', c.out, reportJson(report));
    say(`wrote ${c.out}`);
  }
  return verdictExit(report.verdict);
}

/** The deep tier's longest row (--deep): 2^26 elements. */
const DEEP_MAX_LONG_ROW = 2 ** 26;

export const checkCommand: Command = {
  name: 'check',
  help: `  softmax-verify [check] [--kernel PATTERN] [--seed N] [--runs N] [--time-budget S]
                 [--max-long-row N] [--deep] [--property P] [--family F] [--path PATH] [--quiet] [--verbose] [--bail]
                 [--isa LIST] [--shard I/N] [--tolerances FILE|none]
                 [--out-dir DIR] [--out FILE] [--corpus FILE]
  softmax-verify check --external PATH --bound ULP --policy nan|zero [...]
      Runs the contract on every available kernel (PATTERN: ids with * globs, or a
      substring such as two-pass or accurate; comma-separated). Seed from --seed, else
      SOFTMAX_VERIFY_SEED, else random; always printed. Replays the package's regression
      corpus and the user's (--corpus, default OUT_DIR/corpus.jsonl) first and appends new
      failures to the user's; gates on the package's tolerance table (--tolerances). Writes
      OUT_DIR/report.json (--out FILE, or --out - for the JSON alone on stdout): OUT_DIR is --out-dir, else SOFTMAX_VERIFY_OUT_DIR, else
      "outDir" of ./softmax-verify.config.json, else ./softmax-verify-out. --shard I/N runs
      the I-th of N deterministic shares (merge them with softmax-verify report --merge).
      --bail stops after the first failing kernel; --verbose shows the control's expected
      failures in full. In GitHub Actions, failures are also ::error annotations and the
      Markdown report is appended to the job summary.
      --deep: the deep tier: long rows up to 2^26 (--max-long-row defaults to 2^26),
      rows just above 2^24, and a time budget of 4 hours.
      Exit: 0 all pass, 1 a contract failure, 2 usage or input error, 3 untrustworthy
      (a family missed, a declared coverage cell left empty, or the time budget cut the
      run short), 5 the file system failed, 77 a requested ISA is not available here.
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
      'out-dir': { type: 'string' },
      quiet: { type: 'boolean' },
      verbose: { type: 'boolean' },
      bail: { type: 'boolean' },
      isa: { type: 'string' },
      shard: { type: 'string' },
      tolerances: { type: 'string' },
      corpus: { type: 'string' },
      ...EXTERNAL_OPTIONS,
    });
    const hasPorts = v.external !== undefined || v.exec !== undefined;
    if (hasPorts && v.kernel !== undefined) throw new UsageError('--external/--exec check the ports alone: drop --kernel');
    // Shards must check the same rows: a random seed per shard would merge into a run that
    // covered half of each.
    if (v.shard !== undefined && v.seed === undefined && environmentSeed() === undefined) {
      throw new UsageError(`--shard ${v.shard} needs --seed N (or SOFTMAX_VERIFY_SEED) shared by every shard, so that the shards merge into one run`);
    }
    const paths = userPaths({ outDir: v['out-dir'], corpus: v.corpus });
    checkOutputDir('--out-dir', paths.outDir);
    const replaying = v.path !== undefined;
    const options: CheckOptions = {
      seed: resolveSeed(v.seed),
      runs: integerOption('runs', v.runs, 1, LIMITS.runs) ?? 40,
      maxLongRow: integerOption('max-long-row', v['max-long-row'], 1000, LIMITS.maxLongRow) ?? (v.deep ? DEEP_MAX_LONG_ROW : DEFAULT_MAX_LONG_ROW),
      deep: v.deep ?? false,
      timeBudgetSeconds: integerOption('time-budget', v['time-budget'], 1, LIMITS.timeBudgetSeconds) ?? (v.deep ? 4 * 3600 : 170),
      property: v.property,
      family: v.family,
      path: v.path,
      isa: v.isa,
      shard: shardOption(v.shard),
      bail: v.bail ?? false,
      tolerances: replaying ? null : tolerancesOption(v.tolerances),
      corpus: replaying ? undefined : { entries: corpusEntries(paths.corpus), source: paths.corpus },
    };
    // The package's corpus holds the built-in kernels' failures; a port's belong to the user.
    if (hasPorts && resolve(paths.corpus) === resolve(PACKAGE_DATA.corpus())) {
      throw new UsageError(`--corpus ${v.corpus ?? paths.corpus}: that is the package's corpus of built-in kernels; a port's failures go to your own (default OUT_DIR/corpus.jsonl)`);
    }
    const ports = await externalsFromOptions(v);
    try {
      return checkFromCli({
        options: {
          ...options,
          kernel: ports.length ? ports.map((p) => p.kernel.entry.spec.id).join(',') : v.kernel,
          selector: ports.length ? Object.fromEntries(ports.map((p) => [p.kernel.entry.spec.id, portSelector(v, p.port)])) : undefined,
        },
        out: v.out ?? join(paths.outDir, 'report.json'),
        corpus: replaying ? null : paths.corpus,
        quiet: v.quiet ?? false,
        // A --path replay is about its one failure: shown in full, even the control's.
        verbose: (v.verbose ?? false) || replaying,
        portOutput: () => ports.map((p) => ({ id: p.kernel.entry.spec.id, text: p.kernel.output() })),
      });
    } finally {
      for (const p of ports) p.kernel.close();
    }
  },
};
