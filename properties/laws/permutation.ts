// softmax(P x) = P softmax(x) within bounds: the result does not depend on where an
// entry sits (accumulator lanes and tails must not change it beyond the bound).

import { differenceWithin } from '../core/compare.js';
import { elementSlack } from '../core/kernel-oracle.js';
import type { Property } from '../core/property.js';

export const permutationEquivariance: Property = {
  name: 'permutation-equivariance',
  families: ['uniform', 'ties', 'top-k', 'underflow-band', 'masked', 'tail-lengths', 'huge-magnitude'],
  check(ctx, row) {
    const f = ctx.oracle.facts(row.x);
    if (f.kind !== 'ordinary') return null;
    const n = row.x.length;
    // A fixed, length-dependent permutation: reversal composed with a rotation.
    const perm = Array.from({ length: n }, (_, i) => (n - 1 - i + (n >> 1)) % n);
    const px = Float32Array.from(perm, (j) => row.x[j]);
    const y = ctx.run(row.x);
    const py = ctx.run(px);
    for (let k = 0; k < n; k++) {
      const j = perm[k];
      const slack = elementSlack(ctx.entry.spec, f.bound[j], f.oracle.reference[j]);
      const bad = differenceWithin(py[k], y[j], slack, slack, `y[${j}] moved to ${k}`);
      if (bad) return bad;
    }
    return null;
  },
};
