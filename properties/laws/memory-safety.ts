// No write outside y[0..n), no change to x: x and y sit inside larger buffers at offsets
// chosen independently of each other and of n (every offset 0..15 elements, i.e. every
// byte offset mod 64 a float32 can have), with canaries on both sides; in place (y = x)
// gives the bits of the out-of-place call where the kernel declares in-place support.
// External C and wasm ports see the same offsets: their runners place x and y at the
// offset mod 64 of the views they are given (src/external/).

import { softmax } from '../../src/api.js';
import { sameBits } from '../core/compare.js';
import { hex32 } from '../core/format.js';
import type { Property } from '../core/property.js';
import { SPEC_FAMILIES, type Row } from '../families/row-families.js';
import { seededUniform } from '../families/seeded-uniform.js';
import { OFFSET_CELLS } from '../check/coverage.js';

const GUARD = 19; // canary elements after each buffer: more than any SIMD width reads past an end
const X_CANARY = 0x7fa5a5a5; // a signalling-NaN pattern: obvious if it leaks into results
const Y_CANARY = 0xff5a5a5a;

/** The x and y offsets (elements, 0..15) of a row, from its variant: independent of each other and of n. */
export function offsetsOf(variant: number): { xOff: number; yOff: number } {
  return { xOff: variant % OFFSET_CELLS, yOff: Math.floor(variant / OFFSET_CELLS) % OFFSET_CELLS };
}

/** Canaries before the data: 32 + offset elements, so the data starts at byte 4 * offset mod 64 of the buffer. */
const FRONT = 2 * OFFSET_CELLS;

/** A buffer of FRONT + offset canaries, the n elements, and GUARD canaries after. */
function guarded(n: number, offset: number, canary: number): { all: Uint32Array; view: Float32Array; from: number } {
  const from = FRONT + offset;
  const all = new Uint32Array(from + n + GUARD).fill(canary);
  return { all, view: new Float32Array(all.buffer, from * 4, n), from };
}

function canaryBroken(all: Uint32Array, from: number, to: number, canary: number, what: string): string | null {
  for (let i = 0; i < all.length; i++) {
    if ((i < from || i >= to) && all[i] !== canary) return `${what}: element ${i - from} relative to the start changed to ${hex32(new Float32Array(all.buffer, i * 4, 1)[0])}`;
  }
  return null;
}

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
    const xs = guarded(n, xOff, X_CANARY);
    xs.view.set(row.x);
    const before = Uint32Array.from(xs.all);
    const ys = guarded(n, yOff, Y_CANARY);
    softmax(id, xs.view, ys.view);
    for (let i = 0; i < before.length; i++) if (before[i] !== xs.all[i]) return `x or its canaries changed at element ${i - xs.from} (x offset ${xOff}, y offset ${yOff})`;
    const broken = canaryBroken(ys.all, ys.from, ys.from + n, Y_CANARY, `write outside y (x offset ${xOff}, y offset ${yOff})`);
    if (broken) return broken;
    const offsetBits = sameBits(reference, ys.view, `call with x offset ${xOff}, y offset ${yOff} vs aligned call`);
    if (offsetBits) return offsetBits;
    if (!ctx.entry.spec.inPlace) return null;
    softmax(id, xs.view, xs.view);
    const outside = canaryBroken(xs.all, xs.from, xs.from + n, X_CANARY, `in-place write outside x (offset ${xOff})`);
    return outside ?? sameBits(reference, xs.view, `in place (offset ${xOff}) vs out of place`);
  },
};
