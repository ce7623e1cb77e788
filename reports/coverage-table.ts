// The coverage table of a check report (properties/check/coverage.ts), for the Markdown
// and HTML reports: per declared cell, the fewest rows any kernel gave it and the kernels
// that left it empty; and each kernel's true worst error with the row that reached it.

import type { CheckReport } from '../properties/check/check-report.js';
import { COVERAGE_DIMENSIONS, declaredCoverage } from '../properties/check/coverage.js';

interface CellRow {
  dimension: string;
  cell: string;
  /** Fewest rows (elements for `band`) any kernel gave this cell. */
  min: number;
  /** Most rows any kernel gave it. */
  max: number;
  empty: string[];
}

function cellRows(report: CheckReport): CellRow[] {
  const declared = report.coverage?.declared ?? declaredCoverage(report.options.maxLongRow);
  const rows: CellRow[] = [];
  for (const dim of COVERAGE_DIMENSIONS) {
    for (const cell of declared[dim] ?? []) {
      const counts = report.results.map((r) => ({ kernel: r.kernel, c: r.coverage?.[dim]?.[cell] ?? 0 }));
      rows.push({ dimension: dim, cell, min: Math.min(...counts.map((c) => c.c)), max: Math.max(...counts.map((c) => c.c)), empty: counts.filter((c) => c.c === 0).map((c) => c.kernel) });
    }
  }
  return rows;
}

function verdictLine(report: CheckReport): string {
  const v = report.coverage;
  if (!v) return 'This report has no coverage table (written before coverage accounting).';
  if (!v.declared) return `A ${v.scope} run is not held to the declared table; counts are what it exercised.`;
  return v.empty.length ? `${v.empty.length} declared cell(s) left empty: the run is untrustworthy (exit 3).` : 'Every declared cell was reached by every kernel.';
}

const worstText = (r: CheckReport['results'][number]) =>
  r.worst ? `${r.worst.ulp === null ? 'non-finite' : r.worst.ulp.toPrecision(4)} ULP at y[${r.worst.index}] of a ${r.worst.n}-element ${r.worst.family} row (${r.worst.property}): y ${r.worst.y}, oracle ${r.worst.oracle}` : 'no error';

export function coverageMarkdown(report: CheckReport): string[] {
  if (!report.results.length) return [];
  const lines = ['', '## Coverage', '', verdictLine(report), '', '| dimension | cell | fewest (any kernel) | most | empty for |', '|---|---|---:|---:|---|'];
  for (const c of cellRows(report)) lines.push(`| ${c.dimension} | \`${c.cell}\` | ${c.min} | ${c.max} | ${c.empty.length ? c.empty.map((k) => `\`${k}\``).join(', ') : ''} |`);
  lines.push('', '## True worst error per kernel', '', 'Over every output checked (not only the shrunk counterexamples):', '');
  for (const r of report.results) lines.push(`- \`${r.kernel}\`: ${worstText(r)}`);
  return lines;
}

export function coverageHtml(report: CheckReport, esc: (s: string) => string): string {
  if (!report.results.length) return '';
  const body = cellRows(report)
    .map((c) => `<tr class="${c.empty.length ? 'fail' : ''}"><td>${esc(c.dimension)}</td><td><code>${esc(c.cell)}</code></td><td>${c.min}</td><td>${c.max}</td><td>${esc(c.empty.join(', '))}</td></tr>`)
    .join('');
  const worst = report.results.map((r) => `<li><code>${esc(r.kernel)}</code>: ${esc(worstText(r))}</li>`).join('');
  return `<h2>Coverage</h2><p>${esc(verdictLine(report))}</p><table><thead><tr><th>dimension</th><th>cell</th><th>fewest (any kernel)</th><th>most</th><th>empty for</th></tr></thead><tbody>${body}</tbody></table>` +
    `<h2>True worst error per kernel</h2><ul>${worst}</ul>`;
}
