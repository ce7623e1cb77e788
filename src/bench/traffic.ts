// Bytes each algorithm moves per element (docs/algorithms.md, "Memory traffic"), and the
// memory-only access pattern (src/kernels/native/c/bench.h) that moves the same bytes with no math.

import type { Algorithm } from '../spec/kernel-id.js';
import type { RooflineRow } from './schema.js';

/** Read x once and write y once: the least any softmax can move (the paper's metric). */
export const COMPULSORY_BYTES = 8;

export const ALGORITHM_BYTES: Record<Algorithm, number> = {
  naive: 12,
  'three-pass-recompute': 16,
  'three-pass-reload': 20,
  'two-pass': 12,
  online: 12,
};

/** The memory-only pattern with an algorithm's passes (naive and online read and write as Two-Pass). */
export const ROOFLINE_PATTERN: Record<Algorithm, MemoryPattern> = {
  naive: 'two-pass',
  'three-pass-recompute': 'three-pass-recompute',
  'three-pass-reload': 'three-pass-reload',
  'two-pass': 'two-pass',
  online: 'two-pass',
};

export type MemoryPattern = 'two-pass' | 'three-pass-recompute' | 'three-pass-reload' | 'copy' | 'triad';

export const PATTERN_BYTES: Record<MemoryPattern, number> = {
  'two-pass': 12,
  'three-pass-recompute': 16,
  'three-pass-reload': 20,
  copy: 8,
  triad: 12,
};

/**
 * The roofline of a kernel at n: its algorithm's pattern on its own ISA; kernels without a native
 * pattern (scalar, wasm) get the best native ISA's figure, the machine's limit for them too.
 * Shared by the sweep (rooflineRatio) and the report's charts, so both draw the same line.
 */
export function rooflineFor(kernel: { algorithm: string; isa: string }, n: number, roofline: readonly RooflineRow[]): RooflineRow | undefined {
  const pattern = ROOFLINE_PATTERN[kernel.algorithm as Algorithm];
  const at = roofline.filter((r) => r.n === n && r.pattern === pattern);
  return at.find((r) => r.isa === kernel.isa) ?? at.sort((a, b) => a.ns.median - b.ns.median)[0];
}
