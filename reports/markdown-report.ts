// The check report as Markdown: for PR comments and READMEs.

import type { BenchReport, RatioRow } from '../src/bench/schema.js';
import { formatPow2Label } from '../src/bench/table.js';
import { fmtUlp } from './escape.js';
import type { CheckReport } from '../properties/check/check-report.js';
import { statusLabel } from '../properties/check/verdict.js';
import { coverageMarkdown } from './coverage-table.js';

/** The status label, bold where a gating kernel failed. */
function status(r: CheckReport['results'][number]): string {
  const label = statusLabel(r);
  return label === 'FAIL' ? `**${label}**` : label;
}

export function markdownReport(report: CheckReport, bench?: BenchReport): string {
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
  lines.push(...coverageMarkdown(report));
  if (bench) lines.push('', ...benchMarkdown(bench));
  return lines.join('\n') + '\n';
}

/** A grid with one column per row length n: `cell(key, n)` or blank where that (key, n) was not measured. */
function byNTable(head: string[], keys: string[][], sizes: number[], cell: (key: string[], n: number) => string | undefined): string[] {
  return [
    `| ${[...head, ...sizes.map(formatPow2Label)].join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|${sizes.map(() => '---:').join('|')}|`,
    ...keys.map((k) => `| ${[...k.map((c) => `\`${c}\``), ...sizes.map((n) => cell(k, n) ?? '')].join(' | ')} |`),
  ];
}

/** The bench JSON in brief: kernel x n (ns/elem, GB/s, roofline ratio), peers, and the ratios of the run. */
function benchMarkdown(bench: BenchReport): string[] {
  const m = bench.machine;
  const sizes = [...new Set([...bench.rows, ...bench.peers].map((r) => r.n))].sort((a, b) => a - b);
  const kernels = [...new Set(bench.rows.map((r) => r.kernel))];
  const peers = [...new Set(bench.peers.map((p) => p.peer))];
  const rowOf = new Map(bench.rows.map((r) => [`${r.kernel}@${r.n}`, r]));
  const peerOf = new Map(bench.peers.map((p) => [`${p.peer}@${p.n}`, p]));
  const lines = [
    '## Performance (softmax-verify bench)',
    '',
    `${m.cpuModel}, Node ${m.nodeVersion}, ${bench.createdAt}${bench.quick ? ', --quick' : ''}; load ${m.loadAverage.start.toFixed(2)} -> ${m.loadAverage.end.toFixed(2)}. ` +
      'Cells: median ns per element / GB/s (8 B per element: read x, write y) / roofline ratio (memory-only time over kernel time: 1 = at the memory limit).',
    '',
    ...byNTable(['kernel'], kernels.map((k) => [k]), sizes, ([k], n) => {
      const r = rowOf.get(`${k}@${n}`);
      return r && `${r.nsPerElement.toFixed(3)} / ${r.gbpsCompulsory.toFixed(1)} / ${r.rooflineRatio === null ? '-' : r.rooflineRatio.toFixed(2)}`;
    }),
  ];
  if (peers.length) {
    lines.push('', ...byNTable(['peer'], peers.map((p) => [p]), sizes, ([p], n) => {
      const r = peerOf.get(`${p}@${n}`);
      return r && `${r.nsPerElement.toFixed(3)} / ${r.gbpsCompulsory.toFixed(1)}`;
    }));
  }
  if (bench.ratios.length) {
    const kinds: Array<RatioRow['kind']> = ['two-pass-vs-three-pass', 'accurate-vs-paper', 'peer'];
    const sorted = [...bench.ratios].sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind));
    const pairs = [...new Map(sorted.map((r) => [`${r.kind}|${r.numerator}|${r.denominator}`, [r.kind, r.numerator, r.denominator]])).values()];
    const ratioOf = new Map(bench.ratios.map((r) => [`${r.kind}|${r.numerator}|${r.denominator}@${r.n}`, r.ratio]));
    lines.push(
      '',
      'Ratios: numerator median time / denominator median time (> 1: the denominator is faster).',
      '',
      ...byNTable(['ratio', 'numerator', 'denominator'], pairs, sizes, (k, n) => ratioOf.get(`${k.join('|')}@${n}`)?.toFixed(3)),
    );
  }
  return lines;
}
