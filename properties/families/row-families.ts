// Row generators, one per family of the contract (docs/contract.md). Rows are built from small structures
// (offset + deltas + special entries, or a seeded recipe for long rows) and mapped
// to a Float32Array, so fast-check shrinks the structure and the failure survives.

import fc from 'fast-check';
import { PAPER_F32, PAPER_F32_BITS, f32FromBits } from '../../src/constants.js';
import { seededUniform } from './seeded-uniform.js';

const FLT_MAX = 3.4028234663852886e38;
const { DENORM_CUTOFF } = PAPER_F32;
/** ln(2^-126) rounded to float32 (the paper exp's cutoff) and the float32 on either side of it. */
const CUTOFF_NEIGHBOURS = [-1, 0, 1].map((ulp) => f32FromBits(PAPER_F32_BITS.DENORM_CUTOFF + ulp));

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
  'exp-probe',
] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

/**
 * The input families of the contract (docs/contract.md), which the general properties run on. `exp-probe` is not an
 * input distribution but exp-identity's instrument (its rows are ties at 0 and entries far
 * below, which ties and underflow-band already cover for the other properties).
 */
export const SPEC_FAMILIES: readonly FamilyName[] = FAMILY_NAMES.filter((f) => f !== 'exp-probe');

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
export const FINITE_FAMILIES: readonly FamilyName[] = SPEC_FAMILIES.filter((f) => f !== 'masked' && f !== 'nan-inf');
