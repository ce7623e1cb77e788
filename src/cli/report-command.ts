// `softmax-verify report`: renders check JSON (one run, shards, or several machines) as
// self-contained HTML, Markdown and JUnit XML, and writes the merged JSON when merging.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { htmlReport } from '../../reports/html-report.js';
import { readJsonReport, writeJsonReport, type CheckReport } from '../../reports/json-report.js';
import { junitReport } from '../../reports/junit-report.js';
import { markdownReport } from '../../reports/markdown-report.js';
import { mergeReports } from '../../reports/merge.js';
import type { Command } from './command.js';
import { EXIT, UsageError } from './usage-error.js';

function read(path: string): CheckReport {
  try {
    return readJsonReport(path);
  } catch (e) {
    throw new UsageError(`${path}: cannot read a check report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export const reportCommand: Command = {
  name: 'report',
  help: `  softmax-verify report [--in FILE] [--merge FILE...] [--out-dir DIR]
      Renders check JSON (default reports/out/report.json) into DIR (default reports/out):
      report.html (self-contained, charts as inline SVG), report.md, report.junit.xml.
      --merge a.json b.json ...: shards of one run merge into the unsharded verdicts
      (also written as merged.json); reports of different machines go side by side.
      Exit: the merged run's verdict (0 pass, 1 fail, 3 untrustworthy); 2 bad input.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { in: { type: 'string' }, merge: { type: 'boolean' }, 'out-dir': { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length && !values.merge) throw new UsageError(`unexpected argument ${positionals[0]}; did you mean --merge ${positionals.join(' ')}?`);
    if (values.merge && positionals.length === 0) throw new UsageError('--merge: give the check reports to merge');
    const inputs = values.merge ? positionals : [values.in ?? 'reports/out/report.json'];
    const machines = mergeReports(inputs.map(read));
    const outDir = values['out-dir'] ?? 'reports/out';
    mkdirSync(outDir, { recursive: true });
    const notes = ['Performance charts (time per element, two-pass over three-pass speedup) come from softmax-verify bench output; not rendered here.'];
    writeFileSync(join(outDir, 'report.html'), await htmlReport(machines, notes));
    writeFileSync(join(outDir, 'report.md'), machines.map(markdownReport).join('\n'));
    writeFileSync(join(outDir, 'report.junit.xml'), junitReport(machines[0]));
    if (values.merge) writeJsonReport(join(outDir, 'merged.json'), machines[0]);
    const m = machines[0];
    console.log(`report: ${m.verdict} (${m.results.length} kernels${machines.length > 1 ? `, ${machines.length} machines` : ''}); wrote ${join(outDir, 'report.html')}, report.md, report.junit.xml${values.merge ? ', merged.json' : ''}`);
    const worst = machines.map((r) => r.verdict);
    return worst.includes('fail') ? EXIT.contractFailure : worst.includes('untrustworthy') ? EXIT.untrustworthy : EXIT.ok;
  },
};
