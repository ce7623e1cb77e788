// Every output within the kernel's declared bound of the exact, correctly rounded
// softmax (special-value policy included); records the ULP errors it saw.

import { showF32 } from '../core/format.js';
import type { Property } from '../core/property.js';
import { SPEC_FAMILIES } from '../families/row-families.js';

export const oracleAgreement: Property = {
  name: 'oracle-agreement',
  families: SPEC_FAMILIES,
  check(ctx, row) {
    const y = ctx.run(row.x);
    const f = ctx.oracle.facts(row.x);
    let failure: string | null = null;
    for (let i = 0; i < y.length; i++) {
      const v = ctx.oracle.verdict(f, i, y[i]);
      if (f.kind === 'ordinary' && row.x[i] !== -Infinity) {
        // Where a bound is declared, every error counts toward the run's true worst (NaN and infinite outputs too).
        if (v.ulp > 0 && Number.isFinite(f.bound[i])) ctx.worst?.note(v.ulp, row.family, row.x, i, y[i], f.oracle.rounded[i]);
        ctx.stats.record(v.ulp, f.bound[i], y.length, Math.abs(row.x[i] - f.max), Math.abs(row.x[i]));
      }
      if (!v.ok && failure === null) {
        failure =
          `y[${i}] = ${showF32(y[i])}, oracle ${showF32(f.oracle.rounded[i])} (exact ${f.oracle.reference[i]}), ` +
          `error ${v.ulp} ULP, declared bound ${f.bound[i]} ULP (${ctx.entry.spec.bound.formula}); x[${i}] = ${showF32(row.x[i])}`;
      }
    }
    return failure;
  },
};
