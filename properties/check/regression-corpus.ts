// The regression corpus (corpus/failures.jsonl, committed): every contract failure
// `check` finds, one JSON object a line, replayed first on every run so a failure
// found once is never lost to a change of seed. The naive control is expected to
// fail and is never recorded.

import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkRow, runContract, type Failure } from './contract.js';
import type { KernelEntry } from '../../src/registry.js';

/** A failure as the corpus keeps it: what identifies and replays it, and the whole row when it is short. */
export type CorpusEntry = Pick<Failure, 'id' | 'kernel' | 'property' | 'family' | 'seed' | 'path' | 'rowLength' | 'message'> & {
  /** The generator setting the seed and path depend on (long rows). */
  maxLongRow: number;
  /** The row as float32 bit patterns ("0x3f800000 0x..."), or null for a long row (replayed from seed and path). */
  row: string | null;
};

export function readCorpus(path: string): CorpusEntry[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as CorpusEntry;
      } catch (e) {
        throw new RangeError(`${path}:${i + 1}: not a JSON corpus entry (${(e as Error).message})`);
      }
    });
}

/** Appends the failures the corpus does not hold yet; returns how many were new. */
export function appendToCorpus(path: string, failures: readonly Failure[], maxLongRow: number): number {
  const known = new Set(readCorpus(path).map((e) => e.id));
  const fresh = failures.filter((f) => !known.has(f.id));
  if (fresh.length === 0) return 0;
  mkdirSync(dirname(path), { recursive: true });
  const lines = fresh.map((f) => {
    const entry: CorpusEntry = {
      id: f.id,
      kernel: f.kernel,
      property: f.property,
      family: f.family,
      seed: f.seed,
      path: f.path,
      maxLongRow,
      rowLength: f.rowLength,
      row: f.rowBits,
      message: f.message,
    };
    return JSON.stringify(entry) + '\n';
  });
  appendFileSync(path, lines.join(''));
  return fresh.length;
}

export function decodeRow(hex: string): Float32Array {
  const words = hex.trim() === '' ? [] : hex.trim().split(/\s+/);
  const bits = Uint32Array.from(words, (w) => {
    if (!/^0x[0-9a-f]{8}$/i.test(w)) throw new RangeError(`row: "${w}" is not a float32 bit pattern like 0x3f800000`);
    return parseInt(w, 16);
  });
  return new Float32Array(bits.buffer);
}

/** Reruns one corpus entry: its stored row through the same property, else its seed and path. Null when it now holds. */
export function replayEntry(e: CorpusEntry, kernel: KernelEntry, others: readonly KernelEntry[]): string | null {
  if (e.row !== null) return checkRow(kernel, e.property, { family: e.family, x: decodeRow(e.row) }, others);
  const r = runContract(kernel, { seed: e.seed, runs: 1, maxLongRow: e.maxLongRow, properties: [e.property], families: [e.family], path: e.path, others });
  return r.properties.flatMap((p) => p.failures)[0]?.message ?? null;
}
