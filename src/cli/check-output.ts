// How `check` prints: one line per kernel, then each failure with its row and replay
// line, then the run's summary. Everything here formats a CheckReport (or a part of it).

import type { CheckReport, KernelReport } from '../../properties/check/check-report.js';
import { gatingResults, statusLabel } from '../../properties/check/verdict.js';

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return v < 10 ? v.toFixed(3) : v < 1e5 ? v.toFixed(1) : v.toExponential(2);
}

export function kernelLine(r: KernelReport): string {
  const a = r.accuracy;
  const rows = Object.values(r.familyRows).reduce((s, v) => s + v, 0);
  return `${statusLabel(r).padEnd(24)} ${r.kernel.padEnd(38)} maxULP ${fmt(a.maxUlp).padStart(9)}  p99 ${fmt(a.p99Ulp).padStart(7)}  sum-1 ${fmt(a.maxSumToOne).padStart(8)} x2^-24  err/bound ${fmt(a.maxBoundRatio).padStart(6)}  rows ${String(rows).padStart(6)}  ${r.seconds.toFixed(1)}s`;
}

/** The kernel line, its failures and its tolerance excesses. */
export function kernelBlock(r: KernelReport, tolerances: string | null): string[] {
  const lines = [kernelLine(r)];
  for (const p of r.properties) {
    for (const f of p.failures) {
      lines.push(`    ${p.property} on ${f.family}: ${f.message}`, `      kernel ${f.kernel}, seed ${f.seed}, path ${f.path}`, `      row (${f.rowLength} float32, hex): ${f.rowHex}`, `      replay: ${f.replay}`);
    }
  }
  for (const x of r.tolerance.exceeded) lines.push(`    tolerance ${tolerances}: n in ${x.bucket}: measured ${x.measuredUlp} ULP > allowed ${x.allowedUlp ?? '(no entry)'}`);
  if (r.missingFamilies.length) lines.push(`    no rows were checked for: ${r.missingFamilies.join(', ')}`);
  return lines;
}

export function summaryLines(report: CheckReport, timeBudgetSeconds: number): string[] {
  const lines: string[] = [];
  if (report.notRun.length) lines.push(`time budget of ${timeBudgetSeconds}s reached; not checked: ${report.notRun.join(', ')}`);
  const fallbacks = report.results.reduce((s, r) => s + r.oracleFallbacks, 0);
  const elements = report.results.reduce((s, r) => s + r.oracleElements, 0);
  lines.push(`oracle: ${elements} elements, ${fallbacks} decided by the exact tier (${elements ? ((100 * fallbacks) / elements).toPrecision(2) : 0}%)`);
  const gating = gatingResults(report.results);
  lines.push(`verdict: ${report.verdict} (${gating.filter((r) => r.passed).length}/${gating.length} kernels pass; controls do not gate)`);
  return lines;
}
