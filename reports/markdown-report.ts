// The check report as Markdown: for PR comments and READMEs.

import type { BenchReport, BenchRow, RatioRow } from '../src/bench/schema.js';
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
      lines.push(`  - row (${f.rowLength} float32): \`${f.rowHex}\``, `  - replay: \`${f.replay}\` (or \`npx softmax-verify replay ${f.id}\` where this run's corpus is)`);
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

/** The bench JSON in brief: kernel x n (ns/elem, GB/s, roofline ratio) per input and denormal mode, peers, the ratios and the sanity flags of the run. */
function benchMarkdown(bench: BenchReport): string[] {
  const m = bench.machine;
  const sizes = [...new Set([...bench.rows, ...bench.peers].map((r) => r.n))].sort((a, b) => a - b);
  const kernelName = (r: BenchRow) => `${r.kernel}${r.timer === 'js-zero-copy' ? ' (zero-copy)' : ''}`;
  const kernels = [...new Map(bench.rows.map((r) => [`${kernelName(r)}|${r.input}|${r.denormals}`, [kernelName(r), r.input, r.denormals]])).values()];
  const peers = [...new Map(bench.peers.map((p) => [`${p.peer}|${p.input}|${p.denormals}`, [p.peer, p.input, p.denormals]])).values()];
  const rowOf = new Map(bench.rows.map((r) => [`${kernelName(r)}|${r.input}|${r.denormals}@${r.n}`, r]));
  const peerOf = new Map(bench.peers.map((p) => [`${p.peer}|${p.input}|${p.denormals}@${p.n}`, p]));
  const llc = bench.method.llcBytes > 0 ? `last-level cache ${(bench.method.llcBytes / 2 ** 20).toFixed(0)} MiB (measured); ` : 'last-level cache unknown; ';
  const lines = [
    '## Performance (softmax-verify bench)',
    '',
    `${m.cpuModel}, Node ${m.nodeVersion}, ${bench.createdAt}${bench.quick ? ', --quick' : ''}; ${llc}load ${m.loadAverage.start.toFixed(2)} -> ${m.loadAverage.end.toFixed(2)}. ` +
      'Cells: median ns per element / GB/s (8 B per element: read x, write y) / roofline ratio (memory-only time over kernel time: 1 = at the memory limit). ' +
      `Denormals: native timings ${bench.method.denormals.join(' and ')}; ${bench.method.denormalsNote}.`,
    '',
    `Row lengths out of the last-level cache (4n bytes > LLC): ${sizes.filter((n) => bench.method.llcBytes > 0 && 4 * n > bench.method.llcBytes).map(formatPow2Label).join(', ') || 'none'}.`,
    '',
    ...byNTable(['kernel', 'input', 'denormals'], kernels, sizes, (k, n) => {
      const r = rowOf.get(`${k.join('|')}@${n}`);
      return r && `${r.nsPerElement.toFixed(3)} / ${r.gbpsCompulsory.toFixed(1)} / ${r.rooflineRatio === null ? '-' : r.rooflineRatio.toFixed(2)}`;
    }),
  ];
  if (peers.length) {
    lines.push('', ...byNTable(['peer', 'input', 'denormals'], peers, sizes, (k, n) => {
      const r = peerOf.get(`${k.join('|')}@${n}`);
      return r && `${r.nsPerElement.toFixed(3)} / ${r.gbpsCompulsory.toFixed(1)}`;
    }));
  }
  if (bench.ratios.length) {
    const kinds: Array<RatioRow['kind']> = ['two-pass-vs-three-pass', 'accurate-vs-paper', 'peer'];
    const sorted = [...bench.ratios].sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind));
    const keyOf = (r: RatioRow) => [r.kind, r.numerator, r.denominator, r.input, r.denormals];
    const pairs = [...new Map(sorted.map((r) => [keyOf(r).join('|'), keyOf(r)])).values()];
    const ratioOf = new Map(bench.ratios.map((r) => [`${keyOf(r).join('|')}@${r.n}`, r.ratio]));
    lines.push(
      '',
      'Ratios: numerator median time / denominator median time (> 1: the denominator is faster).',
      '',
      ...byNTable(['ratio', 'numerator', 'denominator', 'input', 'denormals'], pairs, sizes, (k, n) => ratioOf.get(`${k.join('|')}@${n}`)?.toFixed(3)),
    );
  }
  if (bench.sanity.length) {
    lines.push('', 'Sanity: kernels out of cache below 0.5 of their roofline, with the likely cause.', '');
    for (const s of bench.sanity) lines.push(`- \`${s.kernel}\` n=${formatPow2Label(s.n)}, ${s.input}, denormals ${s.denormals}: ${s.rooflineRatio.toFixed(2)} of its roofline; ${s.cause}`);
  }
  return lines;
}
