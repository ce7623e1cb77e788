// `softmax-verify report`: renders check JSON (one run, shards, or several machines) as
// self-contained HTML, Markdown and JUnit XML, and writes the merged JSON when merging.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBenchReport } from '../../reports/bench-json.js';
import { htmlReport } from '../../reports/html-report.js';
import { readJsonReport, type CheckReport } from '../../properties/check/check-report.js';
import { junitReport } from '../../reports/junit-report.js';
import { markdownReport } from '../../reports/markdown-report.js';
import { machineLabel, mergeReports } from '../../reports/merge.js';
import { renderMutationTable, type MutationReport } from '../../reports/mutation-table.js';
import type { BenchReport } from '../bench/schema.js';
import type { Command } from './command.js';
import { parseCommandLine } from './options.js';
import { UsageError } from '../errors.js';
import { verdictExit } from './exit-codes.js';
import { userPaths } from './user-paths.js';
import { checkOutputDir, reportJson, writeOutput } from './output-file.js';
import { worstVerdict } from '../../properties/check/verdict.js';

function read(path: string): CheckReport {
  try {
    return readJsonReport(path);
  } catch (e) {
    throw new UsageError(`${path}: cannot read a check report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function readBench(path: string): BenchReport {
  try {
    return readBenchReport(path);
  } catch (e) {
    throw new UsageError(`--bench ${path}: ${(e as Error).message}`);
  }
}

/**
 * Pairs --bench files with machines: the i-th file belongs to the i-th machine, machines counted
 * in the order they first appear among the check reports. A bench whose CPU is not the machine's
 * (both record os.cpus()[0].model) is a wrong pairing, refused rather than shown under its name.
 */
function benchesFor(machines: readonly CheckReport[], paths: readonly string[]): Array<BenchReport | undefined> {
  if (paths.length === 0) return machines.map(() => undefined);
  if (paths.length !== machines.length) {
    throw new UsageError(`--bench: ${paths.length} file(s) for ${machines.length} machine(s); give one per machine, in the order the machines first appear among the check reports`);
  }
  return paths.map((path, i) => {
    const bench = readBench(path);
    const cpu = machines[i].machine.cpu;
    if (bench.machine.cpuModel !== cpu) throw new UsageError(`--bench ${path}: timed on "${bench.machine.cpuModel}", but machine ${i + 1} is ${machineLabel(machines[i])}`);
    return bench;
  });
}

/**
 * The mutation run's JSON, only when named: it comes from another run (npx vitest run
 * test/mutants), so a report never folds in a stale one found lying in the output folder.
 */
function readMutation(path: string | undefined): MutationReport | undefined {
  if (path === undefined) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as MutationReport;
    if (!Array.isArray(m.mutants) || !Array.isArray(m.seeds)) throw new Error('not a mutation report');
    return m;
  } catch (e) {
    throw new UsageError(`--mutation ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export const reportCommand: Command = {
  name: 'report',
  help: `  softmax-verify report [--in FILE] [--merge FILE...] [--bench FILE]... [--out-dir DIR]
      Renders check JSON (default OUT_DIR/report.json) into DIR (default OUT_DIR, as for check):
      report.html (self-contained, charts as inline SVG), report.md, report.junit.xml.
      --merge a.json b.json ...: shards of one run merge into the unsharded verdicts
      (also written as merged.json); separate runs of one machine merge keeping every
      kernel of each; reports of different machines go side by side.
      --bench FILE: softmax-verify bench output of the same machine: performance charts
      and tables; with several machines, one --bench per machine in the order the
      machines first appear among the check reports (adds a speed column).
      --mutation FILE: the mutation-testing JSON (npx vitest run test/mutants writes
      reports/out/mutation.json): score, killers, time to kill; only when given.
      Exit: the merged run's verdict (0 pass, 1 fail, 3 untrustworthy); 2 bad input.`,
  async run(args) {
    const { values, positionals } = parseCommandLine(args, { in: { type: 'string' }, merge: { type: 'boolean' }, bench: { type: 'string', multiple: true }, mutation: { type: 'string' }, 'out-dir': { type: 'string' } }, true);
    if (positionals.length && !values.merge) throw new UsageError(`unexpected argument ${positionals[0]}; did you mean --merge ${positionals.join(' ')}?`);
    if (values.merge && positionals.length === 0) throw new UsageError('--merge: give the check reports to merge');
    const paths = userPaths();
    const inputs = values.merge ? positionals : [values.in ?? join(paths.outDir, 'report.json')];
    const machines = mergeReports(inputs.map(read));
    const benches = benchesFor(machines, values.bench ?? []);
    const outDir = values['out-dir'] ?? paths.outDir;
    checkOutputDir('--out-dir', outDir);
    const notes = benches[0] ? [] : ['No performance charts: give --bench FILE (softmax-verify bench output) to add them.'];
    const mutation = readMutation(values.mutation);
    writeOutput('--out-dir', join(outDir, 'report.html'), await htmlReport(machines, benches, notes, mutation));
    writeOutput('--out-dir', join(outDir, 'report.md'), [...machines.map((m, i) => markdownReport(m, benches[i])), ...(mutation ? [renderMutationTable(mutation)] : [])].join('\n'));
    writeOutput('--out-dir', join(outDir, 'report.junit.xml'), junitReport(machines));
    if (values.merge) writeOutput('--out-dir', join(outDir, 'merged.json'), reportJson(machines[0]));
    const m = machines[0];
    const kernelCount = new Set(machines.flatMap((r) => r.results.map((k) => k.kernel))).size;
    console.log(`report: ${m.verdict} (${kernelCount} kernels${machines.length > 1 ? `, ${machines.length} machines` : ''}${benches[0] ? ', with bench' : ''}); wrote ${join(outDir, 'report.html')}, report.md, report.junit.xml${values.merge ? ', merged.json' : ''}`);
    for (const r of machines) if (r.missingShards) console.log(`report: ${machineLabel(r)} lacks shard(s) ${r.missingShards.join(', ')}: partial, so at best untrustworthy`);
    return verdictExit(worstVerdict(machines.map((r) => r.verdict)));
  },
};
