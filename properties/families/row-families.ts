// Row generators, one per family of the contract (docs/contract.md). A row is built from a small structure: a
// length from the designed distribution (row-shapes.ts), a short "sea" of values repeated
// cyclically over the row around an offset, and features (special values, the maximum,
// ties, top entries) placed at chosen positions: first and last element, first and last
// lane of a vector, a whole vector, inside the remainder, a whole tile, prefixes and
// suffixes. fast-check shrinks the structure (the length first), so failures on long rows
// shrink in a few steps and survive as recipes. Every size is explicit: fast-check's
// default size (which caps arrays at about 12 elements) never limits a family.

import fc from 'fast-check';
import { PAPER_F32, PAPER_F32_BITS } from '../../src/constants.js';
import { FLT_MAX, bitsToF32 } from '../../src/float-bits.js';
import { seededUniform } from '../../src/seeded-random.js';
import { lengthArbitrary, longLengthArbitrary, positionArbitrary, resolvePosition, tailLimit, type Position } from './row-shapes.js';

/** The smallest positive float32 subnormal, and the largest. */
const SUBNORMALS = [bitsToF32(1), bitsToF32(0x007fffff), -bitsToF32(1), -bitsToF32(0x00400000)];
const { DENORM_CUTOFF } = PAPER_F32;
/** ln(2^-126) rounded to float32 (the paper exp's cutoff) and the float32 on either side of it. */
const CUTOFF_NEIGHBOURS = [-1, 0, 1].map((ulp) => bitsToF32(PAPER_F32_BITS.DENORM_CUTOFF + ulp));

export interface Row {
  family: FamilyName;
  x: Float32Array;
  /** What the row exercises, for the coverage table: `<what>@<position kind>` per placed feature. */
  tags?: readonly string[];
  /**
   * A draw of its own, for the choices a property makes around the row that are not its
   * values (batched shapes and strides, x and y offsets): independent of the row's length.
   * The contract draws it with every row; absent (0) on committed rows.
   */
  variant?: number;
}

export const FAMILY_NAMES = [
  'uniform',
  'overflow-band',
  'huge-magnitude',
  'ties',
  'top-k',
  'large-offset',
  'underflow-band',
  'masked',
  'nan-inf',
  'long-near-equal',
  'tail-lengths',
  'exp-probe',
] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

/**
 * The input families of the contract (docs/contract.md), which the general properties run on. `exp-probe` is not an
 * input distribution but exp-identity's instrument (its rows are ties at 0 and entries far
 * below, which ties and underflow-band already cover for the other properties).
 */
export const SPEC_FAMILIES: readonly FamilyName[] = FAMILY_NAMES.filter((f) => f !== 'exp-probe');

/** What a family may depend on: the kernel's tile (tails, lanes) and how long a row may be. */
export interface FamilyOptions {
  tile: number;
  maxLongRow: number;
}

/**
 * Longest row of the short families (every family but long-near-equal): their long arm
 * reaches 2^14, so special values meet long rows, vector remainders and whole tiles;
 * long-near-equal covers every octave up to maxLongRow.
 */
export const SHORT_FAMILY_MAX = 2 ** 14;

/** Special values a family may place: the policy's inputs and the finite extremes. */
export const SPECIAL_VALUES = { '-inf': -Infinity, '+inf': Infinity, nan: NaN, '-0': -0, subnormal: SUBNORMALS[0], '+flt-max': FLT_MAX, '-flt-max': -FLT_MAX } as const;
export type SpecialName = keyof typeof SPECIAL_VALUES;

/** A value to place at a position; `name` is what the coverage table calls it. */
interface Feature {
  at: Position;
  value: number;
  name: string;
}

/** x_i = f32(offset + sea[i mod m]) over n elements, then the features written at their positions. */
function build(family: FamilyName, n: number, tile: number, offset: number, sea: readonly number[], features: readonly Feature[] = []): Row {
  const x = new Float32Array(n);
  const m = sea.length;
  for (let i = 0; i < n; i++) x[i] = Math.fround(offset + sea[i % m]);
  const tags: string[] = [];
  for (const f of features) {
    if (n === 0) break;
    const [a, b] = resolvePosition(f.at, n, tile);
    x.fill(f.value, a, b);
    tags.push(`${f.name}@${f.at.kind}`);
  }
  return { family, x, tags };
}

const f32 = (min: number, max: number) => fc.float({ min: Math.fround(min), max: Math.fround(max), noNaN: true, noDefaultInfinity: true });
/** A short sea of values: explicit sizes, so fast-check's default size does not cap it. */
const sea = (lo: number, hi: number, maxLength = 48) => fc.array(f32(lo, hi), { minLength: 1, maxLength, size: 'max' });
const features = (value: fc.Arbitrary<{ value: number; name: string }>, minLength: number, maxLength: number) =>
  fc.array(fc.tuple(positionArbitrary, value).map(([at, v]) => ({ at, ...v })), { minLength, maxLength, size: 'max' });
const named = (name: SpecialName) => fc.constant({ value: SPECIAL_VALUES[name], name });

