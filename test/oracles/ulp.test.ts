import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLT_MAX, FLT_MIN_NORMAL, FLT_TRUE_MIN, nextDown32, nextUp32 } from '../../oracles/float32-bits.js';
import { sumToOneDeviation, ulp32, ulpDistance, ulpError } from '../../oracles/ulp.js';

const SEED = 424242;
const f32 = fc.float({ noNaN: true, noDefaultInfinity: true });

describe('ulp32', () => {
  it('is 2^-149 at zero and throughout the subnormal range, up to the 2^-126 boundary', () => {
    for (const v of [0, -0, FLT_TRUE_MIN, 2 ** -140, nextDown32(FLT_MIN_NORMAL), -nextDown32(FLT_MIN_NORMAL)]) {
      expect(ulp32(v)).toBe(2 ** -149);
    }
    expect(ulp32(FLT_MIN_NORMAL)).toBe(2 ** -149);
    expect(ulp32(2 ** -125)).toBe(2 ** -148);
  });

  it('changes exactly at binade boundaries, for float32 and non-float32 arguments', () => {
    expect(ulp32(1)).toBe(2 ** -23);
    expect(ulp32(nextDown32(1))).toBe(2 ** -24);
    expect(ulp32(1 - 2 ** -53)).toBe(2 ** -24); // exact value just below a power of two
    expect(ulp32(1 + 2 ** -52)).toBe(2 ** -23); // and just above
    expect(ulp32(0.75)).toBe(2 ** -24);
    expect(ulp32(-0.5)).toBe(2 ** -24);
    expect(ulp32(FLT_MAX)).toBe(2 ** 104);
  });

  it('is NaN for NaN and the infinities', () => {
    expect(ulp32(NaN)).toBeNaN();
    expect(ulp32(Infinity)).toBeNaN();
    expect(ulp32(-Infinity)).toBeNaN();
  });

  it('is the gap to the next float32 above, for every positive float32', () => {
    fc.assert(
      fc.property(f32, (v) => {
        const a = Math.abs(v);
        return a === FLT_MAX || nextUp32(a) - a === ulp32(a);
      }),
      { seed: SEED },
    );
  });
});

describe('ulpError', () => {
  it('is 0 on the exact value and at most 0.5 for the correctly rounded one', () => {
    expect(ulpError(0.25, 0.25)).toBe(0);
    expect(ulpError(0, 0)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: 2 ** -160, max: 1, noNaN: true }), (exact) => ulpError(Math.fround(exact), exact) <= 0.5),
      { seed: SEED },
    );
  });

  it('measures a midpoint as exactly 0.5 and a neighbour as 1', () => {
    expect(ulpError(1, 1 + 2 ** -24)).toBe(0.5);
    expect(ulpError(nextUp32(1), 1)).toBe(1);
    expect(ulpError(nextDown32(1), 1)).toBe(0.5); // the spacing below 1 is half the spacing at 1
  });

  it('uses the binade of the exact value next to a power of two', () => {
    // exact just below 1: spacing 2^-24; y = 1 is 2^-30 away = 2^-6 ULP.
    expect(ulpError(1, 1 - 2 ** -30)).toBe(2 ** -6);
    // exact just above 1: spacing 2^-23.
    expect(ulpError(1, 1 + 2 ** -30)).toBe(2 ** -7);
  });

  it('counts subnormal errors in units of 2^-149', () => {
    expect(ulpError(0, 2 ** -150)).toBe(0.5);
    expect(ulpError(FLT_TRUE_MIN, 0)).toBe(1);
    expect(ulpError(3 * FLT_TRUE_MIN, 2 ** -148)).toBe(1);
    expect(ulpError(FLT_MIN_NORMAL, nextDown32(FLT_MIN_NORMAL))).toBe(1);
  });

  it('handles NaN and the infinities', () => {
    expect(ulpError(NaN, NaN)).toBe(0);
    expect(ulpError(NaN, 0.5)).toBe(Infinity);
    expect(ulpError(0.5, NaN)).toBe(Infinity);
    expect(ulpError(Infinity, 0.5)).toBe(Infinity);
    expect(ulpError(0.5, Infinity)).toBe(Infinity);
    expect(ulpError(Infinity, Infinity)).toBe(0);
    expect(ulpError(-Infinity, -Infinity)).toBe(0);
    expect(ulpError(Infinity, -Infinity)).toBe(Infinity);
  });
});

