// Every tail length 0..2*tile+1 at misaligned offsets: accurate kernels equal the golden bits,
// paper kernels stay close to them; nothing outside y[0..n) is written, x is unchanged, and
// in-place equals out-of-place. Batched rows equal the row kernel, gaps between rows untouched.

import { describe, expect, it } from 'vitest';
import { X_CANARY, brokenCanary, guardedRow, stridedRanges, type GuardedRow } from '../../../../properties/core/canary-buffer.js';
import { hex32 } from '../../../../properties/core/format.js';
import { CASES, addon, bits, firstDifference, runNative, skipReason, type NativeCase } from './native-fixtures.js';
import { seededUniform } from '../../../../src/seeded-random.js';

const PAD = 24; // canary elements on each side of a region; > one AVX-512 vector
const OFFSETS = [0, 1, 3, 7];

/** A row of n elements at element offset `offset` inside a canary-filled buffer. */
function region(n: number, offset: number, fill: (i: number) => number): GuardedRow {
  const g = guardedRow(n, PAD + offset, PAD, X_CANARY);
  for (let i = 0; i < n; i++) g.view[i] = fill(i);
  return g;
}

function expectCanariesIntact(g: GuardedRow, what: string, inside: Array<[number, number]> = [[g.start, g.view.length]]): void {
  expect(brokenCanary(g.words, X_CANARY, inside, g.start), what).toBeNull();
}

/** Rows with -inf entries, ties and a wide spread, so every lane state is exercised. */
function rowValue(rnd: () => number) {
  return (i: number) => (i % 11 === 5 ? -Infinity : i % 7 === 2 ? 9.5 : Math.fround((rnd() - 0.5) * 24));
}

function checkAgainstModel(c: NativeCase, x: Float32Array, y: Float32Array, context: string): void {
  const want = new Float32Array(x.length);
  c.scalar(x, want);
  if (c.spec.recipe === 'accurate') {
    const i = firstDifference(y, want);
    if (i >= 0) throw new Error(`${c.spec.id} ${context}: element ${i} is ${hex32(y[i])}, golden ${hex32(want[i])} (x=${hex32(x[i])})`);
    return;
  }
  // Paper: a different summation order and FMA; inputs span 24, so errors stay within a few ULP.
  for (let i = 0; i < x.length; i++) {
    const ok = Math.abs(y[i] - want[i]) <= 2 ** -18 * want[i] + 2 ** -126 && y[i] >= 0 && y[i] <= 1;
    if (!ok) throw new Error(`${c.spec.id} ${context}: element ${i} is ${y[i]}, scalar paper ${want[i]}`);
  }
}

describe.skipIf(!addon)(`native tails, canaries, in-place${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  for (const c of CASES) {
    it.skipIf(c.cannotRun !== null)(`${c.spec.id}: n = 0..${2 * c.spec.tile + 1} at offsets ${OFFSETS.join(', ')}${c.cannotRun ? ` (skipped: ${c.cannotRun})` : ''}`, () => {
      const rnd = seededUniform(c.k + 1);
      for (let n = 0; n <= 2 * c.spec.tile + 1; n++) {
        for (const offset of OFFSETS) {
          const fill = rowValue(rnd);
          const x = region(n, offset, fill);
          const xBefore = bits(x.view).slice();
          const y = region(n, (offset * 5) % 8, () => 0);
          runNative(c, x.view, y.view);
          const context = `n=${n} offset=${offset}`;
          expect(bits(x.view), `${c.spec.id} ${context}: x changed`).toEqual(xBefore);
          expectCanariesIntact(x, `${c.spec.id} ${context} x`);
          expectCanariesIntact(y, `${c.spec.id} ${context} y`);
          checkAgainstModel(c, x.view, y.view, context);
          // In place: y = x, same bits as out of place.
          runNative(c, x.view, x.view);
          expect(firstDifference(x.view, y.view), `${c.spec.id} ${context}: in-place differs`).toBe(-1);
          expectCanariesIntact(x, `${c.spec.id} ${context} in-place`);
        }
      }
    });

    it.skipIf(c.cannotRun !== null)(`${c.spec.id}: batched rows with strides equal the row kernel; gaps untouched`, () => {
      const rnd = seededUniform(1000 + c.k);
      for (const [rows, cols, xStride, yStride] of [
        [5, 37, 40, 41],
        [3, 1, 1, 3],
        [4, 2 * c.spec.tile + 1, 2 * c.spec.tile + 1, 2 * c.spec.tile + 9],
        [0, 5, 5, 5],
        [6, 0, 0, 3],
      ]) {
        const x = region(rows === 0 ? 0 : (rows - 1) * xStride + cols, 1, rowValue(rnd));
        const yLen = rows === 0 ? 0 : (rows - 1) * yStride + cols;
        const y = guardedRow(yLen, PAD + 2, PAD, X_CANARY);
        addon!.softmaxRows(c.k, x.view, y.view, rows, cols, xStride, yStride);
        // Nothing outside the rows: neither around y nor in the gaps between its rows.
        expectCanariesIntact(y, `${c.spec.id} batched ${rows}x${cols}, gaps between rows included`, stridedRanges(y.start, rows, cols, yStride));
        for (let r = 0; r < rows; r++) {
          const want = new Float32Array(cols);
          runNative(c, x.view.subarray(r * xStride, r * xStride + cols), want);
          expect(firstDifference(y.view.subarray(r * yStride, r * yStride + cols), want), `${c.spec.id} row ${r} of ${rows}x${cols}`).toBe(-1);
        }
        // In place with equal strides.
        const inPlace = x.view.slice();
        addon!.softmaxRows(c.k, inPlace, inPlace, rows, cols, xStride, xStride);
        for (let r = 0; r < rows; r++) {
          expect(firstDifference(inPlace.subarray(r * xStride, r * xStride + cols), y.view.subarray(r * yStride, r * yStride + cols))).toBe(-1);
        }
      }
    });
  }
});