/**
 * The maximum placed at a chosen position (first, last, a lane, a whole vector, the
 * remainder), `gap` above the sea: a kernel that drops lanes, the remainder or the first
 * element from its maximum is off by at least the gap (large gaps overflow its exp).
 */
function maxPlacement(seaMax: (s: readonly number[]) => number) {
  return (s: readonly number[], offset: number) =>
    fc
      .tuple(positionArbitrary, fc.constantFrom(0.5, 3, 30, 100))
      .map(([at, gap]): Feature => ({ at, value: Math.fround(offset + seaMax(s) + gap), name: 'max' }));
}
const placeMax = maxPlacement((s) => Math.max(...s));
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

/** Finite specials (-0, subnormals) that any finite row may hold at chosen positions. */
const finiteSpecials = features(fc.oneof(named('-0'), named('subnormal')), 0, 2);

function families(opts: FamilyOptions): Record<FamilyName, fc.Arbitrary<Row>> {
  const tile = opts.tile;
  const shortMax = Math.min(opts.maxLongRow, SHORT_FAMILY_MAX);
  const n = (minLength = 1) => lengthArbitrary({ tile, minLength, maxLength: shortMax });
  /** A finite row: length, offset, sea, an optional placed maximum, optional -0/subnormal entries. */
  const finite = (family: FamilyName, offset: fc.Arbitrary<number>, values: fc.Arbitrary<number[]>, extra: fc.Arbitrary<Feature[]> = fc.constant([])) =>
    fc
      .tuple(n(), offset, values)
      .chain(([len, o, s]) => fc.tuple(fc.constant(len), fc.constant(o), fc.constant(s), optional(placeMax(s, o)), finiteSpecials, extra))
      .map(([len, o, s, max, specials, more]) => build(family, len, tile, o, s, [...more, ...(max ? [max] : []), ...specials]));
  return {
    // The paper's benchmark distribution.
    uniform: finite('uniform', fc.constant(0), sea(-1000, 1000)),
    // Where naive exp overflows (x > 88.72) and beyond, up to FLT_MAX.
    'overflow-band': finite('overflow-band', fc.oneof(f32(88, 100), f32(100, 1e4), f32(1e4, 1e30)), sea(-30, 0)),
    // Entries of any magnitude up to +-FLT_MAX in one row, and +-FLT_MAX at chosen positions.
    'huge-magnitude': fc
      .tuple(n(), fc.array(fc.oneof(f32(-FLT_MAX, FLT_MAX), fc.constantFrom(FLT_MAX, -FLT_MAX), f32(-1e9, 1e9)), { minLength: 1, maxLength: 32, size: 'max' }), features(fc.oneof(named('+flt-max'), named('-flt-max')), 0, 3))
      .map(([len, v, f]) => build('huge-magnitude', len, tile, 0, v, f)),
    // Several entries equal to the maximum: in one vector's lanes, across vectors, first, last, remainder.
    ties: fc
      .tuple(n(2), f32(-200, 200), sea(-20, -0.25, 24), fc.array(positionArbitrary, { minLength: 2, maxLength: 8, size: 'max' }))
      .map(([len, o, d, at]) => build('ties', len, tile, o, d, at.map((p) => ({ at: p, value: Math.fround(o), name: 'max' })))),
    // benchdnn-style: a few large logits over a sea of small ones.
    'top-k': fc
      .tuple(n(), sea(-3, 3, 64), fc.array(fc.tuple(positionArbitrary, f32(5, 30)), { minLength: 1, maxLength: 5, size: 'max' }))
      .map(([len, rest, top]) => build('top-k', len, tile, 0, rest, top.map(([at, v]) => ({ at, value: v, name: 'max' })))),
    // The same deltas on large offsets: Three-Pass rounds x - max there, Two-Pass reduces large x.
    'large-offset': finite('large-offset', fc.constantFrom(1e3, -1e3, 1e4, 1e5, -1e5, 1e6, 1e7, -1e7), sea(-20, 0)),
    // x - max in [-104, -40]: exp far below 1, near and below the float32 normal range
    // (subnormal outputs), with the maximum (0) and a few near it at chosen positions.
    'underflow-band': fc
      .tuple(
        n(),
        f32(-50, 50),
        fc.oneof(sea(-104, -87, 40), sea(-87, -40, 40), sea(-104, -40, 40)),
        fc.array(fc.tuple(positionArbitrary, f32(-5, 0)), { maxLength: 3, size: 'max' }),
        positionArbitrary,
      )
      .map(([len, o, low, near, top]) =>
        build('underflow-band', len, tile, o, low, [...near.map(([at, d]) => ({ at, value: Math.fround(o + d), name: 'near-max' })), { at: top, value: Math.fround(o), name: 'max' }]),
      ),
    // -inf entries (masked attention): single entries, whole tiles, masked prefixes and suffixes, sometimes the whole row.
    masked: fc
      .tuple(n(), fc.boolean(), sea(-50, 50, 32), features(named('-inf'), 1, 6))
      .map(([len, all, d, f]) =>
        all ? { ...build('masked', len, tile, -Infinity, [0]), tags: ['-inf@all'] } : build('masked', len, tile, 0, d, f)),
    // NaN or +inf anywhere poisons the row: at the first or last element, a lane, the remainder, after the first vector.
    'nan-inf': fc
      .tuple(n(), sea(-50, 50, 32), features(fc.oneof(named('nan'), named('+inf'), named('-inf')), 0, 3), fc.tuple(positionArbitrary, fc.oneof(named('nan'), named('+inf'))))
      .map(([len, d, sp, [at, poison]]) => build('nan-inf', len, tile, 0, d, [...sp, { at, ...poison }])),
    // Long rows of near-equal values: where float32 sums lose the most; every octave up to maxLongRow.
    'long-near-equal': fc
      .record({
        n: longLengthArbitrary(opts.maxLongRow),
        base: f32(-100, 100),
        spread: fc.constantFrom(0, 1e-6, 1e-3, 0.5, 20),
        seed: fc.nat(),
        max: optional(fc.tuple(positionArbitrary, fc.constantFrom(0.5, 30))),
      })
      .map((r) => longNearEqualRow(r, tile)),
    // exp-identity's probes: k zeros (the maximum; exp(0) = 1 exactly in every model) and
    // entries d < 0 whose float32 sum cannot depend on the order it is formed in, so each
    // output is a function of its own entry's exp (properties/laws/exp-models.ts).
    // k in {1, 3, 5, 7}: fl(1/k) is inexact for k > 1, so multiplying by it is not dividing.
    'exp-probe': fc.oneof(
      // Far: up to 96 probes with d <= -24, each exp(d) < 2^-34, together < 2^-27: any partial
      // sum holding a zero's 1 absorbs them, so the sum is exactly k in every order. d covers
      // the normal range down to the cutoff (every reduced argument t, |n| up to 126), the
      // cutoff's neighbours, and below it (Two-Pass's subnormal and flushed outputs).
      {
        weight: 3,
        arbitrary: fc
          .tuple(
            fc.constantFrom(1, 3, 5, 7),
            fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
            fc.array(fc.oneof({ weight: 8, arbitrary: f32(DENORM_CUTOFF, -24) }, f32(-104, DENORM_CUTOFF), fc.constantFrom(...CUTOFF_NEIGHBOURS)), {
              minLength: 1,
              maxLength: 96,
              size: 'max',
            }),
          )
          .map(([k, at, probes]) => {
            const x = [...probes];
            for (let j = 0; j < k; j++) x.splice(at[j] % (x.length + 1), 0, 0);
            return { family: 'exp-probe' as const, x: Float32Array.from(x) };
          }),
      },
      // Near: one zero and one probe d in [-24, 0]: the sum is fl(1 + exp(d)) in either order.
      fc.tuple(f32(-24, 0), fc.boolean()).map(([d, first]) => ({ family: 'exp-probe' as const, x: Float32Array.from(first ? [d, 0] : [0, d]) })),
    ),
    // Every length around the kernel's tile, uniformly: 0 .. 4*tile + 1, with the maximum placed.
    'tail-lengths': fc
      .tuple(fc.noBias(fc.integer({ min: 0, max: tailLimit(tile) })), fc.nat(), optional(fc.tuple(positionArbitrary, fc.constantFrom(0.5, 30))))
      .map(([len, seed, max]) => {
        const u = seededUniform(seed);
        const x = new Float32Array(len);
        for (let i = 0; i < len; i++) x[i] = Math.fround(40 * u() - 20);
        return withMax({ family: 'tail-lengths' as const, x, tags: [] }, max, 20, tile);
      }),
  };
}

