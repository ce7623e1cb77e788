/**
 * Test-side references computed independently of the oracle's code paths:
 * inputs made exact from their integer multiple of 2^-149, exponentials from
 * decimal.js exp at 80 digits (the oracle uses its own tables instead), and
 * float32 rounding by scaling to the float32 grid and rounding to an integer.
 */

import { Decimal } from 'decimal.js';


/** 80 significant digits, isolated from the global Decimal configuration. */
export const Ref = Decimal.clone({ defaults: true, precision: 80, rounding: Decimal.ROUND_HALF_EVEN });

/** The exact value of a float32: v * 2^149 is an integer (exact in double), so v = that * 5^149 * 10^-149. */
export function exactF32(v: number): Decimal {
  const scaled = BigInt(v * 2 ** 149);
  return new Ref(`${scaled * 5n ** 149n}e-149`);
}

/** softmax of a row of finite float32 values and -Infinity entries, at 80 digits. */
export function referenceSoftmax(x: ArrayLike<number>): Decimal[] {
  const values = Array.from(x);
  const mu = Math.max(...values.filter((v) => v !== -Infinity));
  const muExact = exactF32(mu);
  const terms = values.map((v) => (v === -Infinity ? new Ref(0) : Ref.exp(exactF32(v).minus(muExact))));
  const sum = terms.reduce((s, t) => s.plus(t), new Ref(0));
  return terms.map((t) => t.div(sum));
}

/**
 * RN32(y) for a Decimal y in [0, 1], ties to even, subnormals included: count
 * y in units of the float32 spacing 2^q of its binade and round that count to
 * an integer. Fails the test if y is within 10^-60 of a tie (80-digit values
 * cannot decide such a case).
 */
export function rn32(y: Decimal): number {
  const approx = y.toNumber();
  if (approx < 2 ** -160) return 0;
  let e = Math.floor(Math.log2(approx));
  if (2 ** e > approx) e--;
  if (2 ** (e + 1) <= approx) e++;
  const q = Math.max(e, -126) - 23;
  const count = y.times(new Ref(2).pow(-q));
  const fraction = count.minus(count.floor());
  if (fraction.minus(0.5).abs().lt('1e-60')) throw new Error(`rn32: ${y.toString()} is too close to a tie`);
  return count.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber() * 2 ** q;
}

/**
 * A 64-entry row in [-2, 2) on which the float64 tier cannot decide element
 * 13 (found by searching seeds); it exercises the exact-tier fallback.
 */
export const FALLBACK_ROW = { seed: 117650, n: 64, lo: -2, hi: 2, undecided: [13] };
