// The declared special-value policy, exactly: a NaN or +inf poisons the whole row
// (NaN); an all -inf row gives NaN or +0 as declared; a -inf entry gives exactly +0
// and the other outputs are those of the row without it (within bounds).

import { differenceWithin } from '../core/compare.js';
import { elementSlack } from '../core/kernel-oracle.js';
import type { Property } from '../core/property.js';

export const specialValues: Property = {
  name: 'special-values',
  families: ['masked', 'nan-inf'],
  check(ctx, row) {
    const f = ctx.oracle.facts(row.x);
    const y = ctx.run(row.x);
    const { masked } = ctx.entry.spec.policy;
    if (f.kind === 'poisoned') {
      const i = y.findIndex((v) => v === v);
      return i < 0 ? null : `row with NaN/+inf: y[${i}] = ${y[i]}, expected NaN`;
    }
    if (f.kind === 'masked') {
      const i = y.findIndex((v) => (masked === 'nan' ? v === v : !Object.is(v, 0)));
      return i < 0 ? null : `all -inf row, policy '${masked}': y[${i}] = ${y[i]}`;
    }
    const kept: number[] = [];
    for (let i = 0; i < y.length; i++) {
      if (row.x[i] !== -Infinity) kept.push(i);
      else if (!Object.is(y[i], 0)) return `x[${i}] = -inf gave y[${i}] = ${y[i]}, expected +0`;
    }
    const without = ctx.run(Float32Array.from(kept, (i) => row.x[i]));
    for (let k = 0; k < kept.length; k++) {
      const i = kept[k];
      const slack = elementSlack(ctx.entry.spec, f.bound[i], f.oracle.reference[i]);
      const bad = differenceWithin(y[i], without[k], slack, slack, `y[${i}] with vs without the -inf entries`);
      if (bad) return bad;
    }
    return null;
  },
};
