// The check report as one self-contained HTML file: summary table, failures, and
// every chart as inline SVG rendered by vega in Node (no scripts, no fonts, no
// network), so it opens offline and can be attached to a CI run.

import { coverageHtml } from './coverage-table.js';
import type { BenchReport } from '../src/bench/schema.js';
import { formatPow2Label } from '../src/bench/table.js';
import { benchChartsFor } from './bench-charts.js';
import { primaryRows, sharedN } from './bench-json.js';
import { chartsFor, renderSvg, type Chart } from './charts.js';
import { statusLabel } from '../properties/check/verdict.js';
import { escapeXml as esc, fmtUlp } from './escape.js';
import type { CheckReport } from '../properties/check/check-report.js';
import { machineLabel } from './merge.js';
import { renderMutationHtml, type MutationReport } from './mutation-table.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1500px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:32px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:12px}td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:right}
td:first-child,th:first-child{text-align:left;font-family:ui-monospace,monospace}
.pass{color:#1a7f37}.fail{color:#c62828;font-weight:600}.control{color:#8a6d00}.note{color:#666}
figure{margin:16px 0;overflow-x:auto}figcaption{color:#555;font-size:12px;max-width:900px}
code{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}`;

function summaryTable(report: CheckReport): string {
  const rows = report.results.map((r) => {
    const a = r.accuracy;
    const cls = r.passed ? 'pass' : r.control ? 'control' : 'fail';
    const verdict = statusLabel(r);
    const tol = r.tolerance.status === 'exceeded' ? '<span class="fail">exceeded</span>' : r.tolerance.ratchet ? 'pass; far below: ratchet (see report.md)' : r.tolerance.status;
    return `<tr><td>${esc(r.kernel)}</td><td class="${cls}">${verdict}</td><td>${fmtUlp(a.maxUlp)}</td><td>${fmtUlp(a.p99Ulp)}</td><td>${fmtUlp(a.meanUlp)}</td><td>${fmtUlp(a.maxSumToOne)}</td><td>${fmtUlp(a.maxBoundRatio)}</td><td style="text-align:left">${tol}</td><td>${a.elements}</td></tr>`;
  });
  return `<table><tr><th>kernel</th><th>verdict</th><th>max ULP</th><th>p99</th><th>mean</th><th>max |sum-1| (2^-24)</th><th>error/bound</th><th>tolerance table</th><th>outputs</th></tr>${rows.join('')}</table>`;
}

function failureList(report: CheckReport): string {
  const failures = report.results.filter((r) => !r.control).flatMap((r) => r.properties.flatMap((p) => p.failures));
  if (failures.length === 0) return '<p class="pass">No contract failures.</p>';
  return `<ul>${failures.map((f) => `<li><b>${esc(f.kernel)}</b> ${esc(f.property)} on ${esc(f.family)}: ${esc(f.message)}<br><code>replay: ${esc(f.replay)}</code><br><code>row (${f.rowLength} float32): ${esc(f.rowHex)}</code></li>`).join('')}</ul>`;
}

/**
 * Kernel x machine: max ULP and whether the fixed-grid outputs are bit-identical to the first
 * machine's; with bench JSON, also each machine's ns per element at one n shared by all of them.
 */
function machinesTable(machines: readonly CheckReport[], benches: ReadonlyArray<BenchReport | undefined>): string {
  const kernels = [...new Set(machines.flatMap((m) => m.results.map((r) => r.kernel)))];
  const timed = benches.filter((b): b is BenchReport => b !== undefined);
  const speed = timed.length > 0;
  // With speeds, each machine spans two columns under its name.
  const head = speed
    ? `<tr><th rowspan="2">kernel</th><th rowspan="2">n</th>${machines.map((m) => `<th colspan="2">${esc(machineLabel(m))}</th>`).join('')}</tr><tr>${machines.map(() => '<th>max ULP</th><th>ns/elem</th>').join('')}</tr>`
    : `<tr><th>kernel</th>${machines.map((m) => `<th>${esc(machineLabel(m))}</th>`).join('')}</tr>`;
  const rows = kernels.map((k) => {
    const reference = machines.map((m) => m.agreement.kernels[k]?.digest).find((d) => d !== undefined);
    const n = speed ? sharedN(timed, k) : null;
    const cells = machines.map((m, i) => {
      const r = m.results.find((x) => x.kernel === k);
      const digest = m.agreement.kernels[k]?.digest;
      const same = digest === undefined ? '' : digest === reference ? ' =' : ' <span class="fail">&ne; bits</span>';
      const ulp = r ? `<td class="${r.passed ? 'pass' : r.control ? 'control' : 'fail'}">${fmtUlp(r.accuracy.maxUlp)}${same}</td>` : '<td class="note">not run</td>';
      if (!speed) return ulp;
      const t = benches[i] && primaryRows(benches[i]).find((x) => x.kernel === k && x.n === n);
      return `${ulp}<td>${t ? t.nsPerElement.toFixed(3) : '<span class="note">-</span>'}</td>`;
    });
    return `<tr><td>${esc(k)}</td>${speed ? `<td>${n === null ? '-' : formatPow2Label(n)}</td>` : ''}${cells.join('')}</tr>`;
  });
  const legend = speed
    ? ' ns/elem: median ns per element from the machine\'s bench JSON at n, the largest row length every bench timing the kernel measured ("-": not timed there).'
    : '';
  return `<p class="note">Max ULP error per machine; "=" marks outputs on the fixed agreement grid bit-identical to the first machine that ran the kernel.${legend}</p><table>${head}${rows.join('')}</table>`;
}

async function figure(chart: Chart): Promise<string> {
  return `<h2>${esc(chart.title)}</h2><figure class="chart" data-chart="${chart.id}">${await renderSvg(chart.spec)}<figcaption>${esc(chart.caption)}</figcaption></figure>`;
}

/** The bench run the performance charts come from: it may be older or from another process than the check. */
function benchHeading(bench: BenchReport): string {
  const m = bench.machine;
  return `<h2>Performance (softmax-verify bench)</h2><p>${esc(m.cpuModel)}, Node ${esc(m.nodeVersion)}, ${esc(bench.createdAt)}${bench.quick ? ', --quick' : ''}; ${bench.rows.length} (kernel, n) timings, ${bench.peers.length} peer timings; load ${m.loadAverage.start.toFixed(2)} -&gt; ${m.loadAverage.end.toFixed(2)}. Numbers: report.md.</p>`;
}

/** `benches[i]`: the bench JSON of `machines[i]`, if given; the charts are the first machine's. */
export async function htmlReport(
  machines: readonly CheckReport[],
  benches: ReadonlyArray<BenchReport | undefined>,
  notes: readonly string[],
  mutation?: MutationReport,
): Promise<string> {
  const report = machines[0];
  const o = report.options;
  const figures: string[] = [];
  for (const chart of chartsFor(report)) figures.push(await figure(chart));
  const bench = benches[0];
  if (bench) {
    figures.push(benchHeading(bench));
    for (const chart of benchChartsFor(bench)) figures.push(await figure(chart));
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>softmax-verify: ${esc(report.verdict)}</title><style>${STYLE}</style></head>
<body>
<h1>softmax-verify check: <span class="${report.verdict === 'pass' ? 'pass' : 'fail'}">${esc(report.verdict.toUpperCase())}</span></h1>
<p>seed ${esc(String(o.seed))}, runs ${esc(String(o.runs))}, long rows up to ${esc(String(o.maxLongRow))}; ${esc(machineLabel(report))}, ISAs ${esc(report.machine.isas.join(', '))}, Node ${esc(report.machine.node)}; tolerance table ${esc(o.tolerances ?? 'none')}; ${esc(report.createdAt)}</p>
${notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
${machines.length > 1 ? `<h2>Machines side by side</h2>${machinesTable(machines, benches)}<p class="note">Charts below are for ${esc(machineLabel(report))}.</p>` : ''}
<h2>Kernels</h2>${summaryTable(report)}
<h2>Failures</h2>${failureList(report)}
${coverageHtml(report, esc)}
${figures.join('\n')}
${mutation ? `<h2>Mutation testing</h2>${renderMutationHtml(mutation, esc)}` : ''}
</body></html>
`;
}
