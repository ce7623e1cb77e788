// Hard cases of the accurate recipe: committed rows (digests/hard-cases-v<N>.json, found by
// scripts/find-hard-cases.ts) on which the golden model's binary64 value of some output
// lies so close to a float32 rounding midpoint that moving the row's denominator (S, m_s or
// d_s) by ONE binary64 ulp flips that output. Every output is monotonic in the
// denominator, so a port whose denominator differs in the row's direction (another lane
// merge order, a lane state kept between calls, ...) fails bit identity on it for sure;
// on random rows such a port differs about once in 2^28 elements.
//
// A row is stored as its recipe: x[0] = 0 (the maximum, so x - max is exact and the exp
// of every entry is that of x itself), x[1..n-2] = f32(-4u) from seededUniform(seed), and
// a last entry x[n-1] chosen by the search. The generator and the recipe are part of the
// file's version: the rows are hard for one recipe's arithmetic only. hard-cases-v1.json
// holds those of accurate recipe v2 (kept for digests/v2.json), hard-cases-v2.json those of
// recipe v3, the current one (docs/recipes.md).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededUniform } from '../../src/seeded-random.js';
import { bitsToF32 } from '../../src/float-bits.js';
import { packageRoot } from '../../src/package-root.js';
import type { Algorithm } from '../../src/spec/kernel-id.js';

export const HARD_CASE_VERSION = 2;
export const HARD_CASE_FILE = `digests/hard-cases-v${HARD_CASE_VERSION}.json`;

export type AccurateAlgorithm = Exclude<Algorithm, 'naive'>;

export interface HardCaseRecipe {
  algorithm: AccurateAlgorithm;
  seed: number;
  n: number;
  /** float32 bits of x[n-1], hex. */
  last: string;
  /** Which one-ulp move of the denominator flips an output: up (larger) or down. */
  flipsWhenDenominator: 'up' | 'down';
  /** The output that flips, and its relative distance to the float32 midpoint ('2^-52.3'; '0': an exact tie). */
  index: number;
  midpointDistance: string;
}

export interface HardCaseFile {
  version: number;
  generator: string;
  cases: HardCaseRecipe[];
}

export const HARD_CASE_GENERATOR = 'x[0] = 0; x[i] = f32(-4 * seededUniform(seed)()) for 0 < i < n-1; x[n-1] = last';

/** The row of a recipe (the last entry given as float32 bits). */
export function hardCaseRow(seed: number, n: number, lastBits: number): Float32Array {
  const u = seededUniform(seed);
  const x = new Float32Array(n);
  for (let i = 1; i < n - 1; i++) x[i] = -4 * u();
  x[n - 1] = bitsToF32(lastBits);
  return x;
}

export function readHardCases(): HardCaseFile {
  return JSON.parse(readFileSync(join(packageRoot(), HARD_CASE_FILE), 'utf8')) as HardCaseFile;
}

/** Every committed hard row (of one algorithm, when given), named for failure messages. */
export function hardCaseRows(algorithm?: AccurateAlgorithm): { name: string; x: Float32Array }[] {
  return readHardCases()
    .cases.filter((c) => !algorithm || c.algorithm === algorithm)
    .map((c) => ({ name: `${HARD_CASE_FILE} ${c.algorithm} seed ${c.seed} n ${c.n}`, x: hardCaseRow(c.seed, c.n, parseInt(c.last, 16)) }));
}
