// Declared error bounds: the maximum ULP error a kernel may show on one output,
// as a function of the row where the error really depends on it. An output y_i
// passes when ulpError(y_i, Y_i) < maxUlp(context of element i).

import { ulp32 } from '../float-bits.js';

export interface BoundContext {
  /** Row length. */
  n: number;
  /** |x_i - max_j x_j| for the element being checked (finite entries only). */
  spread: number;
  /** max_j |x_j| over the finite entries of the row. */
  magnitude: number;
}

export interface ErrorBound {
  /** The formula in words, for reports and docs. */
  formula: string;
  maxUlp(ctx: BoundContext): number;
}


/** Accurate recipe: faithfully rounded. */
export const FAITHFUL: ErrorBound = { formula: '< 1 ULP (faithful)', maxUlp: () => 1 };

/** Accurate Three-Pass with reloading: one extra float32 rounding of each exp kept in y. */
export const FAITHFUL_RELOAD: ErrorBound = { formula: '< 1.5 ULP (exp stored as float32 between passes)', maxUlp: () => 1.5 };

/**
 * Paper Three-Pass and Online: fl(x_i - max) rounds by up to ulp(x_i - max)/2, which is
 * the relative error it adds to exp (2^23 * ulp(spread) ULP of the output at most); each
 * of the ceil(n/accumulators) - 1 float32 additions into one accumulator adds at most
 * one output ULP (Higham's recursive-summation bound); `base` covers the p5 exp (its
 * error is measured), the reciprocal and the final multiply.
 */
/** ulp32 of the spread, where an infinite spread (x_i = -inf: its output is exactly 0) allows anything. */
function spreadUlp32(spread: number): number {
  return spread === Infinity ? Infinity : ulp32(spread);
}

export function paperMinusMaxBound(base: number, accumulators: number): ErrorBound {
  return {
    formula: `${base} + 2^23*ulp32(|x_i - max|) + (ceil(n/${accumulators}) - 1)`,
    maxUlp: ({ n, spread }) => base + 2 ** 23 * spreadUlp32(spread) + Math.max(0, Math.ceil(n / accumulators) - 1),
  };
}

/**
 * Paper Two-Pass: no x_i - max is formed; the reduction error grows with |x|
 * (n ln2 in two float32 parts, n = round(x log2e) in float32): `perMagnitude` ULP per
 * unit of max|x| (measured); sums as above. Beyond |x| = 2^24 float32 cannot reduce
 * the argument and outputs are only guaranteed finite and in [0, 1].
 */
export function paperTwoPassBound(base: number, perMagnitude: number, accumulators: number): ErrorBound {
  return {
    formula: `${base} + ${perMagnitude}*max|x| + (ceil(n/${accumulators}) - 1); unbounded for max|x| >= 2^24`,
    maxUlp: ({ n, magnitude }) =>
      magnitude >= 2 ** 24 ? Infinity : base + perMagnitude * magnitude + Math.max(0, Math.ceil(n / accumulators) - 1),
  };
}

/** The naive control declares nothing it could meet on extreme rows; it is expected to fail. */
export const CONTROL: ErrorBound = { formula: 'none (negative control)', maxUlp: () => 4 };
