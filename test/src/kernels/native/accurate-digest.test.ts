// Cross-ISA bit identity of the accurate recipe, SLEEF-style: the digest of every output over
// the golden-digest grid equals the scalar golden model's, for every native kernel the
// hardware can run (whatever SOFTMAX_MAX_ISA says); a mismatch names the first differing element.

import { describe, expect, it } from 'vitest';
import { checkGoldenDigest, digestGrid } from '../../../../properties/digests/golden-digest.js';
import { CASES, addon, runNative, skipReason } from './native-fixtures.js';

const grid = digestGrid();
const accurate = CASES.filter((c) => c.spec.recipe === 'accurate');

describe.skipIf(!addon)(`accurate native kernels hash like the scalar golden models${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  for (const c of accurate) {
    it.skipIf(c.cannotRun !== null)(`${c.spec.id}${c.cannotRun ? ` (skipped: ${c.cannotRun})` : ''}`, () => {
      const { algorithm } = c.spec;
      if (algorithm === 'naive') throw new Error(`${c.spec.id}: the naive control has no accurate recipe`);
      expect(checkGoldenDigest((x, y) => runNative(c, x, y), algorithm, grid).mismatch, `${c.spec.id} vs ${c.spec.bitIdenticalTo}`).toBeNull();
    });
  }
});
