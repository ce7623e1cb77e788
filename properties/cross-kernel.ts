// Kernels agree with each other: bit for bit with the golden model they port
// (accurate recipe), and within both declared bounds with the scalar accurate
// kernel of every algorithm.

import type { KernelEntry } from '../src/registry.js';
import { softmax } from '../src/api.js';
import { differenceWithin, sameBits } from './compare.js';
import { elementSlack } from './kernel-oracle.js';
import type { Property } from './property.js';
import { FAMILY_NAMES } from './row-families.js';

function runOther(entry: KernelEntry, x: Float32Array): Float32Array {
  const y = new Float32Array(x.length);
  softmax(entry.spec.id, x, y);
  return y;
}

export const crossKernel: Property = {
  name: 'cross-kernel',
  // Long rows too, for bit identity only: a port whose binary64 exp differs from the golden
  // model by ~2^-32 (a coefficient rounded to float32) changes an output bit about once in
  // 2^8 elements, so it shows on a long row and hides on the short ones.
  families: FAMILY_NAMES,
  check(ctx, row) {
    const spec = ctx.entry.spec;
    const golden = ctx.others.find((o) => o.spec.id === spec.bitIdenticalTo);
    if (row.family === 'long-near-equal' && !golden) return null;
    const y = ctx.run(row.x);
    if (golden) {
      const bad = sameBits(y, runOther(golden, row.x), `bit identity with ${golden.spec.id}`);
      if (bad) return bad;
    }
    // The within-bounds comparison with every scalar accurate kernel is left to the short rows.
    if (row.family === 'long-near-equal') return null;
    const f = ctx.oracle.facts(row.x);
    if (f.kind !== 'ordinary') return null;
    for (const other of ctx.others) {
      if (other.spec.isa !== 'scalar' || other.spec.recipe !== 'accurate' || other.spec.id === spec.id) continue;
      const z = runOther(other, row.x);
      for (let i = 0; i < y.length; i++) {
        const otherBound = other.spec.bound.maxUlp({ n: y.length, spread: Math.abs(row.x[i] - f.max), magnitude: f.magnitude });
        const Y = f.oracle.reference[i];
        const bad = differenceWithin(y[i], z[i], elementSlack(spec, f.bound[i], Y), elementSlack(other.spec, otherBound, Y), `y[${i}] vs ${other.spec.id}`);
        if (bad) return bad;
      }
    }
    return null;
  },
};
