// The one canary harness of the memory-safety checks: a row placed inside a larger buffer at
// a chosen (misaligned) element offset, every other word a canary bit pattern, and a scan
// for any canary that changed. Used by the memory-safety property and by the per-ISA tests
// (wasm linear memory, native tails, batched rows with gaps). The isolated runners' guard
// pages (src/external/runners) are another mechanism: page protection, not canaries.

import { hexBits } from './format.js';

/** Canary of x buffers: a signalling-NaN pattern no kernel produces, obvious if it leaks into results. */
export const X_CANARY = 0x7fa5a5a5;
/** Canary of y buffers: another signalling-NaN pattern, so a swap of x and y shows. */
export const Y_CANARY = 0xff5a5a5a;

export interface GuardedRow {
  /** The whole buffer as words: canaries, then the row, then canaries. */
  words: Uint32Array;
  /** The row: n floats at element `start` of `words`. */
  view: Float32Array;
  start: number;
}

/** n floats with `before` canary words ahead of them and `after` behind (the row itself is canaries too until written). */
export function guardedRow(n: number, before: number, after: number, canary: number): GuardedRow {
  const words = new Uint32Array(before + n + after).fill(canary);
  return { words, view: new Float32Array(words.buffer, before * 4, n), start: before };
}

/** [start, length) word ranges of `rows` rows of `cols` elements, `stride` apart, from `start`. */
export function stridedRanges(start: number, rows: number, cols: number, stride: number): Array<[number, number]> {
  return Array.from({ length: rows }, (_, r) => [start + r * stride, cols]);
}

/**
 * Null when every word of `words` outside the `inside` [start, start + length) ranges still
 * holds `canary`; else the first one that changed, by its index relative to `origin` (the
 * start of the first range unless given) and its new bits.
 */
export function brokenCanary(words: Uint32Array, canary: number, inside: ReadonlyArray<readonly [number, number]>, origin = inside[0]?.[0] ?? 0): string | null {
  for (let i = 0; i < words.length; i++) {
    if (words[i] === canary || inside.some(([s, length]) => i >= s && i < s + length)) continue;
    return `element ${i - origin} relative to the start changed to ${hexBits(words[i])}`;
  }
  return null;
}

/** brokenCanary around the row of a GuardedRow. */
export function brokenCanaryAround(g: GuardedRow, canary: number): string | null {
  return brokenCanary(g.words, canary, [[g.start, g.view.length]]);
}
