// |sum_i y_i - 1|, summed exactly, within what the per-element bounds allow:
// sum_i bound_i * ulp(Y_i) (plus 2^-126 per output a flushing kernel may zero).

import { sumToOneDeviation } from '../../oracles/ulp.js';
import { elementSlack } from '../core/kernel-oracle.js';
import type { Property } from '../core/property.js';
import { FINITE_FAMILIES } from '../families/row-families.js';

export const sumToOne: Property = {
  name: 'sum-to-one',
  families: [...FINITE_FAMILIES, 'masked'],
  check(ctx, row) {
    const f = ctx.oracle.facts(row.x);
    if (f.kind !== 'ordinary') return null;
    const y = ctx.run(row.x);
    const deviation = sumToOneDeviation(y); // units of 2^-24
    ctx.stats.recordSumToOne(deviation, y.length);
    let allowed = 0;
    for (let i = 0; i < y.length; i++) allowed += elementSlack(ctx.entry.spec, f.bound[i], f.oracle.reference[i]);
    const allowedUnits = allowed * 2 ** 24;
    return deviation <= allowedUnits ? null : `|sum y - 1| = ${deviation} x 2^-24 exceeds the ${allowedUnits} x 2^-24 the declared bounds allow`;
  },
};
