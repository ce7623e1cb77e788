import { describe, expect, it } from 'vitest';
import { ExactSoftmaxRow, exactSoftmax } from '../../oracles/exact-decimal.js';
import { FLT_MAX, FLT_TRUE_MIN } from '../../oracles/float32-bits.js';
import { FallbackTally, softmaxOracle } from '../../oracles/index.js';
import { sumToOneDeviation, ulp32 } from '../../oracles/ulp.js';
import { FALLBACK_ROW, referenceSoftmax, rn32 } from './reference.js';
import { seededUniformRow } from '../../src/seeded-random.js';

const isPositiveZero = (v: number): boolean => Object.is(v, 0);

describe('softmaxOracle: special values (SPEC)', () => {
  it('n = 0 gives an empty result', () => {
    const r = softmaxOracle(new Float32Array(0));
    expect(r.rounded.length).toBe(0);
    expect(r.reference.length).toBe(0);
    expect(r.fallbacks).toBe(0);
  });

  it('any NaN or +inf makes the whole row NaN, under both policies', () => {
    for (const policy of ['nan', 'zero'] as const) {
      for (const row of [[0, NaN, 1], [Infinity, 0], [-Infinity, NaN], [Infinity, -Infinity], [NaN]]) {
        const r = softmaxOracle(Float32Array.from(row), { policy });
        expect(Array.from(r.rounded).every(Number.isNaN)).toBe(true);
        expect(Array.from(r.reference).every(Number.isNaN)).toBe(true);
      }
    }
  });

  it('-inf entries give exactly +0 and the rest as if they were absent', () => {
    const masked = softmaxOracle(new Float32Array([-Infinity, 1.5, -Infinity, -2, 0.25, -Infinity]));
    const compact = softmaxOracle(new Float32Array([1.5, -2, 0.25]));
    expect([0, 2, 5].every((i) => isPositiveZero(masked.rounded[i]!) && isPositiveZero(masked.reference[i]!))).toBe(true);
    expect([masked.rounded[1], masked.rounded[3], masked.rounded[4]]).toEqual(Array.from(compact.rounded));
    expect(Array.from(softmaxOracle(new Float32Array([-Infinity, 7])).rounded)).toEqual([0, 1]);
  });

  it('all entries -inf: NaN by default and under "nan", +0 under "zero"', () => {
    const row = new Float32Array([-Infinity, -Infinity, -Infinity]);
    for (const r of [softmaxOracle(row), softmaxOracle(row, { policy: 'nan' })]) {
      expect(Array.from(r.rounded).every(Number.isNaN)).toBe(true);
    }
    const zero = softmaxOracle(row, { policy: 'zero' });
    expect(Array.from(zero.rounded).every(isPositiveZero)).toBe(true);
    expect(Array.from(zero.reference).every(isPositiveZero)).toBe(true);
  });

  it('finite rows of any magnitude give finite outputs in [0, 1] under both policies', () => {
    for (const policy of ['nan', 'zero'] as const) {
      for (const row of [[FLT_MAX, -FLT_MAX], [-FLT_MAX, -FLT_MAX], [FLT_TRUE_MIN, -0, 0], [88.7, 100, 1e38]]) {
        const r = softmaxOracle(Float32Array.from(row), { policy });
        expect(Array.from(r.rounded).every((v) => v >= 0 && v <= 1)).toBe(true);
      }
    }
  });
});

describe('softmaxOracle: closed forms and agreement with the exact tier', () => {
  it('k equal entries give exactly RN(1/k) (Math.fround(1/k) is RN(1/k) for k < 2^27, see exact-decimal tests)', () => {
    for (const k of [1, 2, 3, 6, 10, 1000, 100_000]) {
      const r = softmaxOracle(new Float32Array(k).fill(-42.5));
      expect(new Set(r.rounded)).toEqual(new Set([Math.fround(1 / k)]));
      expect(r.reference[0]).toBe(1 / k);
    }
    // Masked entries do not count.
    expect(Array.from(softmaxOracle(new Float32Array([3, -Infinity, 3])).rounded)).toEqual([0.5, 0, 0.5]);
  });

  it('[0, x] and subnormal outputs match the independent 80-digit reference', () => {
    for (const row of [[0, -100], [0, -103.5], [0, -104.5], [0, Math.fround(0.1)], [1e7, 1e7 - 3, 1e7 - 1]]) {
      const x = Float32Array.from(row);
      const r = softmaxOracle(x);
      referenceSoftmax(x).forEach((y, i) => expect(r.rounded[i]).toBe(rn32(y)));
    }
  });

  it('falls back to the exact tier where float64 cannot decide, and counts it', () => {
    const x = seededUniformRow(FALLBACK_ROW.seed, FALLBACK_ROW.n, FALLBACK_ROW.lo, FALLBACK_ROW.hi);
    const r = softmaxOracle(x);
    expect(r.fallbacks).toBe(FALLBACK_ROW.undecided.length);
    const exact = exactSoftmax(x);
    expect(Array.from(r.rounded)).toEqual(Array.from(exact.rounded));
    const i = FALLBACK_ROW.undecided[0]!;
    expect(r.reference[i]).toBe(exact.reference[i]);
    const tally = new FallbackTally();
    tally.record(r);
    tally.record(softmaxOracle(new Float32Array([0, 1])));
    expect([tally.rows, tally.elements, tally.fallbacks]).toEqual([2, FALLBACK_ROW.n + 2, 1]);
    expect(tally.rate).toBeCloseTo(1 / (FALLBACK_ROW.n + 2), 12);
  });

  it('reads subarrays (nonzero byteOffset) correctly', () => {
    const backing = new Float32Array([9, 9, 0.5, -1, 2, 9]);
    const view = backing.subarray(2, 5);
    expect(Array.from(softmaxOracle(view).rounded)).toEqual(Array.from(softmaxOracle(new Float32Array([0.5, -1, 2])).rounded));
  });
});

describe('softmaxOracle: a 1e6-element row', () => {
  it('is checked fast, with few fallbacks (time printed, never asserted)', () => {
    const x = seededUniformRow(2024, 1_000_000, -100, 100);
    const start = performance.now();
    const r = softmaxOracle(x);
    const elapsed = performance.now() - start;
    console.log(`softmaxOracle, 1e6 elements in [-100, 100]: ${elapsed.toFixed(0)} ms, ${r.fallbacks} fallbacks`);
    expect(r.fallbacks).toBeLessThanOrEqual(5);

    // Cost of one exact-tier element on this row (the exact row sum dominates), for the record.
    let argmax = 0;
    for (let i = 1; i < x.length; i++) if (x[i]! > x[argmax]!) argmax = i;
    const exactStart = performance.now();
    const element = new ExactSoftmaxRow(x).element(argmax);
    console.log(`exact tier, one element of the same row: ${(performance.now() - exactStart).toFixed(0)} ms`);
    expect(element.rounded).toBe(r.rounded[argmax]);

    // Each output is within half an ULP of Y_i, so the sum is within sum ulp32(y_i)/2 of 1.
    let halfUlps = 0;
    for (const y of r.rounded) halfUlps += ulp32(y) / 2;
    expect(sumToOneDeviation(r.rounded)).toBeLessThanOrEqual(halfUlps * 2 ** 24);
  });
});
