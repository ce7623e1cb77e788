// `softmax-verify replay`: reruns one failure, by SEED:PATH with its kernel, property and
// family, or by the id a check report or the regression corpus gives it.

import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXTERNAL_OPTIONS, externalsFromOptions } from '../external/external-options.js';
import { portCorpusPath } from '../user-state.js';
import { readJsonReport } from '../../properties/check/check-report.js';
import { readCorpus, replayEntry, type CorpusEntry } from '../../properties/check/regression-corpus.js';
import { listKernels, registry } from '../registry.js';
import { runCheck } from '../../properties/check/run-check.js';
import type { Command } from './command.js';
import { EXIT, UsageError } from '../errors.js';

/** A failure id from the corpus, else from a check report. */
function findById(id: string, corpus: string, report: string): CorpusEntry | null {
  const fromCorpus = readCorpus(corpus).find((e) => e.id === id);
  if (fromCorpus) return fromCorpus;
  if (!existsSync(report)) return null;
  const f = readJsonReport(report).results.flatMap((r) => r.properties.flatMap((p) => p.failures)).find((x) => x.id === id);
  return f ? { id, kernel: f.kernel, property: f.property, family: f.family, seed: f.seed, path: f.path, maxLongRow: readJsonReport(report).options.maxLongRow, rowLength: f.rowLength, row: f.rowBits, message: f.message } : null;
}

export const replayCommand: Command = {
  name: 'replay',
  help: `  softmax-verify replay SEED:PATH --kernel ID --property P --family F [--max-long-row N]
  softmax-verify replay ID [--corpus FILE] [--report FILE] [--external PATH | --exec CMD ...]
      Reruns one failure: from its seed and fast-check path, or by the id check printed
      (looked up in corpus/failures.jsonl, then reports/out/report.json; a stored row is
      rerun as is). A port's failure needs the port: give its --external/--exec options
      as check printed them (its corpus is then the user's, as in check).
      Exit 0 when the property now holds, 1 when it still fails.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        kernel: { type: 'string' },
        property: { type: 'string' },
        family: { type: 'string' },
        'max-long-row': { type: 'string' },
        corpus: { type: 'string' },
        report: { type: 'string' },
        ...EXTERNAL_OPTIONS,
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError('replay: give one SEED:PATH or failure id');
    const ports = await externalsFromOptions(values);
    try {
      return replay(values, positionals[0], ports.map((p) => p.kernel.entry.spec.id));
    } finally {
      for (const p of ports) p.kernel.close();
    }
  },
};

function replay(values: { kernel?: string; property?: string; family?: string; 'max-long-row'?: string; corpus?: string; report?: string }, target: string, portIds: string[]): number {
  {
    const defaultCorpus = portIds.length ? portCorpusPath() : 'corpus/failures.jsonl';
    const seedPath = /^(\d+):(\d+(?::\d+)*)$/.exec(target);
    if (seedPath) {
      const kernel = values.kernel ?? (portIds.length ? portIds.join(',') : undefined);
      if (!kernel || !values.property || !values.family) throw new UsageError('replay SEED:PATH needs --kernel (or a port), --property and --family');
      return runCheck({
        kernel,
        seed: Number(seedPath[1]),
        runs: 1,
        maxLongRow: Number(values['max-long-row'] ?? 1_000_000),
        timeBudgetSeconds: 3600,
        property: values.property,
        family: values.family,
        path: seedPath[2],
        out: 'reports/out/replay.json',
        quiet: true,
        tolerances: null,
        corpus: values.corpus ?? defaultCorpus,
      });
    }
    // Without --corpus, an id is looked up in the package's corpus and the user's port corpus alike.
    const corpora = values.corpus ? [values.corpus] : [...new Set([defaultCorpus, 'corpus/failures.jsonl', portCorpusPath()])];
    const entry = corpora.map((c) => findById(target, c, values.report ?? 'reports/out/report.json')).find((e) => e !== null) ?? null;
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
}
