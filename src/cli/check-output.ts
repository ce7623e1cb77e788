// How `check` prints: one line per kernel, then its failures grouped by property (the
// families and row lengths where they occur, and one shrunk example: the shortest), then the
// run's summary. The control's expected failures are one line unless --verbose. Widths fit
// the terminal: rows of float32 bits are cut to the line (the report JSON has them whole).

import type { CheckReport, Failure, KernelReport } from '../../properties/check/check-report.js';
import { gatingResults, statusLabel } from '../../properties/check/verdict.js';
import { printCoverageVerdict } from '../../properties/check/coverage.js';
import { worstLine } from '../../properties/check/worst-row.js';

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return v < 10 ? v.toFixed(3) : v < 1e5 ? v.toFixed(1) : v.toExponential(2);
}

export interface OutputStyle {
  /** Width of the kernel-id column: the longest id of the run. */
  idWidth: number;
  /** Characters per line (the terminal's, else a wide default for logs). */
  columns: number;
  verbose: boolean;
}

export function outputStyle(ids: readonly string[], verbose: boolean, columns = process.stdout.isTTY ? process.stdout.columns : 200): OutputStyle {
  return { idWidth: Math.max(20, ...ids.map((id) => id.length)), columns: Math.max(60, columns ?? 200), verbose };
}

export function kernelLine(r: KernelReport, style: OutputStyle): string {
  const a = r.accuracy;
  const rows = Object.values(r.familyRows).reduce((s, v) => s + v, 0);
  return `${statusLabel(r).padEnd(24)} ${r.kernel.padEnd(style.idWidth)} maxULP ${fmt(a.maxUlp).padStart(9)}  p99 ${fmt(a.p99Ulp).padStart(7)}  sum-1 ${fmt(a.maxSumToOne).padStart(8)} x2^-24  err/bound ${fmt(a.maxBoundRatio).padStart(6)}  rows ${String(rows).padStart(6)}  ${r.seconds.toFixed(1)}s`;
}

function fit(line: string, columns: number): string {
  return line.length <= columns ? line : `${line.slice(0, columns - 12)} ...(cut)`;
}

/** Where one property fails: each family with the lengths of its shrunk rows, e.g. "uniform (n = 7), ties (n = 15, 31)". */
export function failurePattern(failures: readonly Failure[]): string {
  const byFamily = new Map<string, Set<number>>();
  for (const f of failures) byFamily.set(f.family, (byFamily.get(f.family) ?? new Set()).add(f.rowLength));
  return [...byFamily].map(([family, ns]) => `${family} (n = ${[...ns].sort((a, b) => a - b).join(', ')})`).join(', ');
}

/**
 * A tail or blocking bug fails at lengths of one residue: "7 mod 8 (8 of 9 distinct
 * lengths)". Over power-of-two moduli up to 256, the residue shared by at least 3 and 80% of
 * the distinct failing lengths that is least likely by chance: each length that shares it
 * counts log2(m) for it, each that does not counts log2(m) against (a bug of that residue
 * would not fail there), so a larger modulus wins only if it loses no more lengths than it
 * explains. Null when no residue qualifies.
 */
export function lengthPattern(lengths: readonly number[]): string | null {
  const distinct = [...new Set(lengths)].filter((n) => n > 0).sort((a, b) => a - b);
  if (distinct.length < 3) return null;
  let best: { m: number; residue: number; hits: number; score: number } | null = null;
  for (let m = 2; m <= 256; m *= 2) {
    const count = new Map<number, number>();
    for (const n of distinct) count.set(n % m, (count.get(n % m) ?? 0) + 1);
    const [residue, hits] = [...count].sort((a, b) => b[1] - a[1])[0];
    const score = (hits - 1 - (distinct.length - hits)) * Math.log2(m);
    if (hits >= 3 && hits >= 0.8 * distinct.length && (!best || score > best.score)) best = { m, residue, hits, score };
  }
  if (!best) return null;
  const shown = `${distinct.slice(0, 8).join(', ')}${distinct.length > 8 ? ', ...' : ''}`;
  return `failing lengths are ${best.residue} mod ${best.m} (${best.hits} of ${distinct.length} distinct lengths: ${shown}): a tail or blocking bug?`;
}

function groupedFailures(r: KernelReport, style: OutputStyle): string[] {
  const lines: string[] = [];
  const pattern = lengthPattern(r.properties.flatMap((p) => p.failures.map((f) => f.rowLength)));
  if (pattern) lines.push(fit(`    pattern: ${pattern}`, style.columns));
  for (const p of r.properties) {
    if (p.failures.length === 0) continue;
    const example = [...p.failures].sort((a, b) => a.rowLength - b.rowLength)[0];
    lines.push(
      fit(`    ${p.property} fails on ${failurePattern(p.failures)}`, style.columns),
      // The message is the substance: whole; the row (possibly thousands of entries) is cut to the line.
      `      e.g. ${p.property} on ${example.family}: ${example.message}`,
      fit(`      row (${example.rowLength} float32, hex): ${example.rowHex}`, style.columns),
      `      replay: ${example.replay}`,
    );
    if (p.failures.length > 1) lines.push(`      (${p.failures.length - 1} more failure(s) of ${p.property}: the report's JSON, Markdown and JUnit list each with its replay line)`);
  }
  return lines;
}

/** The kernel line, its failures and its tolerance excesses. */
export function kernelBlock(r: KernelReport, tolerances: string | null, style: OutputStyle): string[] {
  const lines = [kernelLine(r, style)];
  const failures = r.properties.flatMap((p) => p.failures);
  if (r.control && !style.verbose) {
    if (failures.length) lines.push(`    ${failures.length} expected failure(s) of the negative control in ${r.properties.filter((p) => !p.passed).length} properties (--verbose shows them)`);
  } else {
    lines.push(...groupedFailures(r, style));
    // A shrunk row sits just over the bound; say how far the kernel really went.
    const worst = r.passed ? null : worstLine(r.worst);
    if (worst) lines.push(fit(`    ${worst}`, style.columns));
  }
  for (const x of r.tolerance.exceeded) lines.push(`    tolerance ${tolerances}: n in ${x.bucket}: measured ${x.measuredUlp} ULP > allowed ${x.allowedUlp ?? '(no entry)'}`);
  if (r.missingFamilies.length) lines.push(`    no rows were checked for: ${r.missingFamilies.join(', ')}`);
  return lines;
}

export function summaryLines(report: CheckReport, timeBudgetSeconds: number, bail = false): string[] {
  const lines: string[] = [];
  const bailed = bail && gatingResults(report.results).some((r) => !r.passed);
  if (report.notRun.length) lines.push(`${bailed ? '--bail: stopped at the first failing kernel' : `time budget of ${timeBudgetSeconds}s reached`}; not checked: ${report.notRun.join(', ')}`);
  if (report.coverage) printCoverageVerdict(report.coverage, (line) => lines.push(line));
  const fallbacks = report.results.reduce((s, r) => s + r.oracleFallbacks, 0);
  const elements = report.results.reduce((s, r) => s + r.oracleElements, 0);
  lines.push(`oracle: ${elements} elements, ${fallbacks} decided by the exact tier (${elements ? ((100 * fallbacks) / elements).toPrecision(2) : 0}%)`);
  const gating = gatingResults(report.results);
  lines.push(`verdict: ${report.verdict} (${gating.filter((r) => r.passed).length}/${gating.length} kernels pass; controls do not gate)`);
  return lines;
}
