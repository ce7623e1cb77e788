// The shape of a generated row, designed rather than left to fast-check's default sizes
// (which cap arrays at about 12 elements): its length, drawn from length classes chosen
// where ports break (every tail around the tile, tile multiples +-1..3, mid sizes, one
// octave after another up to the longest row), and the positions where a family puts its
// special entries and its maximum (first and last element, first and last lane of a
// vector, inside the remainder, a whole tile, prefixes and suffixes).
// Everything here is an explicit size parameter: nothing depends on fast-check's `size`.

import fc from 'fast-check';

/** Where ports break, by row length: the coverage table counts rows per class. */
export const LENGTH_CLASSES = ['tail', 'tile-multiple', 'mid', 'long'] as const;
export type LengthClass = (typeof LENGTH_CLASSES)[number];

/** Longest tile multiple drawn (2^12): beyond it lengths are log-uniform per octave. */
export const TILE_MULTIPLE_LIMIT = 2 ** 12;
/** Lengths of the `mid` class: above every tail (>= 34) up to the first long octave. */
export const MID_RANGE = { min: 34, max: 1023 } as const;
/** First octave of long rows (n in [2^10, 2^11)). */
export const FIRST_LONG_OCTAVE = 10;

export interface ShapeOptions {
  tile: number;
  /** Longest row of this draw. */
  maxLength: number;
  /** Shortest row (0 only where an empty row is meaningful). */
  minLength: number;
}

/** Elements per vector of a kernel with this tile: tiles are 4 vectors (native, accurate), scalar kernels 1. */
export function vectorWidth(tile: number): number {
  return tile >= 4 ? tile / 4 : 1;
}

/** The tile used for tails and positions: at least 16, so that tile-1 scalar kernels still see the lengths vector ports do. */
export function effectiveTile(tile: number): number {
  return Math.max(tile, 16);
}

/** The largest tail length of the designed distribution: every length 0..4*tile+1 is one. */
export function tailLimit(tile: number): number {
  return 4 * effectiveTile(tile) + 1;
}

/** The length class of n (what the coverage table counts). */
export function lengthClass(n: number, tile: number): LengthClass {
  const t = effectiveTile(tile);
  if (n <= tailLimit(tile)) return 'tail';
  const near = Math.abs(n - Math.round(n / t) * t) <= 3;
  if (n <= TILE_MULTIPLE_LIMIT && near) return 'tile-multiple';
  if (n < 2 ** FIRST_LONG_OCTAVE) return 'mid';
  return 'long';
}

/** Octave of n (floor(log2 n)), for the long-row coverage cells. */
export function octaveOf(n: number): number {
  return n <= 0 ? -1 : Math.floor(Math.log2(n));
}

const clampTo = (o: ShapeOptions) => (n: number) => Math.min(o.maxLength, Math.max(o.minLength, n));

/** Every length 0..4*tile+1, uniformly (no bias to small ones: the last tails matter as much). */
function tails(o: ShapeOptions): fc.Arbitrary<number> {
  return fc.noBias(fc.integer({ min: o.minLength, max: Math.max(o.minLength, Math.min(o.maxLength, tailLimit(o.tile))) }));
}

/** k*tile + d, d in -3..3, up to 2^12. */
function tileMultiples(o: ShapeOptions): fc.Arbitrary<number> {
  const t = effectiveTile(o.tile);
  const kMax = Math.max(1, Math.floor(Math.min(o.maxLength, TILE_MULTIPLE_LIMIT) / t));
  // k from 0 so that the arm itself shrinks to the shortest rows (clamped to minLength).
  return fc.tuple(fc.noBias(fc.integer({ min: 0, max: kMax })), fc.integer({ min: -3, max: 3 })).map(([k, d]) => clampTo(o)(k * t + d));
}

/** Resolution of the position inside an octave (integers: fc.double is uniform over bit patterns, not values). */
const OCTAVE_STEPS = 2 ** 20;

/** Log-uniform in [lo, hi]: a uniform octave, then a uniform length inside it. */
function logUniform(lo: number, hi: number): fc.Arbitrary<number> {
  const eLo = Math.floor(Math.log2(lo));
  const eHi = Math.floor(Math.log2(hi));
  return fc
    .tuple(fc.noBias(fc.integer({ min: eLo, max: eHi })), fc.noBias(fc.integer({ min: 0, max: OCTAVE_STEPS - 1 })))
    .map(([e, u]) => Math.min(hi, Math.max(lo, Math.floor(2 ** e * (1 + u / OCTAVE_STEPS)))));
}

