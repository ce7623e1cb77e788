// Cross-ISA identity of the accurate recipe against the committed file: every available
// accurate kernel reproduces digests/v<GRID_VERSION>.json, and the file is what the golden models give.

import { describe, expect, it } from 'vitest';
import { computeDigest, digestGrid, firstDifference, GRID_DESCRIPTION, GRID_VERSION, readDigestFile } from '../../../properties/digests/golden-digest.js';
import { SCALAR_IMPLEMENTATIONS } from '../../../src/kernels/scalar/index.js';
import { listKernels } from '../../../src/registry.js';

const committed = readDigestFile();
const grid = digestGrid();
const accurate = listKernels().filter((e) => e.spec.origin === 'builtin' && e.spec.recipe === 'accurate');

describe(`accurate kernels reproduce digests/v${GRID_VERSION}.json`, () => {
  it('the file describes this grid version', () => {
    expect(committed.version).toBe(GRID_VERSION);
    expect(committed.grid).toBe(GRID_DESCRIPTION);
  });

  for (const e of accurate) {
    const id = e.spec.id;
    it.skipIf(!e.available)(`${id}${e.available ? '' : ` (skipped: ${e.reason})`}`, () => {
      const { digest, outputs } = computeDigest(e.row!, grid);
      if (digest.digest !== committed.algorithms[e.spec.algorithm].digest) {
        const golden = computeDigest(SCALAR_IMPLEMENTATIONS[`${e.spec.algorithm}/accurate`], grid).outputs;
        throw new Error(`${id} differs from the committed digest; first difference: ${firstDifference(grid, outputs, golden) ?? 'none from the golden model, which itself changed'}`);
      }
      expect(digest).toEqual(committed.algorithms[e.spec.algorithm]);
    });
  }
});
