import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bound, decimalAt } from '../../oracles/decimal-context.js';
import { doubleToDecimal } from '../../oracles/dyadic-decimal.js';
import { roundDecimalToF32, roundIntervalToF32, roundRationalToF32 } from '../../oracles/f32-rounding.js';
import { FLT_MAX, FLT_MIN_NORMAL, FLT_TRUE_MIN, decomposeF64, nextDown32, nextUp32 } from '../../oracles/float32-bits.js';

const SEED = 777;
const D = decimalAt(60);

/** A positive double as the rational num/den it is exactly. */
function asRational(v: number): [bigint, bigint] {
  const { mantissa, exponent } = decomposeF64(v);
  return exponent >= 0 ? [mantissa << BigInt(exponent), 1n] : [mantissa, 1n << BigInt(-exponent)];
}

describe('roundRationalToF32', () => {
  it('agrees with Math.fround (exact RNE from double) on every positive double', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e39, noNaN: true }), (v) => {
        const [num, den] = asRational(v);
        return Object.is(roundRationalToF32(num, den), Math.fround(v));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('breaks ties to even, in the normal and the subnormal range', () => {
    // 1 + 2^-24 lies halfway between 1 (even) and 1 + 2^-23 (odd).
    expect(roundRationalToF32((1n << 24n) + 1n, 1n << 24n)).toBe(1);
    // 1 + 3 * 2^-24 lies halfway between 1 + 2^-23 (odd) and 1 + 2^-22 (even).
    expect(roundRationalToF32((1n << 24n) + 3n, 1n << 24n)).toBe(1 + 2 ** -22);
    // 2^-150 is halfway between 0 and 2^-149: to +0. 3 * 2^-150: to 2^-148.
    expect(roundRationalToF32(1n, 1n << 150n)).toBe(0);
    expect(roundRationalToF32(3n, 1n << 150n)).toBe(2 ** -148);
    // Just above the 2^-150 tie rounds up.
    expect(roundRationalToF32((1n << 10n) + 1n, 1n << 160n)).toBe(FLT_TRUE_MIN);
  });

  it('rounds rationals that are not dyadic', () => {
    for (let k = 1n; k <= 100n; k++) expect(roundRationalToF32(1n, k)).toBe(Math.fround(1 / Number(k)));
    expect(roundRationalToF32(2n, 3n)).toBe(Math.fround(2 / 3));
  });

  it('overflows to Infinity only past FLT_MAX plus half an ULP', () => {
    const half = 1n << 103n;
    const fltMax = BigInt(FLT_MAX);
    expect(roundRationalToF32(fltMax + half - 1n, 1n)).toBe(FLT_MAX);
    expect(roundRationalToF32(fltMax + half, 1n)).toBe(Infinity);
    expect(() => roundRationalToF32(-1n, 1n)).toThrow(RangeError);
  });
});

describe('roundDecimalToF32', () => {
  const zero = new Bound(0);

  it('decides values away from midpoints and refuses midpoints', () => {
    expect(roundDecimalToF32(new D('0.1'), zero)).toBe(Math.fround(0.1));
    expect(roundDecimalToF32(new D(1), zero)).toBe(1);
    const mid = doubleToDecimal(D, 1 + 2 ** -24);
    expect(roundDecimalToF32(mid, zero)).toBeUndefined();
    const tiny = new D('1e-50');
    expect(roundDecimalToF32(mid.plus(tiny), new Bound('1e-51'))).toBe(nextUp32(1));
    expect(roundDecimalToF32(mid.minus(tiny), new Bound('1e-51'))).toBe(1);
    expect(roundDecimalToF32(mid.minus(tiny), new Bound('1e-50'))).toBeUndefined();
  });

  it('finds the right float32 when the nearest double lands on a midpoint (double rounding)', () => {
    // 1 + 2^-24 + 10^-30 rounds to the double 1 + 2^-24, a float32 midpoint
    // whose tie goes down; the real value is above it and rounds up.
    const v = doubleToDecimal(D, 1 + 2 ** -24).plus('1e-30');
    expect(roundDecimalToF32(v, new Bound('1e-40'))).toBe(nextUp32(1));
    const w = doubleToDecimal(D, 1 - 2 ** -25).minus('1e-30');
    expect(roundDecimalToF32(w, new Bound('1e-40'))).toBe(nextDown32(1));
  });

  it('handles the subnormal range and the zero boundary', () => {
    const halfTrueMin = doubleToDecimal(D, 2 ** -150);
    expect(roundDecimalToF32(halfTrueMin.times('0.999'), zero)).toBe(0);
    expect(roundDecimalToF32(halfTrueMin.times('1.001'), zero)).toBe(FLT_TRUE_MIN);
    expect(roundDecimalToF32(halfTrueMin, zero)).toBeUndefined();
    const belowNormal = doubleToDecimal(D, FLT_MIN_NORMAL - 2 ** -150);
    expect(roundDecimalToF32(belowNormal.plus('1e-60'), zero)).toBe(FLT_MIN_NORMAL);
    expect(roundDecimalToF32(belowNormal.minus('1e-60'), zero)).toBe(nextDown32(FLT_MIN_NORMAL));
  });

  it('agrees with Math.fround on random doubles given exactly', () => {
    fc.assert(
      fc.property(fc.double({ min: 2 ** -160, max: 1, noNaN: true }), (v) => {
        const r = roundDecimalToF32(doubleToDecimal(D, v), zero);
        return r === undefined || r === Math.fround(v);
      }),
      { seed: SEED },
    );
  });
});

describe('roundIntervalToF32', () => {
  it('decides only intervals inside one rounding interval', () => {
    expect(roundIntervalToF32(1 - 2 ** -30, 1 + 2 ** -30)).toBe(1);
    expect(roundIntervalToF32(1, 1 + 2 ** -24)).toBe(1); // the upper end ties to even 1
    expect(roundIntervalToF32(1, 1 + 2 ** -24 + 2 ** -52)).toBeUndefined();
    expect(roundIntervalToF32(2 ** -151, 2 ** -150)).toBe(0);
  });
});
