// Row lengths: `--sizes 2^10,2^16,65536` (a list) or `256..2^26` (every power of two between).

import { UsageError } from '../errors.js';

export const DEFAULT_SIZES = powersOfTwo(8, 26);
/** --quick: in L1/L2, at the L2/L3 edge, and out of the 32 MiB L3. */
export const QUICK_SIZES = [2 ** 10, 2 ** 16, 2 ** 20, 2 ** 24];

function powersOfTwo(from: number, to: number): number[] {
  const out: number[] = [];
  for (let e = from; e <= to; e++) out.push(2 ** e);
  return out;
}

function parseSize(text: string, spec: string): number {
  const m = /^(?:2\^(\d+)|(\d+))$/.exec(text.trim());
  const v = m ? (m[1] !== undefined ? 2 ** Number(m[1]) : Number(m[2])) : NaN;
  if (!Number.isSafeInteger(v) || v < 1 || v > 2 ** 30) {
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
