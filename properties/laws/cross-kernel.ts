// Kernels agree with each other: bit for bit with the golden model they port
// (accurate recipe), and within both declared bounds with the scalar accurate
// kernel of every algorithm.

import type { KernelEntry } from '../../src/registry.js';
import { softmax } from '../../src/api.js';
import { differenceWithin, sameBits } from '../core/compare.js';
import { elementSlack } from '../core/kernel-oracle.js';
import type { Property } from '../core/property.js';
import { hardCaseRows, type AccurateAlgorithm } from '../families/hard-cases.js';
import { findKernelSpec } from '../../src/spec/kernels.js';
import { SPEC_FAMILIES } from '../families/row-families.js';

function runOther(entry: KernelEntry, x: Float32Array): Float32Array {
  const y = new Float32Array(x.length);
  softmax(entry.spec.id, x, y);
  return y;
}

/** Hard-case rows by algorithm, read once; their names, for the failure message. */
const hardRows = new Map<AccurateAlgorithm, Float32Array[]>();
const hardRowNames = new WeakMap<Float32Array, string>();
function hardRowsOf(algorithm: AccurateAlgorithm): Float32Array[] {
  if (!hardRows.has(algorithm)) {
    hardRows.set(algorithm, hardCaseRows(algorithm).map(({ name, x }) => (hardRowNames.set(x, name), x)));
  }
  return hardRows.get(algorithm)!;
}

export const crossKernel: Property = {
  name: 'cross-kernel',
  // Long rows too, for bit identity only: a port whose binary64 exp differs from the golden
  // model by ~2^-32 (a coefficient rounded to float32) changes an output bit about once in
  // 2^8 elements, so it shows on a long row and hides on the short ones.
  families: SPEC_FAMILIES,
  // And, before the generated long rows, the committed hard cases of the golden model's
  // algorithm (properties/families/hard-cases.ts): rows on which a one-ulp change of the binary64
  // denominator flips an output, so another lane order or a state kept between calls fails
  // deterministically instead of once in 2^28 elements.
  fixedRows(entry, family) {
    const golden = entry.spec.bitIdenticalTo ? findKernelSpec(entry.spec.bitIdenticalTo) : undefined;
    if (family !== 'long-near-equal' || !golden || golden.algorithm === 'naive') return [];
    return hardRowsOf(golden.algorithm).map((x) => ({ family, x }));
  },
  check(ctx, row) {
    const spec = ctx.entry.spec;
    const golden = ctx.others.find((o) => o.spec.id === spec.bitIdenticalTo);
    if (row.family === 'long-near-equal' && !golden) return null;
    const y = ctx.run(row.x);
    if (golden) {
      const bad = sameBits(y, runOther(golden, row.x), `bit identity with ${golden.spec.id}`);
      if (bad) return hardRowNames.has(row.x) ? `hard case (${hardRowNames.get(row.x)}): ${bad}` : bad;
    }
    // The within-bounds comparison with every scalar accurate kernel is left to the short rows.
    if (row.family === 'long-near-equal') return null;
    const f = ctx.oracle.facts(row.x);
    if (f.kind !== 'ordinary') return null;
    for (const other of ctx.others) {
      if (other.spec.isa !== 'scalar' || other.spec.recipe !== 'accurate' || other.spec.id === spec.id) continue;
      const z = runOther(other, row.x);
      for (let i = 0; i < y.length; i++) {
        const otherBound = other.spec.bound.maxUlp({ n: y.length, spread: Math.abs(row.x[i] - f.max), magnitude: f.magnitude });
        const Y = f.oracle.reference[i];
        const bad = differenceWithin(y[i], z[i], elementSlack(spec, f.bound[i], Y), elementSlack(other.spec, otherBound, Y), `y[${i}] vs ${other.spec.id}`);
        if (bad) return bad;
      }
    }
    return null;
  },
};
