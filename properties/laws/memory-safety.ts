// No write outside y[0..n), no change to x: x and y sit inside larger buffers at
// misaligned offsets with canaries on both sides; in place (y = x) gives the bits
// of the out-of-place call where the kernel declares in-place support.

import { softmax } from '../../src/api.js';
import { X_CANARY, Y_CANARY, brokenCanaryAround, guardedRow } from '../core/canary-buffer.js';
import { sameBits } from '../core/compare.js';
import type { Property } from '../core/property.js';
import { SPEC_FAMILIES } from '../families/row-families.js';

const GUARD = 19; // canary elements behind each row: more than any SIMD width reads past an end

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
    const xs = guardedRow(n, xOff, GUARD, X_CANARY);
    xs.view.set(row.x);
    const before = Uint32Array.from(xs.words);
    const ys = guardedRow(n, yOff, GUARD, Y_CANARY);
    softmax(id, xs.view, ys.view);
    for (let i = 0; i < before.length; i++) if (before[i] !== xs.words[i]) return `x or its canaries changed at element ${i - xOff}`;
    const broken = brokenCanaryAround(ys, Y_CANARY);
    if (broken) return `write outside y: ${broken}`;
    const offsetBits = sameBits(reference, ys.view, 'misaligned call vs aligned call');
    if (offsetBits) return offsetBits;
    if (!ctx.entry.spec.inPlace) return null;
    softmax(id, xs.view, xs.view);
    const outside = brokenCanaryAround(xs, X_CANARY);
    return outside ? `in-place write outside x: ${outside}` : sameBits(reference, xs.view, 'in place vs out of place');
  },
};
