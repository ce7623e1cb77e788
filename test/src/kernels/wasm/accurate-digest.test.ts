// Bit identity of the wasm accurate kernels with the scalar golden models, SLEEF-style: the
// digest of every output over the golden-digest grid (rows of every family); a mismatch
// names the first differing element: family, length, index and both bit patterns.

import { describe, expect, it } from 'vitest';
import { checkGoldenDigest, digestGrid } from '../../../../properties/digests/golden-digest.js';
import { WASM_UNAVAILABLE, kernelsUnderTest } from './fixtures.js';

const grid = digestGrid();

describe.skipIf(WASM_UNAVAILABLE !== null)(`wasm-simd128 accurate digests ${WASM_UNAVAILABLE ? `(skipped: ${WASM_UNAVAILABLE})` : ''}`, () => {
  for (const { spec, impl } of kernelsUnderTest((s) => s.recipe === 'accurate')) {
    it(`${spec.id} hashes like ${spec.bitIdenticalTo} over ${grid.length} rows`, () => {
      if (spec.algorithm === 'naive') throw new Error(`${spec.id}: the naive control has no accurate recipe`);
      expect(checkGoldenDigest(impl.row, spec.algorithm, grid).mismatch, `${spec.id} vs ${spec.bitIdenticalTo}`).toBeNull();
    });
  }
});
