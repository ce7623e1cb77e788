import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ExactSoftmaxRow,
  INITIAL_DIGITS,
  exactSoftmax,
  exactSoftmaxAtPrecision,
  exactSoftmaxElement,
} from '../../oracles/exact-decimal.js';
import { FLT_MAX, FLT_TRUE_MIN, nextDown32 } from '../../oracles/float32-bits.js';
import { FALLBACK_ROW, Ref, exactF32, referenceSoftmax, rn32 } from './reference.js';
import { seededUniformRow } from '../../src/seeded-random.js';

const SEED = 31337;
const f32 = (v: number): number => Math.fround(v);

/** Expect the exact tier to agree with the independent 80-digit reference on every element. */
function expectMatchesReference(x: Float32Array): void {
  const { rounded, reference } = exactSoftmax(x);
  const expected = referenceSoftmax(x);
  expected.forEach((y, i) => {
    expect(rounded[i]).toBe(rn32(y));
    expect(Math.abs(reference[i]! - y.toNumber())).toBeLessThanOrEqual(y.toNumber() * 2 ** -52 + 2 ** -1074);
  });
}

describe('exact tier: closed forms', () => {
  it('k equal entries give RN(1/k) each', () => {
    // 1/k is at relative distance >= 2^-(26 + log2 k) from any float32 midpoint
    // (a midpoint is odd * 2^-(25 + floor(log2 k)), and |1/k - M| >= 1/(k 2^(25+log2 k+1))).
    // The double 1/k is within 2^-53 relative, so for k < 2^27 Math.fround(1/k) is RN32(1/k).
    for (const k of [1, 2, 3, 5, 7, 10, 100, 1000, 12345]) {
      for (const v of [0, -3.5, 88.5, -FLT_MAX]) {
        const { rounded } = exactSoftmax(new Float32Array(k).fill(v));
        expect(new Set(rounded)).toEqual(new Set([Math.fround(1 / k)]));
      }
    }
  });

  it('[a, -inf] gives [1, 0]', () => {
    for (const a of [0, 1e-40, -87.5, 100, FLT_MAX, -FLT_MAX]) {
      const { rounded, reference } = exactSoftmax(new Float32Array([f32(a), -Infinity]));
      expect(Array.from(rounded)).toEqual([1, 0]);
      expect(Array.from(reference)).toEqual([1, 0]);
    }
  });

  it('[0, x] gives 1/(1 + e^x) and e^x/(1 + e^x)', () => {
    // x has at most 40 fraction bits here, so toFixed(40) is its exact decimal
    // expansion: an input path independent of the oracle's bit decomposition.
    for (const x of [f32(0.1), -1.5, f32(-17.3), 20, f32(-87.3), f32(3.7e-5), -0.75]) {
      const xd = new Ref(x.toFixed(40));
      const ex = Ref.exp(xd);
      const y0 = new Ref(1).div(ex.plus(1));
      const y1 = ex.div(ex.plus(1));
      const { rounded, reference } = exactSoftmax(new Float32Array([0, x]));
      expect(rounded[0]).toBe(rn32(y0));
      expect(rounded[1]).toBe(rn32(y1));
      expect(Math.abs(reference[0]! - y0.toNumber())).toBeLessThanOrEqual(y0.toNumber() * 2 ** -52);
      expect(Math.abs(reference[1]! - y1.toNumber())).toBeLessThanOrEqual(y1.toNumber() * 2 ** -52);
    }
  });

  it('entries more than 104 apart give exactly 0 for the small one; just under 104 gives 2^-149', () => {
    // e^-104 < 2^-150 = half the smallest subnormal, so 0; e^-103.5 / (1 + e^-103.5) ~ 0.8 * 2^-149 rounds up.
    expect(Array.from(exactSoftmax(new Float32Array([0, -104.5])).rounded)).toEqual([1, 0]);
    expect(Array.from(exactSoftmax(new Float32Array([0, -1000, -1e30])).rounded)).toEqual([1, 0, 0]);
    const nearEdge = exactSoftmax(new Float32Array([0, -103.5])).rounded;
    expect(rn32(referenceSoftmax([0, -103.5])[1]!)).toBe(FLT_TRUE_MIN);
    expect(nearEdge[1]).toBe(FLT_TRUE_MIN);
  });

  it('rounds subnormal outputs correctly', () => {
    // e^-100 ~ 3.7e-44 ~ 26.5 * 2^-149; also rows with many subnormal outputs.
    expectMatchesReference(new Float32Array([0, -100]));
    expectMatchesReference(new Float32Array([0, -88, -90, -95, -99.5, -101, -102.9]));
    expectMatchesReference(new Float32Array([f32(-0.3), -87.4, f32(-95.17), f32(-103.97)]));
  });

  it('handles large magnitudes: FLT_MAX and -FLT_MAX in one row, 1e7 offsets', () => {
    expect(Array.from(exactSoftmax(new Float32Array([FLT_MAX, -FLT_MAX])).rounded)).toEqual([1, 0]);
    expect(Array.from(exactSoftmax(new Float32Array([-FLT_MAX, FLT_MAX, FLT_MAX])).rounded)).toEqual([0, 0.5, 0.5]);
    expect(Array.from(exactSoftmax(new Float32Array([FLT_MAX, nextDown32(FLT_MAX)])).rounded)).toEqual([1, 0]);
    // Float32 spacing at 1e7 is 1, so these differences are exact: the same row as [0, -1, -3, -2.5 -> -2].
    const offset = exactSoftmax(new Float32Array([1e7, 1e7 - 1, 1e7 - 3, 1e7 - 2]));
    const base = exactSoftmax(new Float32Array([0, -1, -3, -2]));
    expect(offset.rounded).toEqual(base.rounded);
    expectMatchesReference(new Float32Array([1e7, 1e7 - 1, 1e7 - 3, 1e7 - 2]));
    expectMatchesReference(new Float32Array([f32(-1e7), f32(-1e7 - 2), f32(-1e7 + 4)]));
  });

  it('handles inputs whose differences do not fit a double', () => {
    expectMatchesReference(new Float32Array([f32(1e-30), 0, f32(-1e-38), FLT_TRUE_MIN, f32(-2e-45)]));
    expectMatchesReference(new Float32Array([f32(50.25), f32(1e-30), f32(-7e-40)]));
  });
});

