// Comparing two outputs that should agree "within bounds": each is within its own
// bound of the exact value Y, so they may differ by the sum of both bounds.

import { showF32 } from './format.js';

/** null when a and b differ by at most slackA + slackB (absolute, see elementSlack); NaN must meet NaN. */
export function differenceWithin(a: number, b: number, slackA: number, slackB: number, where: string): string | null {
  if (a !== a || b !== b) return a !== a && b !== b ? null : `${where}: ${showF32(a)} vs ${showF32(b)} (one is NaN)`;
  const d = Math.abs(a - b);
  return d <= slackA + slackB ? null : `${where}: ${showF32(a)} vs ${showF32(b)} differ by ${d}, more than the ${slackA} + ${slackB} both bounds allow`;
}

export function sameBits(a: Float32Array, b: Float32Array, what: string): string | null {
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  if (a.length !== b.length) return `${what}: lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (ua[i] !== ub[i]) return `${what}: first difference at [${i}]: ${showF32(a[i])} vs ${showF32(b[i])}`;
  }
  return null;
}
