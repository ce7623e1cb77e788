// Each builtin kernel's loop shape (KernelSpec.shape) is what its tile and declared bound are
// built from; the generated C and AssemblyScript tables carry the same shape to the code.

import { describe, expect, it } from 'vitest';
import { ACCURATE_LANES } from '../../../src/constants.js';
import { accurateKernels, spec } from '../../../src/spec/kernel-spec.js';
import { KERNELS } from '../../../src/spec/kernels.js';
import { FAITHFUL } from '../../../src/spec/error-bounds.js';

const builtin = KERNELS.filter((k) => k.origin === 'builtin');

describe('loop shapes of the spec table', () => {
  it('every builtin kernel has one; its tile is unroll vectors of `vector` elements', () => {
    for (const k of builtin) {
      expect(k.shape, k.id).toBeDefined();
      expect(k.tile, k.id).toBe(k.shape!.unroll * k.shape!.vector);
    }
  });

  it(`every accurate kernel steps through one block of the recipe's ${ACCURATE_LANES} logical lanes`, () => {
    for (const k of builtin.filter((s) => s.recipe === 'accurate')) expect(k.tile, k.id).toBe(ACCURATE_LANES);
  });

  it("every paper kernel's Higham term counts ceil(n / (accumulators x vector)) - 1 additions per lane", () => {
    const at = (k: (typeof builtin)[number], n: number) => k.bound.maxUlp({ n, spread: 0, magnitude: 1 });
    for (const k of builtin.filter((s) => s.recipe === 'paper' && !s.control)) {
      const lanes = k.shape!.accumulators * k.shape!.vector;
      expect(at(k, lanes), `${k.id}: n = ${lanes}`).toBe(at(k, 1));
      expect(at(k, lanes + 1) - at(k, lanes), `${k.id}: n = ${lanes + 1}`).toBe(1);
      expect(at(k, 3 * lanes + 1) - at(k, lanes), `${k.id}: n = ${3 * lanes + 1}`).toBe(3);
    }
  });

  it('a shape count that is not a positive integer is a RangeError naming the kernel and the field', () => {
    const rest = { accumulation: 'x', bound: FAITHFUL, subnormals: 'produced', expModel: null } as const;
    expect(() => spec('online', 'avx2', 'paper', { ...rest, shape: { vector: 8, unroll: 0, accumulators: 4 } })).toThrow(
      new RangeError('online/avx2/paper: shape.unroll must be a positive integer, got 0'),
    );
    expect(() => spec('online', 'avx2', 'paper', { ...rest, shape: { vector: 8.5, unroll: 4, accumulators: 4 } })).toThrow(/shape\.vector/);
  });

  it('accurate kernels need a vector width that divides the logical lanes', () => {
    expect(() => accurateKernels('avx2', 3)).toThrow(RangeError);
    expect(accurateKernels('avx2', 4).map((k) => k.shape)).toEqual(Array(4).fill({ vector: 4, unroll: 4, accumulators: 4 }));
  });
});
