// The wasm paper kernels are not bit-identical to anything; their accuracy is measured
// and declared in src/spec/wasm-kernels.ts. Here: sum-to-one on ordinary rows, the
// special-value policy exactly, and finite outputs in [0, 1] for extreme rows.

import { describe, expect, it } from 'vitest';
import { PAPER_F32_BITS } from '../../../../src/constants.js';
import { FLT_MAX } from '../../../../src/float-bits.js';
import { X_CANARY, Y_CANARY, brokenCanaryAround, guardedRow } from '../../../../properties/core/canary-buffer.js';
import { familyGrid, type GridFamily } from '../../../../properties/families/family-grid.js';
import { WASM_UNAVAILABLE, bits, kernelsUnderTest } from './fixtures.js';
import { seededUniform } from '../../../../src/seeded-random.js';

describe.skipIf(WASM_UNAVAILABLE !== null)(`wasm-simd128 paper kernels ${WASM_UNAVAILABLE ? `(skipped: ${WASM_UNAVAILABLE})` : ''}`, () => {
  for (const { spec, impl } of kernelsUnderTest((s) => s.recipe === 'paper')) {
    const run = (x: Float32Array): Float32Array => {
      const y = new Float32Array(x.length);
      impl.row(x, y);
      return y;
    };

    it(`${spec.id}: ordinary rows sum to one within 4e-6`, () => {
      const r = seededUniform(3);
      for (const n of [1, 2, 15, 16, 17, 100, 1000, 10_000]) {
        for (const scale of [1, 20, 200]) {
          const y = run(Float32Array.from({ length: n }, () => (r() - 0.5) * scale));
          let sum = 0;
          for (const v of y) sum += v;
          expect(Math.abs(sum - 1), `n=${n} scale=${scale}`).toBeLessThan(4e-6);
        }
      }
    });

    it(`${spec.id}: NaN / +inf rows, all -inf rows -> canonical NaN; -inf entries -> +0`, () => {
      for (const n of [1, 5, 16, 33]) {
        for (const poison of [NaN, Infinity]) {
          const x = Float32Array.from({ length: n }, (_, i) => i - 3);
          x[n - 1] = poison;
          expect([...bits(run(x))]).toEqual(new Array(n).fill(PAPER_F32_BITS.CANONICAL_NAN));
        }
        expect([...bits(run(new Float32Array(n).fill(-Infinity)))]).toEqual(new Array(n).fill(PAPER_F32_BITS.CANONICAL_NAN));
        const masked = Float32Array.from({ length: n + 1 }, (_, i) => (i % 2 ? -Infinity : i));
        const y = run(masked);
        masked.forEach((v, i) => {
          if (v === -Infinity) expect(bits(y)[i]).toBe(0);
        });
        const unmasked = run(masked.filter((v) => v !== -Infinity));
        const kept = y.filter((_, i) => masked[i] !== -Infinity);
        kept.forEach((v, i) => expect(Math.abs(v - unmasked[i])).toBeLessThanOrEqual(2 ** -20 * unmasked[i]));
      }
    });

    it(`${spec.id}: n = 0 writes nothing (an empty y view inside a canary-filled buffer stays canaries)`, () => {
      const x = guardedRow(0, 8, 8, X_CANARY);
      const y = guardedRow(0, 8, 8, Y_CANARY);
      impl.row(x.view, y.view);
      expect(brokenCanaryAround(x, X_CANARY), 'x buffer').toBeNull();
      expect(brokenCanaryAround(y, Y_CANARY), 'y buffer').toBeNull();
    });

    it(`${spec.id}: rows with entries up to +-FLT_MAX give finite outputs in [0, 1]`, () => {
      const extremes: GridFamily[] = ['huge-magnitude', 'beyond-2^24', 'overflow-band', 'minus-max'];
      const rows = [
        ...familyGrid(extremes, [1, 3, 16, 31, 200]).map((r) => r.x),
        ...[1, 3, 16, 31, 200].flatMap((n) => [
          Float32Array.from({ length: n }, (_, i) => (i % 2 ? FLT_MAX : -FLT_MAX)),
          new Float32Array(n).fill(FLT_MAX),
        ]),
      ];
      for (const x of rows) {
        const y = run(x);
        for (const v of y) expect(v >= 0 && v <= 1, `n=${x.length} got ${v}`).toBe(true);
      }
    });
  }
});
