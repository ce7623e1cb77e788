/**
 * Exact tier: Y_i = e^(x_i - mu) / sum_k e^(x_k - mu) of the exact float32
 * inputs, evaluated with decimal.js at a working precision together with a
 * rigorous error bound, and rounded to float32 only when the bound decides
 * the rounding. Otherwise the precision is doubled and the element recomputed
 * (Ziv's strategy).
 *
 * Termination: a rounding midpoint is a dyadic rational. If Y_i were rational,
 * q * e^(d_i) = p * sum_k e^(d_k) would be a linear relation with rational
 * coefficients between exponentials of distinct rationals, which
 * Lindemann-Weierstrass forbids unless every finite entry is equal; then
 * Y_i = 1/m, dyadic only for m = 2^j, and 2^-j (j < 150) is a float32, not a
 * midpoint. So Y_i is never a midpoint and Ziv's loop ends; the cap only
 * guards against a bug.
 *
 * Inputs enter exactly: distances a_k = mu - x_k are taken apart into their
 * exact binary digits (splitDistance), never through decimal strings of floats.
 */

import type { Decimal } from './decimal-context.js';
import { Bound, decimalAt, unitRoundoff } from './decimal-context.js';
import { dyadicToDecimal } from './dyadic-decimal.js';
import { DistanceSplit, expTablesFor, splitDistance } from './exp-tables.js';
import type { ExpTables } from './exp-tables.js';
import { roundDecimalToF32 } from './f32-rounding.js';

/** Working precision of the first attempt, in significant decimal digits. */
export const INITIAL_DIGITS = 40;
/** Ziv stops doubling beyond this precision and throws. */
export const MAX_DIGITS = 1280;

/**
 * e^-104 < 2^-150 (because 150 ln 2 = 103.97...) and the sum is at least 1,
 * so an element with distance a >= 104 is below half the smallest subnormal
 * and rounds to +0.
 */
export const ROUNDS_TO_ZERO_DISTANCE = 104;
/** e^-746 < 2^-1076: below that distance Y_i's nearest double is 0. */
const BELOW_DOUBLES_DISTANCE = 746;
const LOG2_E_LOWER = 1.4426950408;

/** One element evaluated at one precision. */
export interface ExactEvaluation {
  /** Approximation of the exact Y_i. */
  value: Decimal;
  /** Rigorous bound on |value - Y_i|. */
  absError: Decimal;
  /** RN32(Y_i) when the bound decides it, else undefined. */
  rounded: number | undefined;
}

/** One element decided by Ziv's loop. */
export interface ExactElement {
  /** RN32(Y_i), ties to even, subnormals included. */
  rounded: number;
  /** Y_i rounded to the nearest double: |reference - Y_i| <= 2^-53 Y_i (1 + 10^-30) + 2^-1075. */
  reference: number;
  /** The working precision that decided it. */
  digits: number;
}

interface RowSum {
  value: Decimal;
  relError: Decimal;
}

/** Fixed-point width for a working precision: the digits in bits, plus 40 bits for up to 2^40 terms. */
function widthFor(digits: number): number {
  return Math.ceil(digits * Math.log2(10)) + 40;
}

/**
 * One row prepared for exact evaluation. The row sum is computed once per
 * precision and shared by every element, so the fallback elements of a long
 * row pay for one exact sum, not one each.
 */
export class ExactSoftmaxRow {
  private readonly x: Float32Array;
  private readonly mu: number;
  private readonly finiteCount: number;
  private readonly sums = new Map<number, RowSum>();
  private readonly elementSplit = new DistanceSplit();
  private readonly sumSplit = new DistanceSplit();

  /** `x` holds finite float32 values and -Infinity (masked) entries, at least one finite. */
  constructor(x: Float32Array) {
    this.x = Float32Array.from(x);
    let mu = -Infinity;
    let finiteCount = 0;
    for (const v of this.x) {
      if (Number.isNaN(v) || v === Infinity) {
        throw new RangeError('ExactSoftmaxRow: NaN and +Infinity rows are special values, not for the exact tier');
      }
      if (v !== -Infinity) {
        finiteCount++;
        if (v > mu) mu = v;
      }
    }
    if (finiteCount === 0) throw new RangeError('ExactSoftmaxRow: the row has no finite entry');
    this.mu = mu;
    this.finiteCount = finiteCount;
  }

