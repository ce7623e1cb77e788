// The check report as Markdown: for PR comments and READMEs.

import { fmtUlp } from './escape.js';
import type { CheckReport } from './json-report.js';

function status(r: CheckReport['results'][number]): string {
  if (r.passed) return 'PASS';
  return r.control ? 'FAIL (control, expected)' : '**FAIL**';
}

export function markdownReport(report: CheckReport): string {
  const o = report.options;
  const lines = [
    `# softmax-verify check: ${report.verdict.toUpperCase()}`,
    '',
    `seed ${o.seed}, runs ${o.runs}, long rows up to ${o.maxLongRow}${report.shard ? `, shard ${report.shard.index}/${report.shard.count}` : ''}; ` +
      `${report.machine.cpu} (${report.machine.isas.join(', ')}), Node ${report.machine.node}; tolerances ${o.tolerances ?? 'none'}`,
    '',
    '| kernel | verdict | max ULP | p99 ULP | mean ULP | max \\|sum-1\\| (2^-24) | error / bound | tolerance | rows |',
    '|---|---|---:|---:|---:|---:|---:|---|---:|',
    ...report.results.map((r) => {
      const a = r.accuracy;
      const rows = Object.values(r.familyRows).reduce((s, v) => s + v, 0);
      const tol = r.tolerance.status === 'exceeded' ? '**exceeded**' : r.tolerance.ratchet ? 'pass (ratchet: tighten)' : r.tolerance.status;
      return `| \`${r.kernel}\` | ${status(r)} | ${fmtUlp(a.maxUlp)} | ${fmtUlp(a.p99Ulp)} | ${fmtUlp(a.meanUlp)} | ${fmtUlp(a.maxSumToOne)} | ${fmtUlp(a.maxBoundRatio)} | ${tol} | ${rows} |`;
    }),
  ];
  const skipped = report.kernels.filter((k) => !k.available);
  if (skipped.length) lines.push('', `Not available here: ${skipped.map((k) => `\`${k.id}\` (${k.reason})`).join('; ')}.`);
  if (report.notRun.length) lines.push('', `Not reached within the time budget: ${report.notRun.map((k) => `\`${k}\``).join(', ')}.`);
  const failures = report.results.filter((r) => !r.control).flatMap((r) => r.properties.flatMap((p) => p.failures));
  if (failures.length) {
    lines.push('', '## Failures', '');
    for (const f of failures) {
      lines.push(`- \`${f.kernel}\` **${f.property}** on ${f.family} (id \`${f.id}\`, seed ${f.seed}, path \`${f.path}\`): ${f.message}`);
      lines.push(`  - row (${f.rowLength} float32): \`${f.rowHex}\``, `  - replay: \`npx softmax-verify replay ${f.id}\``);
    }
  }
  const exceeded = report.results.filter((r) => r.tolerance.exceeded.length);
  if (exceeded.length) {
    lines.push('', '## Tolerance table exceeded', '');
    for (const r of exceeded) for (const x of r.tolerance.exceeded) lines.push(`- \`${r.kernel}\` n in ${x.bucket}: measured ${fmtUlp(x.measuredUlp)} ULP, allowed ${fmtUlp(x.allowedUlp)}`);
  }
  const ratchets = report.results.filter((r) => r.tolerance.ratchet);
  if (ratchets.length) {
    lines.push('', '## Ratchet suggestions', '', 'Measured error is below a quarter of the table everywhere; a tighter entry to commit by hand:', '');
    for (const r of ratchets) lines.push(`- \`${r.kernel}\`: \`${JSON.stringify(r.tolerance.ratchet)}\``);
  }
  const missing = report.results.filter((r) => r.missingFamilies.length);
  if (missing.length) {
    lines.push('', '## Coverage gaps', '');
    for (const r of missing) lines.push(`- \`${r.kernel}\`: no rows for ${r.missingFamilies.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}
