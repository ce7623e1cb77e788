// Cross-ISA identity of the accurate recipe against the committed file: every available
// accurate kernel reproduces digests/v<GRID_VERSION>.json, and the file is what the golden models give.

import { describe, expect, it } from 'vitest';
import { checkGoldenDigest, digestGrid, GRID_DESCRIPTION, GRID_VERSION, readDigestFile } from '../../../properties/digests/golden-digest.js';
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
    const { id, algorithm } = e.spec;
    it.skipIf(!e.available)(`${id}${e.available ? '' : ` (skipped: ${e.reason})`}`, () => {
      if (algorithm === 'naive') throw new Error(`${id}: the naive control has no accurate recipe`);
      const check = checkGoldenDigest(e.row!, algorithm, grid, committed.algorithms[algorithm]);
      expect(check.mismatch, `${id} differs from the committed digest`).toBeNull();
      expect(check.digest).toEqual(committed.algorithms[algorithm]);
    });
  }
});