describe('exact tier: against itself and an independent reference', () => {
  const row = fc
    .array(
      fc.oneof(
        fc.float({ noNaN: true, noDefaultInfinity: true }),
        fc.float({ min: -100, max: 100, noNaN: true }),
        fc.float({ min: -2, max: 2, noNaN: true }),
      ),
      { minLength: 1, maxLength: 12 },
    )
    .map((values) => Float32Array.from(values));

  it('precision p and 2p agree: same decided roundings, values within both bounds', () => {
    fc.assert(
      fc.property(row, (x) => {
        const p = exactSoftmaxAtPrecision(x, 20);
        const p2 = exactSoftmaxAtPrecision(x, 40);
        return p.every((a, i) => {
          const b = p2[i]!;
          const agree = a.rounded === undefined || b.rounded === undefined || a.rounded === b.rounded;
          return agree && a.value.minus(b.value).abs().lte(a.absError.plus(b.absError));
        });
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('agrees with decimal.js exp at 80 digits on random rows', () => {
    fc.assert(
      fc.property(row, (x) => {
        expectMatchesReference(x);
      }),
      { seed: SEED + 1, numRuns: 40 },
    );
  });

  it('escalates precision (Ziv) when the first attempt cannot decide', () => {
    // The float64 tier leaves this element undecided: Y lies within ~2^-50 Y of a
    // midpoint. At nominal precision 1 (about 2^-44 accuracy in the sum) the
    // exact tier cannot decide it either and must double its precision.
    const x = seededUniformRow(FALLBACK_ROW.seed, FALLBACK_ROW.n, FALLBACK_ROW.lo, FALLBACK_ROW.hi);
    const i = FALLBACK_ROW.undecided[0]!;
    const row = new ExactSoftmaxRow(x);
    expect(row.evaluate(i, 1).rounded).toBeUndefined();
    const escalated = row.element(i, 1);
    expect(escalated.digits).toBeGreaterThan(1);
    const direct = exactSoftmaxElement(x, i);
    expect(direct.digits).toBe(INITIAL_DIGITS);
    expect(escalated.rounded).toBe(direct.rounded);
    expect(direct.rounded).toBe(rn32(referenceSoftmax(x)[i]!));
  });

  it('rejects special values, which are the caller’s business', () => {
    expect(() => new ExactSoftmaxRow(new Float32Array([0, NaN]))).toThrow(RangeError);
    expect(() => new ExactSoftmaxRow(new Float32Array([0, Infinity]))).toThrow(RangeError);
    expect(() => new ExactSoftmaxRow(new Float32Array([-Infinity]))).toThrow(RangeError);
    expect(() => new ExactSoftmaxRow(new Float32Array([0])).evaluate(1, 40)).toThrow(RangeError);
  });

  it('takes inputs exactly from their bits: the exact value of 0.1f, not 0.1', () => {
    // [0.1f, 0]: 0.1f = 0.100000001490116...; softmax_0 = 1/(1 + e^-0.1f).
    const x = f32(0.1);
    const y0 = new Ref(1).div(Ref.exp(exactF32(x).neg()).plus(1));
    const evaluation = exactSoftmaxAtPrecision(new Float32Array([x, 0]), 40)[0]!;
    expect(evaluation.value.minus(y0).abs().lte(evaluation.absError.plus('1e-75'))).toBe(true);
  });
});
