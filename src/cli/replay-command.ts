// `softmax-verify replay`: reruns one failure, by SEED:PATH with its kernel, property and
// family, or by the id a check report or the regression corpus gives it.

import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readJsonReport } from '../../properties/check/check-report.js';
import { readCorpus, replayEntry, type CorpusEntry } from '../../properties/check/regression-corpus.js';
import { listKernels, registry } from '../registry.js';
import { checkFromCli } from './check-command.js';
import { PACKAGE_DATA, userPaths } from './user-paths.js';
import { join } from 'node:path';
import type { Command } from './command.js';
import { UsageError } from '../errors.js';
import { EXIT } from './exit-codes.js';

/** A failure id from the corpus, else from a check report. */
function findById(id: string, corpora: readonly string[], report: string): CorpusEntry | null {
  const fromCorpus = corpora.flatMap((c) => readCorpus(c)).find((e) => e.id === id);
  if (fromCorpus) return fromCorpus;
  if (!existsSync(report)) return null;
  const f = readJsonReport(report).results.flatMap((r) => r.properties.flatMap((p) => p.failures)).find((x) => x.id === id);
  return f ? { id, kernel: f.kernel, property: f.property, family: f.family, seed: f.seed, path: f.path, maxLongRow: readJsonReport(report).options.maxLongRow, rowLength: f.rowLength, row: f.rowBits, message: f.message } : null;
}

export const replayCommand: Command = {
  name: 'replay',
  help: `  softmax-verify replay SEED:PATH --kernel ID --property P --family F [--max-long-row N]
  softmax-verify replay ID [--corpus FILE] [--report FILE]
      Reruns one failure: from its seed and fast-check path, or by the id check printed
      (looked up in the package's and the user's corpus, then OUT_DIR/report.json; a stored row is
      rerun as is). Exit 0 when the property now holds, 1 when it still fails.`,
  run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        kernel: { type: 'string' },
        property: { type: 'string' },
        family: { type: 'string' },
        'max-long-row': { type: 'string' },
        corpus: { type: 'string' },
        report: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError('replay: give one SEED:PATH or failure id');
    const target = positionals[0];
    const paths = userPaths({ corpus: values.corpus });
    const seedPath = /^(\d+):(\d+(?::\d+)*)$/.exec(target);
    if (seedPath) {
      if (!values.kernel || !values.property || !values.family) throw new UsageError('replay SEED:PATH needs --kernel, --property and --family');
      return checkFromCli({
        options: {
          kernel: values.kernel,
          seed: Number(seedPath[1]),
          runs: 1,
          maxLongRow: Number(values['max-long-row'] ?? 1_000_000),
          timeBudgetSeconds: 3600,
          property: values.property,
          family: values.family,
          path: seedPath[2],
        },
        out: join(paths.outDir, 'replay.json'),
        corpus: null,
        quiet: true,
      });
    }
    const entry = findById(target, [PACKAGE_DATA.corpus(), paths.corpus], values.report ?? join(paths.outDir, 'report.json'));
    if (!entry) throw new UsageError(`replay ${target}: not SEED:PATH, and no failure with this id in the corpus or the report`);
    const kernel = registry().get(entry.kernel);
    if (!kernel) throw new UsageError(`replay ${target}: kernel ${entry.kernel} is not registered here`);
    if (!kernel.available) {
      console.log(`replay ${target}: ${entry.kernel} cannot run here: ${kernel.reason}`);
      return EXIT.isaUnavailable;
    }
    const failure = replayEntry(entry, kernel, listKernels().filter((e) => e.available));
    console.log(`${failure === null ? 'PASS' : 'FAIL'} ${entry.kernel} ${entry.property} on ${entry.family} (${entry.row !== null ? `stored row of ${entry.rowLength}` : `seed ${entry.seed} path ${entry.path}`})`);
    if (failure) console.log(`    ${failure}`);
    return failure === null ? EXIT.ok : EXIT.contractFailure;
  },
};
