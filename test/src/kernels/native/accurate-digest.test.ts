// Cross-ISA bit identity of the accurate recipe, SLEEF-style: a hash of every output over a
// fixed input grid must equal the hash of the scalar golden model's outputs.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CASES, addon, firstDifference, hex, inputGrid, runNative, skipReason, type NativeCase } from './native-fixtures.js';
import type { RowKernel } from '../../../../src/kernels/row-kernel.js';

const GRID = inputGrid();

function digest(run: RowKernel): { hash: string; outputs: Float32Array[] } {
  const h = createHash('sha256');
  const outputs = GRID.map(({ x }) => {
    const y = new Float32Array(x.length);
    run(x, y);
    h.update(new Uint8Array(y.buffer));
    h.update(new Uint8Array(new Uint32Array([x.length]).buffer)); // row boundary
    return y;
  });
  return { hash: h.digest('hex'), outputs };
}

function firstDifferingElement(got: Float32Array[], want: Float32Array[]): string {
  for (let r = 0; r < GRID.length; r++) {
    const i = firstDifference(got[r], want[r]);
    if (i >= 0) {
      const { family, x } = GRID[r];
      return `row ${r} (${family}, n=${x.length}) element ${i}: x=${hex(x[i])} native=${hex(got[r][i])} golden=${hex(want[r][i])}`;
    }
  }
  return 'none (hashes differ only in framing)';
}

const accurate = CASES.filter((c) => c.spec.recipe === 'accurate');

describe.skipIf(!addon)(`accurate native kernels hash like the scalar golden models${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const golden = new Map<string, ReturnType<typeof digest>>();
  const goldenOf = (c: NativeCase) => {
    if (!golden.has(c.spec.algorithm)) golden.set(c.spec.algorithm, digest(c.scalar));
    return golden.get(c.spec.algorithm)!;
  };

  for (const c of accurate) {
    it.skipIf(c.cannotRun !== null)(`${c.spec.id}${c.cannotRun ? ` (skipped: ${c.cannotRun})` : ''}`, () => {
    const want = goldenOf(c);
    const got = digest((x, y) => runNative(c, x, y));
    if (got.hash !== want.hash) {
      throw new Error(`${c.spec.id}: digest ${got.hash} != golden ${c.spec.bitIdenticalTo} ${want.hash}; first difference: ${firstDifferingElement(got.outputs, want.outputs)}`);
    }
    expect(got.hash).toBe(want.hash);
    });
  }
});
