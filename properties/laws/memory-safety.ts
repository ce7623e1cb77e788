// No write outside y[0..n), no change to x: x and y sit inside larger buffers at offsets
// chosen independently of each other and of n (every offset 0..15 elements, i.e. every
// byte offset mod 64 a float32 can have), with canaries on both sides; in place (y = x)
// gives the bits of the out-of-place call where the kernel declares in-place support.
// External C and wasm ports see the same offsets: their runners place x and y at the
// offset mod 64 of the views they are given (src/external/).

import { softmax } from '../../src/api.js';
import { X_CANARY, Y_CANARY, brokenCanaryAround, guardedRow } from '../core/canary-buffer.js';
import { sameBits } from '../core/compare.js';
import type { Property } from '../core/property.js';
import { SPEC_FAMILIES, type Row } from '../families/row-families.js';
import { seededUniform } from '../../src/seeded-random.js';
import { OFFSET_CELLS } from '../check/coverage.js';

const GUARD = 19; // canary elements behind each row: more than any SIMD width reads past an end

/** The x and y offsets (elements, 0..15) of a row, from its variant: independent of each other and of n. */
export function offsetsOf(variant: number): { xOff: number; yOff: number } {
  return { xOff: variant % OFFSET_CELLS, yOff: Math.floor(variant / OFFSET_CELLS) % OFFSET_CELLS };
}

/** Canaries before the data: 32 + offset elements, so the data starts at byte 4 * offset mod 64 of the buffer. */
const FRONT = 2 * OFFSET_CELLS;

/**
 * Committed rows checked on every run and seed, whatever --runs: every x offset and every
 * y offset once (y = 7x + 3 mod 16: independent of x), on tail-length rows.
 */
function coverageOffsets(): Row[] {
  return Array.from({ length: OFFSET_CELLS }, (_, i) => {
    const u = seededUniform(2000 + i);
    const x = Float32Array.from({ length: 17 + 5 * i }, () => Math.fround(40 * u() - 20));
    return { family: 'tail-lengths' as const, x, variant: i + OFFSET_CELLS * ((7 * i + 3) % OFFSET_CELLS) };
  });
}

export const memorySafety: Property = {
  name: 'memory-safety',
  families: SPEC_FAMILIES.filter((f) => f !== 'long-near-equal'),
  fixedRows: (_entry, family) => (family === 'tail-lengths' ? coverageOffsets() : []),
  check(ctx, row) {
    const n = row.x.length;
    const id = ctx.entry.spec.id;
    const reference = ctx.run(row.x);
    const { xOff, yOff } = offsetsOf(row.variant ?? 0);
    ctx.coverage?.note('x-offset', String(xOff));
    ctx.coverage?.note('y-offset', String(yOff));
    const xs = guardedRow(n, FRONT + xOff, GUARD, X_CANARY);
    xs.view.set(row.x);
    const before = Uint32Array.from(xs.words);
    const ys = guardedRow(n, FRONT + yOff, GUARD, Y_CANARY);
    softmax(id, xs.view, ys.view);
    for (let i = 0; i < before.length; i++) if (before[i] !== xs.words[i]) return `x or its canaries changed at element ${i - xs.start} (x offset ${xOff}, y offset ${yOff})`;
    const broken = brokenCanaryAround(ys, Y_CANARY);
    if (broken) return `write outside y (x offset ${xOff}, y offset ${yOff}): ${broken}`;
    const offsetBits = sameBits(reference, ys.view, `call with x offset ${xOff}, y offset ${yOff} vs aligned call`);
    if (offsetBits) return offsetBits;
    if (!ctx.entry.spec.inPlace) return null;
    softmax(id, xs.view, xs.view);
    const outside = brokenCanaryAround(xs, X_CANARY);
    return outside ? `in-place write outside x (offset ${xOff}): ${outside}` : sameBits(reference, xs.view, `in place (offset ${xOff}) vs out of place`);
  },
};
