/**
 * Round to nearest, ties to even, onto the float32 grid (subnormals down to
 * 2^-149 included, as Math.fround does) for values that are known exactly
 * (rationals) or only within an error bound (the oracle's tiers). A bounded
 * value is rounded only when every value within the bound rounds the same
 * way; otherwise the caller must compute more precisely.
 */

import type { Decimal, DecimalCtor } from './decimal-context.js';
import { Bound } from './decimal-context.js';
import { doubleToDecimal } from './dyadic-decimal.js';
import { nextDown32, nextUp32, pow2 } from './float32-bits.js';

/**
 * The float32 that every real in [lo, hi] rounds to, or undefined if they do
 * not all round to one float32 (0 <= lo <= hi, doubles). Rounding is monotone,
 * so it suffices that both ends round to the same float32; if an end is a
 * midpoint itself, Math.fround breaks the tie to even exactly as the real
 * value would be.
 */
export function roundIntervalToF32(lo: number, hi: number): number | undefined {
  const r = Math.fround(lo);
  return Math.fround(hi) === r ? r : undefined;
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/** RN32(num / den) for integers num >= 0, den > 0, computed exactly with BigInt. */
export function roundRationalToF32(num: bigint, den: bigint): number {
  if (num < 0n || den <= 0n) throw new RangeError('roundRationalToF32: need num >= 0 and den > 0');
  if (num === 0n) return 0;
  // binade: 2^e <= num/den < 2^(e+1)
  let e = bitLength(num) - bitLength(den);
  if (e >= 0 ? num < den << BigInt(e) : num << BigInt(-e) < den) e -= 1;
  if (e > 127) return Infinity;
  // float32 spacing in that binade is 2^k; count num/den in units of 2^k
  const k = Math.max(e, -126) - 23;
  const scaledNum = k >= 0 ? num : num << BigInt(-k);
  const scaledDen = k >= 0 ? den << BigInt(k) : den;
  let q = scaledNum / scaledDen;
  const twiceRemainder = 2n * (scaledNum - q * scaledDen);
  if (twiceRemainder > scaledDen || (twiceRemainder === scaledDen && (q & 1n) === 1n)) q += 1n;
  // q <= 2^24 and k >= -149: the product is exact; 2^128 (overflow after rounding) becomes Infinity
  return Math.fround(Number(q) * pow2(k));
}

/** Exact Decimal of the midpoint between two adjacent float32 values (exact in double: 25 bits). */
function midpoint(D: DecimalCtor, a: number, b: number): Decimal {
  return doubleToDecimal(D, (a + b) / 2);
}

/**
 * The float32 that every real within `absError` of `value` rounds to, or
 * undefined when that interval reaches a rounding midpoint. `value` lies in
 * (0, 2] (softmax values are at most 1); `absError` is an upper bound.
 */
export function roundDecimalToF32(value: Decimal, absError: Decimal): number | undefined {
  if (!(value.gt(0) && value.lte(2))) throw new RangeError(`roundDecimalToF32: ${value.toString()} outside (0, 2]`);
  const D = value.constructor as DecimalCtor;
  // The double nearest to value rounds to the right float32 or to a neighbour
  // (double rounding); walk to the float32 whose rounding interval holds value.
  let r = Math.fround(value.toNumber());
  let below = midpoint(D, nextDown32(r), r);
  let above = midpoint(D, r, nextUp32(r));
  while (value.lt(below)) {
    r = nextDown32(r);
    above = below;
    below = midpoint(D, nextDown32(r), r);
  }
  while (value.gt(above)) {
    r = nextUp32(r);
    below = above;
    above = midpoint(D, r, nextUp32(r));
  }
  // The two differences are rounded to D's precision (relative error far below
  // 1/2), so a margin of 2 * absError makes the comparison rigorous.
  const margin = new Bound(absError).times(2);
  return value.minus(below).gt(margin) && above.minus(value).gt(margin) ? r : undefined;
}
