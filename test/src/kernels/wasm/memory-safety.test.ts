// Tails, alignment, canaries and aliasing, both inside the module's linear memory (where
// a stray vector load or store would land) and through the JS wrapper. Every tail length
// 0..2*tile+1 and every misalignment of x and y; accurate outputs must equal the scalar
// golden bits, paper outputs must equal their own aligned out-of-place run.

import { describe, expect, it } from 'vitest';
import { kernelsInstance, type WasmRowExport, type WasmRowsExport } from '../../../../src/kernels/wasm/module.js';
import { exportName } from '../../../../src/kernels/wasm/index.js';
import { X_CANARY as CANARY, brokenCanary, brokenCanaryAround, guardedRow, stridedRanges } from '../../../../properties/core/canary-buffer.js';
import { WASM_UNAVAILABLE, expectSameBits, kernelsUnderTest } from './fixtures.js';
import { seededUniform } from '../../../../src/seeded-random.js';

const GUARD = 8; // canary floats on each side of every region

function rowOf(n: number, r: () => number): Float32Array {
  // Mixed magnitudes and a masked entry, so every lane state sees real work.
  const x = Float32Array.from({ length: n }, () => (r() - 0.5) * 60);
  if (n > 3) x[Math.floor(r() * n)] = -Infinity;
  return x;
}

