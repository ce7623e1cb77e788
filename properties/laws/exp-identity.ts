// A paper kernel's per-element exp is the one its spec declares (KernelSpec.expModel), bit
// for bit. Oracle agreement cannot see this: an exp one float32 ULP off, a quotient where
// the recipe multiplies by the reciprocal, or a reduction that rounds n*ln2 stay inside the
// paper bounds. On exp-probe rows (row-families.ts) the sum, and so the reciprocal r, is the
// same in every summation order, and each output depends on its own entry alone, so the
// model predicts the whole output exactly whatever the kernel's lanes and tree.

import { f32ToBits } from '../../src/float-bits.js';
import { EXP_MODELS } from './exp-models.js';
import { showF32 } from '../core/format.js';
import type { Property } from '../core/property.js';

export const expIdentity: Property = {
  name: 'exp-identity',
  families: ['exp-probe'],
  check(ctx, row) {
    const declared = ctx.entry.spec.expModel;
    // Accurate kernels are held to their golden model bit for bit by cross-kernel; the naive
    // control and external ports declare no exp.
    if (declared === null) return null;
    const model = EXP_MODELS[declared];
    // Zeros add exactly 1 each; the other terms are either all absorbed (sum k) or, on a
    // near row, one term beside a single 1 (fl(1 + e)); binary64 holds k + sum exactly enough
    // that one float32 rounding gives the kernel's float32 sum in both cases.
    let zeros = 0;
    let rest = 0;
    for (const v of row.x) {
      if (v === 0) zeros++;
      else rest += model.term(v);
    }
    const sum = Math.fround(zeros + rest);
    const r = Math.fround(1 / sum);
    const y = ctx.run(row.x);
    for (let i = 0; i < y.length; i++) {
      const want = model.output(row.x[i], r);
      if (f32ToBits(y[i]) !== f32ToBits(want)) {
        return `y[${i}] = ${showF32(y[i])}, the declared exp model ${declared} gives ${showF32(want)}; x[${i}] = ${showF32(row.x[i])}, sum ${showF32(sum)} (${zeros} zeros)`;
      }
    }
    return null;
  },
};