/** Writes the maximum (`top` + gap) at a position of a seeded row. */
function withMax(row: Row, max: [Position, number] | undefined, top: number, tile: number): Row {
  if (!max || row.x.length === 0) return row;
  const [a, b] = resolvePosition(max[0], row.x.length, tile);
  row.x.fill(Math.fround(top + max[1]), a, b);
  return { ...row, tags: [...(row.tags ?? []), `max@${max[0].kind}`] };
}

interface LongRowRecipe {
  n: number;
  base: number;
  spread: number;
  seed: number;
  max?: [Position, number];
}

function longNearEqualRow({ n, base, spread, seed, max }: LongRowRecipe, tile: number): Row {
  const u = seededUniform(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.fround(base + spread * (u() - 0.5));
  return withMax({ family: 'long-near-equal', x, tags: [] }, max, base + spread / 2, tile);
}

/** A long row a run must check: n values spread by 0.5 around 7. */
export function longestRow(maxLongRow: number, seed: number): Row {
  return longNearEqualRow({ n: maxLongRow, base: 7, spread: 0.5, seed }, 1);
}

/** The generator of one family for a kernel. */
export function familyArbitrary(name: FamilyName, opts: FamilyOptions): fc.Arbitrary<Row> {
  return families(opts)[name];
}

/** Families whose rows are all finite (no NaN, no infinities). */
export const FINITE_FAMILIES: readonly FamilyName[] = SPEC_FAMILIES.filter((f) => f !== 'masked' && f !== 'nan-inf');