describe.skipIf(WASM_UNAVAILABLE !== null)(`wasm-simd128 memory safety ${WASM_UNAVAILABLE ? `(skipped: ${WASM_UNAVAILABLE})` : ''}`, () => {
  for (const { spec, impl, scalar } of kernelsUnderTest()) {
    const maxN = 2 * spec.tile + 1;
    const expected = (x: Float32Array): Float32Array => {
      const y = new Float32Array(x.length);
      (spec.recipe === 'accurate' ? scalar : impl.row)(x, y);
      return y;
    };

    it(`${spec.id}: linear memory, n = 0..${maxN}, x and y misaligned by 0..3 floats, canaries intact, in place`, () => {
      const inst = kernelsInstance!;
      const run = inst.exports[exportName(spec)] as WasmRowExport;
      const r = seededUniform(7);
      const base = inst.dataStart;
      const region = 2 * (maxN + 2 * GUARD + 4);
      if (inst.memory.buffer.byteLength < base + 4 * region) inst.memory.grow(1);
      for (let n = 0; n <= maxN; n++) {
        const x = rowOf(n, r);
        const want = expected(x);
        for (let xo = 0; xo < 4; xo++) {
          for (let yo = 0; yo < 4; yo++) {
            const heap = new Uint32Array(inst.memory.buffer, base, region).fill(CANARY);
            const f32 = new Float32Array(inst.memory.buffer, base, region);
            const xAt = GUARD + xo;
            const yAt = xAt + n + GUARD + yo;
            f32.set(x, xAt);
            run(base + 4 * xAt, base + 4 * yAt, n);
            expectSameBits(f32.subarray(xAt, xAt + n), x, `${spec.id} n=${n}: x changed`);
            expectSameBits(f32.subarray(yAt, yAt + n), want, `${spec.id} n=${n} x+${xo} y+${yo}`);
            expect(brokenCanary(heap, CANARY, [[xAt, n], [yAt, n]], yAt), `${spec.id} n=${n} x+${xo} y+${yo}: wrote outside x and y`).toBeNull();
            run(base + 4 * xAt, base + 4 * xAt, n); // in place
            expectSameBits(f32.subarray(xAt, xAt + n), want, `${spec.id} n=${n} in place`);
            expect(brokenCanary(heap, CANARY, [[xAt, n], [yAt, n]], xAt), `${spec.id} n=${n} x+${xo}: in place wrote outside x`).toBeNull();
          }
        }
      }
    });

    it(`${spec.id}: linear memory batched rows with strides equal row by row, gaps untouched`, () => {
      const inst = kernelsInstance!;
      const runRows = inst.exports[`${exportName(spec)}Rows`] as WasmRowsExport;
      const r = seededUniform(11);
      const [rows, cols, xStride, yStride] = [5, 21, 23, 26];
      const base = inst.dataStart;
      const xAt = 4;
      const yAt = xAt + rows * xStride + 4;
      const heap = new Uint32Array(inst.memory.buffer, base, yAt + rows * yStride + 4).fill(CANARY);
      const f32 = new Float32Array(inst.memory.buffer, base, heap.length);
      const xs = Array.from({ length: rows }, () => rowOf(cols, r));
      xs.forEach((x, i) => f32.set(x, xAt + i * xStride));
      runRows(base + 4 * xAt, base + 4 * yAt, rows, cols, xStride, yStride);
      // Checked and copied before `expected` runs: the JS wrapper of a paper kernel uses this memory too.
      const inside: Array<[number, number]> = [...stridedRanges(xAt, rows, cols, xStride), ...stridedRanges(yAt, rows, cols, yStride)];
      expect(brokenCanary(heap, CANARY, inside, yAt), `${spec.id}: wrote outside the rows (gaps included)`).toBeNull();
      const ys = xs.map((_, i) => f32.slice(yAt + i * yStride, yAt + i * yStride + cols));
      xs.forEach((x, i) => expectSameBits(ys[i], expected(x), `${spec.id} row ${i}`));
    });

    it(`${spec.id}: JS wrapper on offset views with canaries, x unchanged, y === x equals out of place`, () => {
      const r = seededUniform(13);
      for (let n = 0; n <= maxN; n++) {
        for (let offset = 0; offset < 4; offset++) {
          const x = rowOf(n, r);
          const want = expected(x);
          const guarded = guardedRow(n, GUARD + offset, GUARD, CANARY);
          const y = guarded.view;
          const xCopy = x.slice();
          impl.row(x, y);
          expectSameBits(y, want, `${spec.id} n=${n} offset=${offset}`);
          expectSameBits(x, xCopy, `${spec.id}: x changed`);
          expect(brokenCanaryAround(guarded, CANARY), `${spec.id} n=${n}: wrote outside y`).toBeNull();
          y.set(x);
          impl.row(y, y);
          expectSameBits(y, want, `${spec.id} n=${n} in place`);
        }
      }
    });

    it(`${spec.id}: JS wrapper batched with strides equals row by row; in place with equal strides`, () => {
      const r = seededUniform(17);
      for (const [rows, cols, xStride, yStride] of [[3, 17, 17, 17], [4, 9, 12, 10], [1, 33, 40, 33], [0, 5, 5, 5], [3, 0, 2, 2]]) {
        const x = Float32Array.from({ length: Math.max(0, (rows - 1) * xStride + cols) }, () => (r() - 0.5) * 60);
        const guarded = guardedRow(Math.max(0, (rows - 1) * yStride + cols), GUARD, GUARD, CANARY);
        const y = guarded.view;
        impl.batch(x, y, rows, cols, xStride, yStride);
        for (let i = 0; i < rows; i++) {
          const want = expected(x.subarray(i * xStride, i * xStride + cols));
          expectSameBits(y.subarray(i * yStride, i * yStride + cols), want, `${spec.id} row ${i}`);
        }
        expect(brokenCanary(guarded.words, CANARY, stridedRanges(guarded.start, rows, cols, yStride)), `${spec.id} ${rows}x${cols}: wrote outside the rows (gaps included)`).toBeNull();
        const inPlace = x.slice();
        impl.batch(inPlace, inPlace, rows, cols, xStride, xStride);
        for (let i = 0; i < rows; i++) {
          expectSameBits(inPlace.subarray(i * xStride, i * xStride + cols), expected(x.subarray(i * xStride, i * xStride + cols)), `${spec.id} in place row ${i}`);
        }
      }
    });
  }
});
