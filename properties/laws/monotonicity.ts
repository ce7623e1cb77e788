// x_i < x_j implies y_i <= y_j, up to the two outputs' declared bounds.

import { showF32 } from '../core/format.js';
import { elementSlack } from '../core/kernel-oracle.js';
import type { Property } from '../core/property.js';

export const monotonicity: Property = {
  name: 'monotonicity',
  families: ['uniform', 'ties', 'top-k', 'large-offset', 'underflow-band', 'overflow-band', 'masked', 'tail-lengths'],
  check(ctx, row) {
    const f = ctx.oracle.facts(row.x);
    if (f.kind !== 'ordinary') return null;
    const y = ctx.run(row.x);
    const order = Array.from(row.x.keys()).sort((a, b) => row.x[a] - row.x[b]);
    // Along increasing x, every output must reach at least the largest earlier output minus slack.
    for (let k = 1; k < order.length; k++) {
      const i = order[k - 1];
      const j = order[k];
      if (!(row.x[i] < row.x[j])) continue;
      const spec = ctx.entry.spec;
      const slack = elementSlack(spec, f.bound[i], f.oracle.reference[i]) + elementSlack(spec, f.bound[j], f.oracle.reference[j]);
      if (y[i] > y[j] + slack) return `x[${i}] = ${showF32(row.x[i])} < x[${j}] = ${showF32(row.x[j])} but y[${i}] = ${y[i]} > y[${j}] = ${y[j]}`;
    }
    return null;
  },
};