/**
 * The designed length distribution of one family: tails, tile multiples, mid sizes and
 * (when maxLength allows) long rows, by weight. `longWeight` 0 keeps a family short.
 */
export function lengthArbitrary(o: ShapeOptions, longWeight = 1): fc.Arbitrary<number> {
  const arms: Array<fc.WeightedArbitrary<number>> = [{ weight: 5, arbitrary: tails(o) }];
  if (o.maxLength > tailLimit(o.tile)) arms.push({ weight: 3, arbitrary: tileMultiples(o) });
  if (o.maxLength > MID_RANGE.min) arms.push({ weight: 3, arbitrary: logUniform(MID_RANGE.min, Math.min(o.maxLength, MID_RANGE.max)) });
  if (longWeight > 0 && o.maxLength >= 2 ** FIRST_LONG_OCTAVE) arms.push({ weight: longWeight, arbitrary: logUniform(2 ** FIRST_LONG_OCTAVE, o.maxLength) });
  // Cross shrink: a failing long row shrinks into the tails arm, down to the shortest row that fails.
  return fc.oneof({ withCrossShrink: true }, ...arms);
}

/** Long rows only: log-uniform from the first long octave up to maxLength. */
export function longLengthArbitrary(maxLength: number): fc.Arbitrary<number> {
  return logUniform(Math.min(2 ** FIRST_LONG_OCTAVE, maxLength), maxLength);
}

/** One length in each octave 2^10 .. maxLength (the top one is maxLength itself): the long rows a run must check. */
export function octaveLengths(maxLength: number): number[] {
  const out: number[] = [];
  for (let e = FIRST_LONG_OCTAVE; 2 ** e <= maxLength; e++) out.push(Math.min(maxLength, 2 ** e + ((2 ** e * 5) >> 4) + 1));
  if (out[out.length - 1] !== maxLength) out.push(maxLength);
  return out;
}

/** Where in a row a family puts a special entry or its maximum. */
export const POSITION_KINDS = ['first', 'last', 'lane-first', 'lane-last', 'remainder', 'vector', 'tile', 'prefix', 'suffix', 'anywhere'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export interface Position {
  kind: PositionKind;
  /** Which vector, which remainder element, how long a prefix: reduced modulo what the row has. */
  k: number;
}

export const positionArbitrary: fc.Arbitrary<Position> = fc.record({ kind: fc.constantFrom(...POSITION_KINDS), k: fc.nat({ max: 1 << 20 }) });

/**
 * The indices a position covers in a row of n elements with this tile: one element, or a
 * span (a whole tile, a prefix, a suffix). Positions a row cannot have (the remainder of a
 * row that is all tiles) fall back to the last element.
 */
export function resolvePosition(p: Position, n: number, tile: number): [number, number] {
  if (n === 0) return [0, 0];
  const v = vectorWidth(effectiveTile(tile));
  const t = effectiveTile(tile);
  const vectors = Math.floor(n / v);
  switch (p.kind) {
    case 'first':
      return [0, 1];
    case 'last':
      return [n - 1, n];
    case 'lane-first':
      return vectors ? one((p.k % vectors) * v) : one(0);
    case 'lane-last':
      return vectors ? one((p.k % vectors) * v + v - 1) : one(n - 1);
    case 'remainder': {
      const main = Math.floor(n / t) * t;
      return main < n ? one(main + (p.k % (n - main))) : one(n - 1);
    }
    case 'vector':
      // One whole vector: a value duplicated across its lanes.
      return vectors ? [(p.k % vectors) * v, (p.k % vectors) * v + v] : [0, n];
    case 'tile': {
      // A whole tile in the middle of the row (the row itself when shorter than a tile).
      const tiles = Math.floor(n / t);
      if (tiles === 0) return [0, n];
      const at = Math.floor(tiles / 2) * t;
      return [at, at + t];
    }
    case 'prefix':
      return [0, 1 + (p.k % n)];
    case 'suffix':
      return [n - 1 - (p.k % n), n];
    case 'anywhere':
      return one(p.k % n);
  }
}

function one(i: number): [number, number] {
  return [i, i + 1];
}
