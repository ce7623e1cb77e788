/**
 * The softmax oracle of SPEC "The oracle": the exact softmax of the exact
 * float32 inputs, correctly rounded to float32, plus a double reference value
 * for fractional ULP errors. Special values follow SPEC; finite rows go to
 * the float64 tier, and only the elements it cannot decide go to the exact
 * decimal tier.
 */

import { ExactSoftmaxRow } from './exact-decimal.js';
import { fastSoftmax } from './fast-float64.js';
import { roundRationalToF32 } from './f32-rounding.js';

/** What a row of only -Infinity entries yields: NaN (default) or +0 (masked-safe). */
export type AllMaskedPolicy = 'nan' | 'zero';

export interface OracleOptions {
  policy?: AllMaskedPolicy;
}

export interface OracleResult {
  /** The exact softmax rounded to float32 (nearest, ties to even, subnormals kept). */
  rounded: Float32Array;
  /**
   * The exact softmax Y_i as a double: |reference_i - Y_i| <= 2^-49 Y_i + 2^-1068
   * for rows of up to 2^24 finite entries (the fast tier's bound, 6.0 * 2^-52,
   * about 1.3e-15 relative, under its Math.exp assumption; exact-tier and
   * all-equal elements are within 2^-53 Y_i + 2^-1075). In float32 ULPs that is
   * below 2^-25 ULP. NaN where the output is NaN, 0 where it is +0 because of
   * a mask or the policy.
   */
  reference: Float64Array;
  /** Elements decided by the exact tier. Callers aggregate it over rows (see FallbackTally). */
  fallbacks: number;
}

/** Running totals for reporting the fallback rate over many rows. */
export class FallbackTally {
  rows = 0;
  elements = 0;
  fallbacks = 0;

  record(result: OracleResult): void {
    this.rows++;
    this.elements += result.rounded.length;
    this.fallbacks += result.fallbacks;
  }

  /** Fraction of elements that needed the exact tier (0 before any element). */
  get rate(): number {
    return this.elements === 0 ? 0 : this.fallbacks / this.elements;
  }
}

function filled(n: number, value: number): OracleResult {
  return { rounded: new Float32Array(n).fill(value), reference: new Float64Array(n).fill(value), fallbacks: 0 };
}

/**
 * Softmax oracle for one float32 row.
 * - n = 0: empty result.
 * - any NaN or +Infinity: every output NaN.
 * - -Infinity entries: exactly +0, the rest computed as if they were absent.
 * - all entries -Infinity: NaN (policy 'nan', the default) or +0 ('zero').
 * - all finite entries equal (m of them): exactly RN32(1/m), with no tier.
 */
export function softmaxOracle(x: Float32Array, options: OracleOptions = {}): OracleResult {
  const n = x.length;
  let finiteCount = 0;
  let first = NaN;
  let allEqual = true;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v !== v || v === Infinity) return filled(n, NaN);
    if (v === -Infinity) continue;
    if (finiteCount === 0) first = v;
    else if (v !== first) allEqual = false;
    finiteCount++;
  }
  if (finiteCount === 0) return filled(n, (options.policy ?? 'nan') === 'zero' ? 0 : NaN);

  if (allEqual) {
    // Y_i = 1/m exactly; the double 1/m is within 2^-53 of it.
    const share = roundRationalToF32(1n, BigInt(finiteCount));
    const result = filled(n, 0);
    for (let i = 0; i < n; i++) {
      if (x[i] !== -Infinity) {
        result.rounded[i] = share;
        result.reference[i] = 1 / finiteCount;
      }
    }
    return result;
  }

  const fast = fastSoftmax(x);
  if (fast.undecided.length > 0) {
    const exact = new ExactSoftmaxRow(x);
    for (const i of fast.undecided) {
      const element = exact.element(i);
      fast.rounded[i] = element.rounded;
      fast.reference[i] = element.reference;
    }
  }
  return { rounded: fast.rounded, reference: fast.reference, fallbacks: fast.undecided.length };
}