  /** Element i at `digits` significant digits, with its error bound; no escalation. */
  evaluate(i: number, digits: number): ExactEvaluation {
    const D = decimalAt(digits);
    const xi = this.x[i];
    if (xi === undefined) throw new RangeError(`ExactSoftmaxRow: index ${i} out of range`);
    if (xi === -Infinity) return { value: new D(0), absError: new Bound(0), rounded: 0 };
    const split = splitDistance(this.mu, xi, this.elementSplit);
    if (split.integerPart >= BELOW_DOUBLES_DISTANCE) {
      return { value: new D(0), absError: dyadicToDecimal(Bound, 1n, -1076), rounded: 0 };
    }
    const tables = expTablesFor(widthFor(digits));
    const u = unitRoundoff(tables.digits);
    // Numerator e^-a as a product of m table entries (m - 1 roundings).
    let numerator = tables.decimal(0, split.integerPart);
    let factors = 1;
    for (let j = 1; j <= split.levels; j++) {
      const b = split.bytes[j]!;
      if (b !== 0) {
        numerator = numerator.times(tables.decimal(j, b));
        factors++;
      }
    }
    const numeratorError = tables.entryError.times(factors).plus(u.times(factors - 1)).times(1.01);
    const sum = this.sumAt(digits, tables);
    const value = numerator.div(sum.value);
    // (1 + eN)(1 + u) / (1 - eS) - 1 <= (eN + u + eS) * 1.01 for bounds this small.
    const relError = numeratorError.plus(u).plus(sum.relError).times(1.01);
    const absError = new Bound(value).times(relError).times(1.01);
    const rounded = split.integerPart >= ROUNDS_TO_ZERO_DISTANCE ? 0 : roundDecimalToF32(value, absError);
    return { value, absError, rounded };
  }

  /** Element i, correctly rounded: the precision doubles from `startDigits` until decided. */
  element(i: number, startDigits: number = INITIAL_DIGITS): ExactElement {
    for (let digits = startDigits; digits <= MAX_DIGITS; digits *= 2) {
      const { value, rounded } = this.evaluate(i, digits);
      if (rounded !== undefined) return { rounded, reference: value.toNumber(), digits };
    }
    throw new Error(`exact softmax: element ${i} undecided at ${MAX_DIGITS} digits (row must be degenerate)`);
  }

  /**
   * S = sum_k e^-a_k on a fixed-point grid of 2^-W, every term a product of
   * table entries truncated after each multiplication. A product of m factors
   * is within m * (entryError + 2^(1-W)) * 1.01 of the true term; terms with
   * a_k >= C, C = ceil((W + log2 n) ln 2), are dropped and together weigh at
   * most n e^-C <= 2^-W. S >= 1 (the maximum contributes e^0), so these
   * absolute bounds are relative bounds too.
   */
  private sumAt(digits: number, tables: ExpTables): RowSum {
    const cached = this.sums.get(digits);
    if (cached !== undefined) return cached;
    const width = tables.width;
    const widthBig = BigInt(width);
    const cutoff = Math.ceil((width + Math.log2(this.finiteCount)) * Math.LN2);
    if (cutoff >= tables.integerLimit) throw new RangeError('exact softmax: row longer than 2^40 entries');
    const split = this.sumSplit;
    let total = 0n;
    let factors = 0;
    let dropped = 0;
    for (const v of this.x) {
      if (v === -Infinity) continue;
      // fl(mu - v) > cutoff implies mu - v > cutoff: rounding is monotone and cutoff is a double.
      if (this.mu - v > cutoff) {
        dropped++;
        continue;
      }
      splitDistance(this.mu, v, split);
      if (split.integerPart >= cutoff) {
        dropped++;
        continue;
      }
      let term = tables.fixed(0, split.integerPart);
      factors++;
      for (let j = 1; j <= split.levels; j++) {
        const b = split.bytes[j]!;
        if (b !== 0) {
          term = (term * tables.fixed(j, b)) >> widthBig;
          factors++;
        }
      }
      total += term;
    }
    const D = decimalAt(tables.digits);
    const value = new D(total.toString()).div(new D((1n << widthBig).toString()));
    const truncation = dyadicToDecimal(Bound, 1n, 1 - width);
    const droppedWeight = new Bound(dropped).times(dyadicToDecimal(Bound, 1n, -Math.floor(cutoff * LOG2_E_LOWER)));
    const absError = tables.entryError.plus(truncation).times(factors).times(1.01).plus(droppedWeight);
    const relError = absError.plus(unitRoundoff(tables.digits)).times(1.01);
    const sum = { value, relError };
    this.sums.set(digits, sum);
    return sum;
  }
}

/** The whole row, correctly rounded, with reference values (see ExactElement.reference). */
export function exactSoftmax(x: Float32Array): { rounded: Float32Array; reference: Float64Array } {
  const row = new ExactSoftmaxRow(x);
  const rounded = new Float32Array(x.length);
  const reference = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const e = row.element(i);
    rounded[i] = e.rounded;
    reference[i] = e.reference;
  }
  return { rounded, reference };
}

/** One element of a row, correctly rounded (the oracle's fallback). */
export function exactSoftmaxElement(x: Float32Array, i: number): ExactElement {
  return new ExactSoftmaxRow(x).element(i);
}

/** Every element at a caller-chosen precision, without escalation (for testing the tier against itself). */
export function exactSoftmaxAtPrecision(x: Float32Array, digits: number): ExactEvaluation[] {
  const row = new ExactSoftmaxRow(x);
  return Array.from(x, (_, i) => row.evaluate(i, digits));
}