describe('ulpDistance', () => {
  it('is 1 between neighbours, everywhere on the line', () => {
    fc.assert(fc.property(f32, (v) => ulpDistance(v, nextUp32(v)) === 1 && ulpDistance(nextDown32(v), v) === 1), {
      seed: SEED,
    });
  });

  it('treats +0 and -0 as one point and crosses zero by counting both sides', () => {
    expect(ulpDistance(0, -0)).toBe(0);
    expect(ulpDistance(-FLT_TRUE_MIN, FLT_TRUE_MIN)).toBe(2);
    expect(ulpDistance(-0, FLT_TRUE_MIN)).toBe(1);
    expect(ulpDistance(-1, 1)).toBe(2 * 0x3f800000);
  });

  it('counts across binade boundaries and to the infinities', () => {
    expect(ulpDistance(nextDown32(1), nextUp32(1))).toBe(2);
    expect(ulpDistance(0.5, 1)).toBe(2 ** 23);
    expect(ulpDistance(FLT_MAX, Infinity)).toBe(1);
    expect(ulpDistance(nextDown32(FLT_MIN_NORMAL), FLT_MIN_NORMAL)).toBe(1);
  });

  it('handles NaN and rejects non-float32 arguments', () => {
    expect(ulpDistance(NaN, NaN)).toBe(0);
    expect(ulpDistance(NaN, 1)).toBe(Infinity);
    expect(ulpDistance(1, NaN)).toBe(Infinity);
    expect(() => ulpDistance(0.1, 1)).toThrow(RangeError);
  });

  it('is symmetric and additive along the line', () => {
    fc.assert(
      fc.property(f32, f32, f32, (a, b, c) => {
        const [lo, mid, hi] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
        return ulpDistance(a, b) === ulpDistance(b, a) && ulpDistance(lo, hi) === ulpDistance(lo, mid) + ulpDistance(mid, hi);
      }),
      { seed: SEED },
    );
  });
});

describe('sumToOneDeviation', () => {
  /** Brute force on the 2^-149 grid, one BigInt per element. */
  function bruteForce(y: Float32Array): number {
    let sum = -(1n << 149n);
    for (const v of y) sum += BigInt(v * 2 ** 149);
    const d = sum < 0n ? -sum : sum;
    return Number(d) / 2 ** 125;
  }

  it('is exactly 0 for rows that sum to one and counts 2^-24 units', () => {
    expect(sumToOneDeviation(new Float32Array([1]))).toBe(0);
    expect(sumToOneDeviation(new Float32Array([0.5, 0.25, 0.25]))).toBe(0);
    expect(sumToOneDeviation(new Float32Array([1, 2 ** -24]))).toBe(1);
    expect(sumToOneDeviation(new Float32Array([nextDown32(1)]))).toBe(1);
    expect(sumToOneDeviation(new Float32Array([]))).toBe(2 ** 24);
    expect(sumToOneDeviation(new Float32Array([1, FLT_TRUE_MIN]))).toBe(2 ** -125);
    expect(sumToOneDeviation(new Float32Array([1, FLT_TRUE_MIN, -FLT_TRUE_MIN, -0]))).toBe(0);
  });

  it('loses nothing to rounding: 4096 terms of 2^-36 that a float32 sum would drop one by one', () => {
    const y = new Float32Array(2 ** 12 + 1).fill(2 ** -36);
    y[0] = 1;
    // 2^12 * 2^-36 = 2^-24: exactly one unit.
    expect(sumToOneDeviation(y)).toBe(1);
  });

  it('is NaN when any element is NaN or infinite', () => {
    expect(sumToOneDeviation(new Float32Array([0.5, NaN]))).toBeNaN();
    expect(sumToOneDeviation(new Float32Array([Infinity, -Infinity]))).toBeNaN();
  });

  it('agrees with a BigInt brute force, also on subarrays', () => {
    fc.assert(
      fc.property(fc.float32Array({ noNaN: true, noDefaultInfinity: true, maxLength: 40 }), fc.nat(5), (y, offset) => {
        const padded = new Float32Array(y.length + offset);
        padded.set(y, offset);
        const view = padded.subarray(offset);
        return sumToOneDeviation(view) === bruteForce(y);
      }),
      { seed: SEED },
    );
  });

  it('agrees with the brute force on a 1e6-element softmax-like row', () => {
    const y = new Float32Array(1_000_000);
    for (let i = 0; i < y.length; i++) y[i] = Math.fround(1e-6 * (1 + ((i * 2654435761) % 1000) / 1e4));
    expect(sumToOneDeviation(y)).toBe(bruteForce(y));
  });
});

describe('ulp32 next to powers of two', () => {
  it('is the spacing of the binade below 2^k for the largest double below 2^k (where Math.log2 rounds up to k)', () => {
    for (const k of [3, 24, 100, -100]) {
      const below = 2 ** k * (1 - 2 ** -53);
      expect(ulp32(below)).toBe(2 ** (k - 1 - 23));
      expect(ulp32(2 ** k)).toBe(2 ** (k - 23));
    }
  });
});
