// The same input gives the same bits on every call, and the batched entry point
// gives each row the bits of the one-row call (with padded strides).

import { softmaxRows } from '../../src/api.js';
import { sameBits } from '../core/compare.js';
import type { Property } from '../core/property.js';
import { SPEC_FAMILIES } from '../families/row-families.js';

export const determinism: Property = {
  name: 'determinism',
  families: SPEC_FAMILIES,
  check(ctx, row) {
    const first = ctx.run(row.x);
    const again = sameBits(first, ctx.run(row.x), 'second call');
    if (again) return again;
    const n = row.x.length;
    if (n > 100_000) return null; // one-row repeat suffices for long rows; batching is checked on the rest
    const rows = 3;
    const xStride = n + 3;
    const yStride = n + 5;
    const xb = new Float32Array(rows * xStride);
    for (let r = 0; r < rows; r++) xb.set(row.x, r * xStride);
    const yb = new Float32Array(rows * yStride);
    softmaxRows(ctx.entry.spec.id, xb, yb, { rows, cols: n, xStride, yStride });
    for (let r = 0; r < rows; r++) {
      const bad = sameBits(first, yb.subarray(r * yStride, r * yStride + n), `batched row ${r} vs one-row call`);
      if (bad) return bad;
    }
    return null;
  },
};
