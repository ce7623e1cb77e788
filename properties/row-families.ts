// Row generators, one per family of SPEC.md. Rows are built from small structures
// (offset + deltas + special entries, or a seeded recipe for long rows) and mapped
// to a Float32Array, so fast-check shrinks the structure and the failure survives.

import fc from 'fast-check';
import { seededUniform } from './seeded-uniform.js';

const FLT_MAX = 3.4028234663852886e38;

export interface Row {
  family: FamilyName;
  x: Float32Array;
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
] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

/** What a family may depend on: the kernel's tile (tails) and how long a long row may be. */
export interface FamilyOptions {
  tile: number;
  maxLongRow: number;
}

interface Special {
  at: number;
  value: number;
}

/** x_i = f32(offset + delta_i), then special entries placed at (at mod n). */
function build(family: FamilyName, offset: number, deltas: number[], specials: Special[] = []): Row {
  const x = new Float32Array(deltas.length);
  for (let i = 0; i < deltas.length; i++) x[i] = Math.fround(offset + deltas[i]);
  for (const s of specials) if (x.length > 0) x[s.at % x.length] = s.value;
  return { family, x };
}

const f32 = (min: number, max: number) => fc.float({ min: Math.fround(min), max: Math.fround(max), noNaN: true, noDefaultInfinity: true });
const lengths = (min: number, max: number) => fc.integer({ min, max });
const deltas = (lo: number, hi: number, maxLength = 48) => fc.array(f32(lo, hi), { minLength: 1, maxLength });

function families(opts: FamilyOptions): Record<FamilyName, fc.Arbitrary<Row>> {
  return {
    // The paper's benchmark distribution.
    uniform: deltas(-1000, 1000).map((d) => build('uniform', 0, d)),
    // Where naive exp overflows (x > 88.72) and beyond, up to FLT_MAX.
    'overflow-band': fc
      .tuple(fc.oneof(f32(88, 100), f32(100, 1e4), f32(1e4, 1e30)), deltas(-30, 0))
      .map(([o, d]) => build('overflow-band', o, d)),
    // Entries of any magnitude up to +-FLT_MAX in one row.
    'huge-magnitude': fc
      .array(fc.oneof(f32(-FLT_MAX, FLT_MAX), fc.constantFrom(FLT_MAX, -FLT_MAX), f32(-1e9, 1e9)), { minLength: 1, maxLength: 32 })
      .map((v) => build('huge-magnitude', 0, v)),
    // Several entries equal to the maximum.
    ties: fc
      .tuple(f32(-200, 200), deltas(-20, 0, 24), fc.integer({ min: 2, max: 24 }))
      .map(([o, d, k]) => build('ties', o, [...d, ...Array<number>(k).fill(0)])),
    // benchdnn-style: a few large logits over a sea of small ones.
    'top-k': fc
      .tuple(fc.array(f32(5, 30), { minLength: 1, maxLength: 5 }), fc.array(f32(-3, 3), { minLength: 1, maxLength: 64 }))
      .map(([top, rest]) => build('top-k', 0, [...rest, ...top])),
    // The same deltas on large offsets: Three-Pass rounds x - max there, Two-Pass reduces large x.
    'large-offset': fc
      .tuple(fc.constantFrom(1e3, -1e3, 1e4, 1e5, -1e5, 1e6, 1e7, -1e7), deltas(-20, 0))
      .map(([o, d]) => build('large-offset', o, d)),
    // x - max in [-104, -87]: exp near and below the float32 normal range, subnormal outputs.
    'underflow-band': fc
      .tuple(f32(-50, 50), fc.array(f32(-104, -87), { minLength: 1, maxLength: 40 }), fc.array(f32(-5, 0), { maxLength: 3 }))
      .map(([o, low, near]) => build('underflow-band', o, [0, ...near, ...low])),
    // -inf entries (masked attention), sometimes the whole row.
    masked: fc
      .tuple(fc.boolean(), deltas(-50, 50, 32), fc.array(fc.nat(), { minLength: 1, maxLength: 16 }))
      .map(([all, d, at]) =>
        all ? build('masked', 0, d.map(() => -Infinity)) : build('masked', 0, d, at.map((a) => ({ at: a, value: -Infinity })))),
    // NaN or +inf anywhere poisons the row.
    'nan-inf': fc
      .tuple(deltas(-50, 50, 32), fc.array(fc.record({ at: fc.nat(), value: fc.constantFrom(NaN, Infinity, -Infinity) }), { minLength: 1, maxLength: 4 }), fc.constantFrom(NaN, Infinity))
      .map(([d, sp, poison]) => build('nan-inf', 0, d, [...sp, { at: sp[0].at + 1, value: poison }])),
    // Long rows of near-equal values: where float32 sums lose the most.
    'long-near-equal': fc
      .record({
        n: fc.oneof(fc.integer({ min: 1000, max: Math.max(1000, Math.min(opts.maxLongRow, 100_000)) }), fc.constant(opts.maxLongRow)),
        base: f32(-100, 100),
        spread: fc.constantFrom(0, 1e-6, 1e-3, 0.5, 20),
        seed: fc.nat(),
      })
      .map(longNearEqualRow),
    // Every length around the kernel's tile: 0 .. 2*tile + 1.
    'tail-lengths': fc
      .tuple(lengths(0, 2 * opts.tile + 1), fc.nat())
      .map(([n, seed]) => {
        const u = seededUniform(seed);
        const x = new Float32Array(n);
        for (let i = 0; i < n; i++) x[i] = Math.fround(40 * u() - 20);
        return { family: 'tail-lengths' as const, x };
      }),
  };
}

interface LongRowRecipe {
  n: number;
  base: number;
  spread: number;
  seed: number;
}

function longNearEqualRow({ n, base, spread, seed }: LongRowRecipe): Row {
  const u = seededUniform(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.fround(base + spread * (u() - 0.5));
  return { family: 'long-near-equal', x };
}

/** The longest row a run must check: n = maxLongRow values spread by 0.5 around 7. */
export function longestRow(maxLongRow: number, seed: number): Row {
  return longNearEqualRow({ n: maxLongRow, base: 7, spread: 0.5, seed });
}

/** The generator of one family for a kernel. */
export function familyArbitrary(name: FamilyName, opts: FamilyOptions): fc.Arbitrary<Row> {
  return families(opts)[name];
}

/** Families whose rows are all finite (no NaN, no infinities). */
export const FINITE_FAMILIES: readonly FamilyName[] = FAMILY_NAMES.filter((f) => f !== 'masked' && f !== 'nan-inf');
