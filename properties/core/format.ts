// How failures name values: every float32 also as its bit pattern, so a report can
// be replayed exactly.

import { f32ToBits } from '../../src/float-bits.js';

/** A float32 bit pattern (an unsigned 32-bit integer) as 0x and eight hex digits. */
export function hexBits(bits: number): string {
  return '0x' + (bits >>> 0).toString(16).padStart(8, '0');
}

/** The float32 bits of v (rounded to float32 first), as hexBits. */
export function hex32(v: number): string {
  return hexBits(f32ToBits(v));
}

export function showF32(v: number): string {
  return `${hex32(v)} (${v})`;
}

/** A row as its bit patterns (first `limit` entries). */
export function rowAsHex(x: Float32Array, limit = 64): string {
  const shown = Array.from(x.subarray(0, limit), hex32).join(' ');
  return x.length > limit ? `${shown} ... (${x.length} entries)` : shown;
}
