// `--baseline FILE`: a kernel (on the same input, in the same denormal mode) is a regression at n >= 2^16 when its median ns/element is
// worse than the baseline's by more than 10% AND by more than 3x the larger jitter of the two
// runs: both, so neither noise nor a tiny real change alone trips it. Jitter is median - min:
// interference from other processes only ever slows samples down, so a single slow outlier
// (which max - min would count) says nothing about how repeatable the median is.

import { UsageError } from '../errors.js';
import { readBenchReport } from './read-bench-report.js';
import type { BenchReport, BenchRow } from './schema.js';

export const REGRESSION_MIN_N = 2 ** 16;
export const REGRESSION_RELATIVE = 0.1;
export const REGRESSION_SPREADS = 3;

export interface Regression {
  kernel: string;
  n: number;
  baselineNsPerElement: number;
  nsPerElement: number;
  /** The current row it was found on (what a retest times again). */
  row: BenchRow;
}

export function readBaseline(path: string): BenchReport {
  try {
    return readBenchReport(path);
  } catch (e) {
    throw new UsageError(`--baseline ${path}: ${(e as Error).message}`);
  }
}

const jitter = (r: BenchRow) => (r.ns.median - r.ns.min) / r.n;

/** What makes two rows the same measurement: kernel, n, input, denormal mode and timer. */
export const rowKey = (r: BenchRow): string => `${r.kernel}@${r.n}|${r.input}|${r.denormals}|${r.timer}`;

/** Suspects only: src/bench/gate.ts retests them before anything is called a regression. */
export function findRegressions(current: readonly BenchRow[], baseline: readonly BenchRow[]): Regression[] {
  const base = new Map(baseline.map((r) => [rowKey(r), r]));
  return current.flatMap((r) => {
    const b = base.get(rowKey(r));
    if (!b || r.n < REGRESSION_MIN_N) return [];
    const worse = r.nsPerElement - b.nsPerElement;
    const regressed = worse > REGRESSION_RELATIVE * b.nsPerElement && worse > REGRESSION_SPREADS * Math.max(jitter(r), jitter(b));
    return regressed ? [{ kernel: r.kernel, n: r.n, baselineNsPerElement: b.nsPerElement, nsPerElement: r.nsPerElement, row: r }] : [];
  });
}
