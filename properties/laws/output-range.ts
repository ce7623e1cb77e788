// Every output of a row with at least one finite entry is a number in [0, 1].

import type { Property } from '../core/property.js';
import { FINITE_FAMILIES } from '../families/row-families.js';

export const outputRange: Property = {
  name: 'output-range',
  families: [...FINITE_FAMILIES, 'masked'],
  check(ctx, row) {
    if (ctx.oracle.facts(row.x).kind !== 'ordinary') return null;
    const y = ctx.run(row.x);
    for (let i = 0; i < y.length; i++) {
      if (!(y[i] >= 0 && y[i] <= 1)) return `y[${i}] = ${y[i]} is outside [0, 1]`;
    }
    return null;
  },
};
