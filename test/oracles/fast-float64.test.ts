import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bound } from '../../oracles/decimal-context.js';
import { exactSoftmaxAtPrecision } from '../../oracles/exact-decimal.js';
import { fastSoftmax, fastTierRelativeErrorBound } from '../../oracles/fast-float64.js';
import { FLT_MAX } from '../../oracles/float32-bits.js';
import { FALLBACK_ROW, Ref } from './reference.js';
import { seededUniform, seededUniformRow } from '../../src/seeded-random.js';

const SEED = 8675309;

/** Spacing of doubles at |v| (2^-1074 in the subnormal range). */
function ulp64(v: number): number {
  const a = Math.abs(v);
  if (a < 2 ** -1022) return 2 ** -1074;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  return 2 ** (e - 52);
}

describe('assumption (A): Math.exp is within 2 ulp of binary64', () => {
  it('holds on 400 arguments in [-745, 0] against decimal.js at 80 digits', () => {
    const next = seededUniform(SEED);
    // Landmarks, the subnormal boundary near -708.4, and two arguments where
    // V8's Math.exp is more than 1 ulp off (1.26 and 1.14 ulp).
    const args = [0, -(2 ** -40), -1e-9, -0.5, -1, -87.33654, -103.97, -708.39, -708.4, -720, -744.4, -745];
    args.push(-1.018203384646534, -581.2666228378657);
    while (args.length < 400) args.push(-745 * next());
    let worst = 0;
    for (const d of args) {
      // |d| >= 2^-40 has at most 92 fraction bits, so toFixed(100) is exactly d.
      const exact = Ref.exp(new Ref(d.toFixed(100)));
      const error = new Ref(Math.exp(d)).minus(exact).abs().div(ulp64(exact.toNumber())).toNumber();
      worst = Math.max(worst, error);
      expect(error).toBeLessThan(2);
    }
    console.log(`Math.exp: worst error ${worst.toFixed(3)} ulp over ${args.length} arguments`);
  });
});

describe('fast tier bound', () => {
  it('is about 6 * 2^-52 for short rows and below 2^-49 up to 2^24 entries', () => {
    expect(fastTierRelativeErrorBound(1) / 2 ** -52).toBeCloseTo(6, 6);
    expect(fastTierRelativeErrorBound(2 ** 20) / 2 ** -52).toBeCloseTo(6, 2);
    expect(fastTierRelativeErrorBound(2 ** 24)).toBeLessThan(2 ** -49);
  });
});

describe('fast tier against the exact tier', () => {
  const row = fc
    .array(
      fc.oneof(
        fc.float({ noNaN: true, noDefaultInfinity: true }),
        fc.float({ min: -100, max: 100, noNaN: true }),
        fc.float({ min: -1, max: 1, noNaN: true }),
        fc.constant(-Infinity),
      ),
      { minLength: 1, maxLength: 24 },
    )
    .filter((values) => values.some((v) => v !== -Infinity))
    .map((values) => Float32Array.from(values));

  it('every accepted element is the exact rounding; references are within the bound', () => {
    let accepted = 0;
    fc.assert(
      fc.property(row, (x) => {
        const fast = fastSoftmax(x);
        const exact = exactSoftmaxAtPrecision(x, 40);
        const beta = fast.relativeErrorBound;
        exact.forEach((e, i) => {
          if (!fast.undecided.includes(i)) {
            accepted++;
            expect(fast.rounded[i]).toBe(e.rounded);
          }
          // |reference - Y| <= beta Y + 2^-1068, and |value - Y| <= absError.
          const allowed = new Bound(e.value).times(beta * (1 + 2 ** -20)).plus(e.absError.times(2)).plus(new Bound(2).pow(-1068));
          expect(new Ref(fast.reference[i]!).minus(e.value).abs().lte(allowed)).toBe(true);
        });
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(500);
  });

  it('leaves an element near a midpoint undecided rather than guess', () => {
    const x = seededUniformRow(FALLBACK_ROW.seed, FALLBACK_ROW.n, FALLBACK_ROW.lo, FALLBACK_ROW.hi);
    expect(fastSoftmax(x).undecided).toEqual(FALLBACK_ROW.undecided);
  });

  it('gives +0 for masked entries and for entries 104 below the maximum, without fallback', () => {
    const fast = fastSoftmax(new Float32Array([-Infinity, 0, -104.5, -FLT_MAX, -Infinity]));
    expect(Array.from(fast.rounded)).toEqual([0, 1, 0, 0, 0]);
    expect(fast.undecided).toEqual([]);
    expect(fast.reference[0]).toBe(0);
    expect(fast.reference[2]).toBeCloseTo(Math.exp(-104.5), 60);
  });

  it('rejects special values, which are the caller’s business', () => {
    expect(() => fastSoftmax(new Float32Array([0, NaN]))).toThrow(RangeError);
    expect(() => fastSoftmax(new Float32Array([Infinity]))).toThrow(RangeError);
    expect(() => fastSoftmax(new Float32Array([-Infinity, -Infinity]))).toThrow(RangeError);
  });
});
