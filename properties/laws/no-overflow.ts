// Rows of large finite values (the overflow band and up to FLT_MAX) never produce
// NaN or Inf: what naive exp(x)/sum gets wrong for any x > 88.72.

import { showF32 } from '../core/format.js';
import type { Property } from '../core/property.js';

export const noOverflow: Property = {
  name: 'no-overflow',
  families: ['overflow-band', 'huge-magnitude', 'large-offset', 'uniform'],
  check(ctx, row) {
    const y = ctx.run(row.x);
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i])) return `y[${i}] = ${y[i]} for the finite input x[${i}] = ${showF32(row.x[i])}`;
    }
    return null;
  },
};
