// How failures name values: every float32 also as its bit pattern, so a report can
// be replayed exactly.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function hex32(v: number): string {
  f32[0] = v;
  return '0x' + u32[0].toString(16).padStart(8, '0');
}

export function showF32(v: number): string {
  return `${hex32(v)} (${v})`;
}

/** A row as its bit patterns (first `limit` entries). */
export function rowAsHex(x: Float32Array, limit = 64): string {
  const shown = Array.from(x.subarray(0, limit), hex32).join(' ');
  return x.length > limit ? `${shown} ... (${x.length} entries)` : shown;
}
