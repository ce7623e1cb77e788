// `softmax-verify replay`: reruns one failure, by SEED:PATH with its kernel, property and
// family, or by the id a check report or the regression corpus gives it. A port's failure
// needs the port: its --external/--exec options, as check printed them in the replay line.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonReport } from '../../properties/check/check-report.js';
import { readCorpus, replayEntry, type CorpusEntry } from '../../properties/check/regression-corpus.js';
import { UsageError } from '../errors.js';
import { listKernels, registry } from '../registry.js';
import { checkFromCli } from './check-command.js';
import type { Command } from './command.js';
import { EXIT } from './exit-codes.js';
import { EXTERNAL_OPTIONS, externalsFromOptions, portSelector, type ExternalValues } from './external-options.js';
import { parseCommandLine } from './options.js';
import { PACKAGE_DATA, userPaths } from './user-paths.js';

/** A failure id from the corpora, else from a check report. */
function findById(id: string, corpora: readonly string[], report: string): CorpusEntry | null {
  const fromCorpus = corpora.flatMap((c) => readCorpus(c)).find((e) => e.id === id);
  if (fromCorpus) return fromCorpus;
  if (!existsSync(report)) return null;
  const r = readJsonReport(report);
  const f = r.results.flatMap((k) => k.properties.flatMap((p) => p.failures)).find((x) => x.id === id);
  return f ? { id, kernel: f.kernel, property: f.property, family: f.family, seed: f.seed, path: f.path, maxLongRow: r.options.maxLongRow, rowLength: f.rowLength, row: f.rowBits, message: f.message } : null;
}

interface ReplayValues {
  kernel?: string;
  property?: string;
  family?: string;
  'max-long-row'?: string;
  corpus?: string;
  report?: string;
}

export const replayCommand: Command = {
  name: 'replay',
  help: `  softmax-verify replay SEED:PATH --kernel ID --property P --family F [--max-long-row N]
  softmax-verify replay ID [--corpus FILE] [--report FILE] [--external PATH | --exec CMD ...]
      Reruns one failure: from its seed and fast-check path, or by the id check printed
      (looked up in the package's and the user's corpus, then OUT_DIR/report.json; a stored
      row is rerun as is). A port's failure needs the port: give its --external/--exec
      options as check printed them. Exit 0 when the property now holds, 1 when it still fails.`,
  async run(args) {
    const { values, positionals } = parseCommandLine(
      args,
      {
        kernel: { type: 'string' },
        property: { type: 'string' },
        family: { type: 'string' },
        'max-long-row': { type: 'string' },
        corpus: { type: 'string' },
        report: { type: 'string' },
        ...EXTERNAL_OPTIONS,
      },
      true,
    );
    if (positionals.length !== 1) throw new UsageError('replay: give one SEED:PATH or failure id');
    const ports = await externalsFromOptions(values as ExternalValues);
    try {
      const selector = ports.length ? Object.fromEntries(ports.map((p) => [p.kernel.entry.spec.id, portSelector(values as ExternalValues, p.port)])) : undefined;
      return replay(values, positionals[0], ports.map((p) => p.kernel.entry.spec.id), selector);
    } finally {
      for (const p of ports) p.kernel.close();
    }
  },
};

function replay(values: ReplayValues, target: string, portIds: string[], selector: Record<string, string> | undefined): number {
  const paths = userPaths({ corpus: values.corpus });
  const seedPath = /^(\d+):(\d+(?::\d+)*)$/.exec(target);
  if (seedPath) {
    const kernel = values.kernel ?? (portIds.length ? portIds.join(',') : undefined);
    if (!kernel || !values.property || !values.family) throw new UsageError('replay SEED:PATH needs --kernel (or a port), --property and --family');
    return checkFromCli({
      options: {
        kernel,
        seed: Number(seedPath[1]),
        runs: 1,
        maxLongRow: Number(values['max-long-row'] ?? 1_000_000),
        timeBudgetSeconds: 3600,
        property: values.property,
        family: values.family,
        path: seedPath[2],
        selector,
      },
      out: join(paths.outDir, 'replay.json'),
      corpus: null,
      quiet: true,
      // A replay is about its one failure: shown in full, even the control's.
      verbose: true,
    });
  }
  const entry = findById(target, [...new Set([PACKAGE_DATA.corpus(), paths.corpus])], values.report ?? join(paths.outDir, 'report.json'));
  if (!entry) throw new UsageError(`replay ${target}: not SEED:PATH, and no failure with this id in the corpus or the report`);
  const kernel = registry().get(entry.kernel);
  if (!kernel) {
    const hint = entry.kernel.includes('/external:') ? '; it is a port: give its --external PATH or --exec CMD (and --algorithm, --recipe, --name as check had them)' : '';
    throw new UsageError(`replay ${target}: kernel ${entry.kernel} is not registered here${hint}`);
  }
  if (!kernel.available) {
    console.log(`replay ${target}: ${entry.kernel} cannot run here: ${kernel.reason}`);
    return EXIT.isaUnavailable;
  }
  const failure = replayEntry(entry, kernel, listKernels().filter((e) => e.available));
  console.log(`${failure === null ? 'PASS' : 'FAIL'} ${entry.kernel} ${entry.property} on ${entry.family} (${entry.row !== null ? `stored row of ${entry.rowLength}` : `seed ${entry.seed} path ${entry.path}`})`);
  if (failure) console.log(`    ${failure}`);
  return failure === null ? EXIT.ok : EXIT.contractFailure;
}
