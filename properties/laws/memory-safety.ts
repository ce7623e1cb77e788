// No write outside y[0..n), no change to x: x and y sit inside larger buffers at
// misaligned offsets with canaries on both sides; in place (y = x) gives the bits
// of the out-of-place call where the kernel declares in-place support.

import { softmax } from '../../src/api.js';
import { sameBits } from '../core/compare.js';
import { hex32 } from '../core/format.js';
import type { Property } from '../core/property.js';
import { SPEC_FAMILIES } from '../families/row-families.js';

const GUARD = 19; // canary elements on each side: more than any SIMD width reads past an end
const X_CANARY = 0x7fa5a5a5; // a signalling-NaN pattern: obvious if it leaks into results
const Y_CANARY = 0xff5a5a5a;

function guarded(n: number, offset: number, canary: number): { all: Uint32Array; view: Float32Array } {
  const all = new Uint32Array(offset + n + GUARD).fill(canary);
  return { all, view: new Float32Array(all.buffer, offset * 4, n) };
}

function canaryBroken(all: Uint32Array, from: number, to: number, canary: number, what: string): string | null {
  for (let i = 0; i < all.length; i++) {
    if ((i < from || i >= to) && all[i] !== canary) return `${what}: element ${i - from} relative to the start changed to ${hex32(new Float32Array(all.buffer, i * 4, 1)[0])}`;
  }
  return null;
}

export const memorySafety: Property = {
  name: 'memory-safety',
  families: SPEC_FAMILIES.filter((f) => f !== 'long-near-equal'),
  check(ctx, row) {
    const n = row.x.length;
    const id = ctx.entry.spec.id;
    const reference = ctx.run(row.x);
    // Offsets 1..GUARD elements: every alignment mod 64 bytes is reached over the run.
    const xOff = 1 + (n % GUARD);
    const yOff = 1 + ((n * 7 + 3) % GUARD);
    const xs = guarded(n, xOff, X_CANARY);
    xs.view.set(row.x);
    const before = Uint32Array.from(xs.all);
    const ys = guarded(n, yOff, Y_CANARY);
    softmax(id, xs.view, ys.view);
    for (let i = 0; i < before.length; i++) if (before[i] !== xs.all[i]) return `x or its canaries changed at element ${i - xOff}`;
    const broken = canaryBroken(ys.all, yOff, yOff + n, Y_CANARY, 'write outside y');
    if (broken) return broken;
    const offsetBits = sameBits(reference, ys.view, 'misaligned call vs aligned call');
    if (offsetBits) return offsetBits;
    if (!ctx.entry.spec.inPlace) return null;
    softmax(id, xs.view, xs.view);
    const outside = canaryBroken(xs.all, xOff, xOff + n, X_CANARY, 'in-place write outside x');
    return outside ?? sameBits(reference, xs.view, 'in place vs out of place');
  },
};
