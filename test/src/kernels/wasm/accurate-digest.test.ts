// Bit identity of the wasm accurate kernels with the scalar golden models, SLEEF-style:
// a sha256 over the outputs of a fixed grid of rows of every family. On a mismatch the
// failure names the first differing element: row, family, index and both bit patterns.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WASM_UNAVAILABLE, bits, firstBitDifference, hex, kernelsUnderTest } from './fixtures.js';
import { digestGrid } from './grid.js';

const grid = digestGrid();

describe.skipIf(WASM_UNAVAILABLE !== null)(`wasm-simd128 accurate digests ${WASM_UNAVAILABLE ? `(skipped: ${WASM_UNAVAILABLE})` : ''}`, () => {
  for (const { spec, impl, scalar } of kernelsUnderTest((s) => s.recipe === 'accurate')) {
    it(`${spec.id} hashes like ${spec.bitIdenticalTo} over ${grid.length} rows`, () => {
      const wasmHash = createHash('sha256');
      const goldenHash = createHash('sha256');
      let firstDiff: string | null = null;
      grid.forEach(({ family, x }, row) => {
        const y = new Float32Array(x.length);
        const golden = new Float32Array(x.length);
        impl.row(x, y);
        scalar(x, golden);
        wasmHash.update(new Uint8Array(y.buffer));
        goldenHash.update(new Uint8Array(golden.buffer));
        const i = firstDiff ? -1 : firstBitDifference(y, golden);
        if (i >= 0) firstDiff = `row ${row} (${family}, n = ${x.length}) index ${i}: x = ${hex(bits(x)[i])}, wasm ${hex(bits(y)[i])}, golden ${hex(bits(golden)[i])}`;
      });
      const [w, g] = [wasmHash.digest('hex'), goldenHash.digest('hex')];
      expect(w === g ? null : `wasm ${w} != golden ${g}; first difference at ${firstDiff}`).toBeNull();
    });
  }
});
