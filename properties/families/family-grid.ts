// The deterministic "every family" grid: one row per (grid family, length), each drawn from
// its own seeded stream, so a row is the same whatever else is in the grid, on every
// machine and JavaScript engine (integer hashing, multiplications by powers of two, one
// rounding to float32 per element). The golden digests (properties/digests/golden-digest.ts),
// the cross-kernel agreement matrix and the per-ISA bit-identity tests all take their rows
// from here; the fast-check arbitraries of the same families are in row-families.ts.
//
// The golden digests (v2, v3) hash outputs over these rows: changing a family's element, its
// position in GRID_FAMILIES (it seeds the stream) or the stream is a new digest version.

import { FLT_MAX } from '../../src/float-bits.js';
import { splitmix32Uniform } from '../../src/seeded-random.js';

export interface GridRow {
  family: string;
  x: Float32Array;
}

/** Element i of a row of n, given the row's uniform stream. */
type Element = (i: number, n: number, u: () => number) => number;

const FAMILIES = [
  ['uniform', (_i, _n, u) => (u() - 0.5) * 20],
  ['overflow-band', (_i, _n, u) => 88 + u() * 12],
  ['huge-magnitude', (i, _n, u) => (i % 3 === 0 ? FLT_MAX * u() : i % 3 === 1 ? -FLT_MAX * u() : (u() - 0.5) * 1e30)],
  ['beyond-2^24', (_i, _n, u) => (u() < 0.5 ? -1 : 1) * (1 + u()) * 2 ** (24 + Math.floor(u() * 40))],
  ['ties', (i, _n, u) => (i % 4 === 0 ? 7.25 : 7.25 - u() * 4)],
  ['top-k', (i, _n, u) => (i % 7 === 3 ? 10 + u() : -10 * u())],
  ['offset-1e3', (_i, _n, u) => 1e3 + (u() - 0.5) * 20],
  ['offset-minus-1e5', (_i, _n, u) => -1e5 + (u() - 0.5) * 20],
  ['offset-1e7', (_i, _n, u) => 1e7 + (u() - 0.5) * 40],
  ['underflow-band', (i, _n, u) => (i === 0 ? 3 : 3 - 87 - u() * 17)],
  ['near-equal', (_i, _n, u) => 1 + u() * 2 ** -20],
  ['masked', (i, _n, u) => (i % 3 === 1 ? -Infinity : (u() - 0.5) * 30)],
  ['all-masked', () => -Infinity],
  ['nan', (i, n, u) => (i === n >> 1 ? NaN : u())],
  ['plus-inf', (i, n, u) => (i === n - 1 ? Infinity : u())],
  ['minus-max', (i, _n, u) => (i % 5 === 0 ? -FLT_MAX : u() * 4)],
] as const satisfies ReadonlyArray<readonly [string, Element]>;

export type GridFamily = (typeof FAMILIES)[number][0];

/** Every grid family, in the fixed order that seeds their streams. */
export const GRID_FAMILIES: readonly GridFamily[] = FAMILIES.map(([name]) => name);

/** The row of `family` at length n. */
export function gridRow(family: GridFamily, n: number): GridRow {
  const index = GRID_FAMILIES.indexOf(family);
  if (index < 0) throw new RangeError(`family: ${String(family)} is not a grid family (${GRID_FAMILIES.join(', ')})`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n: ${n} is not a row length`);
  const element: Element = FAMILIES[index][1];
  const u = splitmix32Uniform(index * 0x100000 + n);
  return { family, x: Float32Array.from({ length: n }, (_, i) => element(i, n, u)) };
}

/** One row per family and length, family by family in the order given. */
export function familyGrid(families: readonly GridFamily[], lengths: readonly number[]): GridRow[] {
  return families.flatMap((f) => lengths.map((n) => gridRow(f, n)));
}
