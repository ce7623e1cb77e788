// Bytes each algorithm moves per element (ALGORITHMS.md, "Traffic model"), and the
// memory-only access pattern (native/src/bench.h) that moves the same bytes with no math.

import type { Algorithm } from '../spec/kernel-id.js';

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
