// softmax(x + c) = softmax(x) for a shift c that is exact on every entry; the kernel's
// two outputs may differ only within their declared bounds.

import { ulp32 } from '../../src/float-bits.js';
import { differenceWithin } from '../core/compare.js';
import { elementSlack } from '../core/kernel-oracle.js';
import type { Property } from '../core/property.js';

/** A shift that keeps every entry exact: a small multiple of the largest entry's ulp. */
export function exactShift(x: Float32Array, multiple: number): number | null {
  let top = 0;
  for (const v of x) if (Number.isFinite(v)) top = Math.max(top, Math.abs(v));
  const ulp = ulp32(top);
  const c = multiple * ulp * 2 ** 12;
  for (const v of x) if (Number.isFinite(v) && Math.fround(v + c) !== v + c) return null;
  return c;
}

export const shiftInvariance: Property = {
  name: 'shift-invariance',
  families: ['uniform', 'ties', 'top-k', 'large-offset', 'underflow-band', 'overflow-band', 'tail-lengths'],
  check(ctx, row) {
    const f = ctx.oracle.facts(row.x);
    if (f.kind !== 'ordinary') return null;
    // A shift in [-64, 64] x 2^12 ulps that varies with the row (never 0).
    const multiple = ((row.x.length * 37) % 129) - 64 || 1;
    const c = exactShift(row.x, multiple);
    if (c === null) return null;
    const shifted = row.x.map((v) => v + c);
    const a = ctx.run(row.x);
    const b = ctx.run(shifted);
    const g = ctx.oracle.facts(shifted);
    for (let i = 0; i < a.length; i++) {
      const Y = f.oracle.reference[i];
      const bad = differenceWithin(a[i], b[i], elementSlack(ctx.entry.spec, f.bound[i], Y), elementSlack(ctx.entry.spec, g.bound[i], Y), `y[${i}] for x and x + ${c}`);
      if (bad) return bad;
    }
    return null;
  },
};
