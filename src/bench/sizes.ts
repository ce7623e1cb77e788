// Row lengths: `--sizes 2^10,2^16,65536` (a list) or `256..2^26` (every power of two between),
// and the default sweep, which adds rows at fixed multiples of the measured last-level cache.

import { UsageError } from '../errors.js';

/** Largest row a size may name (floats). */
export const MAX_SIZE = 2 ** 30;

export const POWER_OF_TWO_SIZES = powersOfTwo(8, 26);
/** --quick: in L1/L2, at the L2/L3 edge, and past a 32 MiB L3; no LLC multiples (a large LLC would make them minutes long). */
export const QUICK_SIZES = [2 ** 10, 2 ** 16, 2 ** 20, 2 ** 24];

/** Rows of about 1/8, 1, 4 and 8 times the last-level cache: in cache, at its edge, and twice well out of it. */
export const LLC_MULTIPLES = [1 / 8, 1, 4, 8] as const;

/** A row of `multiple` times the LLC, in floats, rounded to whole 64-byte lines. */
export function llcRow(llcBytes: number, multiple: number): number {
  return Math.max(16, Math.round((llcBytes * multiple) / 64) * 16);
}

/**
 * The default sweep: 2^8 .. 2^26 and the LLC multiples of the measured last-level cache (none
 * when it is unknown), capped at MAX_SIZE.
 */
export function defaultSizes(llcBytes: number): number[] {
  const llc = llcBytes > 0 ? LLC_MULTIPLES.map((m) => Math.min(MAX_SIZE, llcRow(llcBytes, m))) : [];
  return [...new Set([...POWER_OF_TWO_SIZES, ...llc])].sort((a, b) => a - b);
}

function powersOfTwo(from: number, to: number): number[] {
  const out: number[] = [];
  for (let e = from; e <= to; e++) out.push(2 ** e);
  return out;
}

function parseSize(text: string, spec: string): number {
  const m = /^(?:2\^(\d+)|(\d+))$/.exec(text.trim());
  const v = m ? (m[1] !== undefined ? 2 ** Number(m[1]) : Number(m[2])) : NaN;
  if (!Number.isSafeInteger(v) || v < 1 || v > MAX_SIZE) {
    throw new UsageError(`--sizes ${spec}: "${text}" is not a row length (an integer or 2^k, 1 .. 2^30)`);
  }
  return v;
}

export function parseSizes(spec: string): number[] {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const range = part.split('..');
    if (range.length === 2) {
      const [lo, hi] = range.map((t) => parseSize(t, spec)) as [number, number];
      if (lo > hi) throw new UsageError(`--sizes ${spec}: range ${part} is empty`);
      // Powers of two from the first one >= lo up to hi.
      for (let v = 2 ** Math.ceil(Math.log2(lo)); v <= hi; v *= 2) out.add(v);
    } else if (range.length === 1) out.add(parseSize(part, spec));
    else throw new UsageError(`--sizes ${spec}: "${part}" is neither a size nor a range a..b`);
  }
  return [...out].sort((a, b) => a - b);
}
