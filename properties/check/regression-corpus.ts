// The regression corpus (corpus/failures.jsonl, committed): every contract failure
// `check` finds, one JSON object a line, replayed first on every run so a failure
// found once is never lost to a change of seed. The naive control is expected to
// fail and is never recorded.

import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { UsageError } from '../../src/errors.js';
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

const STRING_FIELDS = ['id', 'kernel', 'property', 'family', 'path', 'message'] as const;
const COUNT_FIELDS = ['seed', 'maxLongRow', 'rowLength'] as const;

/** Why `v` is not a corpus entry, or null when it is one. */
function entryProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const o = v as Record<string, unknown>;
  for (const k of STRING_FIELDS) if (typeof o[k] !== 'string') return `"${k}" must be a string`;
  for (const k of COUNT_FIELDS) if (!Number.isSafeInteger(o[k]) || (o[k] as number) < 0) return `"${k}" must be a non-negative integer`;
  if (o.row !== null && typeof o.row !== 'string') return '"row" must be a string of float32 bit patterns or null';
  return null;
}

export interface CorpusFile {
  entries: CorpusEntry[];
  /** The last line was cut short (a full disk during an append): it was skipped. */
  tornTail: boolean;
}

/**
 * Reads a corpus. Appends write whole lines, so only the last line can be torn (a write cut
 * short): it is skipped and reported. Any other malformed line is an error naming its line.
 */
export function readCorpusFile(path: string): CorpusFile {
  if (!existsSync(path)) return { entries: [], tornTail: false };
  if (statSync(path).isDirectory()) throw new UsageError(`corpus ${path}: is a directory, not a corpus file`);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const entries: CorpusEntry[] = [];
  let tornTail = false;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const last = i === lines.length - 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      if (last) {
        tornTail = true;
        return;
      }
      throw new UsageError(`corpus ${path}:${i + 1}: not a JSON corpus entry (${(e as Error).message})`);
    }
    const problem = entryProblem(parsed);
    if (problem) throw new UsageError(`corpus ${path}:${i + 1}: not a corpus entry: ${problem}`);
    entries.push(parsed as CorpusEntry);
  });
  return { entries, tornTail };
}

export function readCorpus(path: string): CorpusEntry[] {
  return readCorpusFile(path).entries;
}

/** Appends the failures the corpus does not hold yet; returns how many were new. */
export function appendToCorpus(path: string, failures: readonly Failure[], maxLongRow: number): number {
  const known = new Set(readCorpus(path).map((e) => e.id));
  const fresh = failures.filter((f) => !known.has(f.id));
  if (fresh.length === 0) return 0;
  mkdirSync(dirname(path), { recursive: true });
  // After a torn last line, start on a fresh line so the new entries stay whole.
  const torn = existsSync(path) && !readFileSync(path, 'utf8').endsWith('\n') && readFileSync(path, 'utf8') !== '';
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
  // One write of whole lines: a reader sees every new entry or, cut short, a torn last line it skips.
  appendFileSync(path, (torn ? '\n' : '') + lines.join(''));
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
