import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bound } from '../../oracles/decimal-context.js';
import { BYTE_LEVELS, DistanceSplit, expTablesFor, splitDistance } from '../../oracles/exp-tables.js';
import { FLT_MAX, FLT_TRUE_MIN } from '../../oracles/float32-bits.js';
import { Ref, exactF32 } from './reference.js';

const SEED = 99;
const f32 = fc.float({ noNaN: true, noDefaultInfinity: true });

/** a * 2^152 rebuilt from a split, to compare with the exact BigInt distance. */
function rebuild(split: DistanceSplit): bigint {
  let scaled = BigInt(split.integerPart) << 152n;
  for (let j = 1; j <= split.levels; j++) scaled += BigInt(split.bytes[j]!) << BigInt(152 - 8 * j);
  return scaled;
}

function exactDistanceScaled(mu: number, x: number): bigint {
  return (BigInt(mu * 2 ** 149) - BigInt(x * 2 ** 149)) << 3n;
}

describe('splitDistance', () => {
  it('takes mu - x apart into exact binary digits (double path and BigInt path)', () => {
    const split = new DistanceSplit();
    fc.assert(
      fc.property(f32, f32, (p, q) => {
        const [mu, x] = p >= q ? [p, q] : [q, p];
        splitDistance(mu, x, split);
        // integerPart is exact below 2^53; beyond, compare only the magnitude.
        if (mu - x >= 2 ** 53) return split.integerPart >= 2 ** 53;
        return rebuild(split) === exactDistanceScaled(mu, x) && split.levels <= BYTE_LEVELS;
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('handles distances that do not fit a double and the extreme grid points', () => {
    const split = new DistanceSplit();
    for (const [mu, x] of [
      [100, 1e-30], // needs ~130 bits: BigInt path
      [FLT_TRUE_MIN, -FLT_TRUE_MIN],
      [3, -(2 ** -140)],
      [0, -FLT_TRUE_MIN],
      [1e7, 1e7 - 1],
    ] as const) {
      const m = Math.fround(mu);
      const v = Math.fround(x);
      splitDistance(m, v, split);
      expect(rebuild(split)).toBe(exactDistanceScaled(m, v));
    }
    splitDistance(FLT_MAX, -FLT_MAX, split);
    expect(split.integerPart).toBe(2 * FLT_MAX);
  });
});

describe('ExpTables', () => {
  const tables = expTablesFor(200);

  it('holds e^-c and e^(-b 2^-8j) within the stated relative error', () => {
    const check = (level: number, index: number): void => {
      const argument = exactF32(index).times(new Ref(2).pow(-8 * level));
      const exact = Ref.exp(argument.neg());
      const entry = tables.decimal(level, index);
      const error = new Ref(entry).minus(exact).abs().div(exact);
      expect(error.lte(tables.entryError.plus('1e-75'))).toBe(true);
    };
    for (const c of [0, 1, 2, 17, 103, 104, 255, 745]) check(0, c);
    for (let level = 1; level <= BYTE_LEVELS; level += 3) for (const b of [1, 2, 128, 255]) check(level, b);
    // The bound itself is far below the 2^-200 resolution of the fixed-point sum.
    expect(tables.entryError.lt(new Bound(2).pow(-200))).toBe(true);
  });

  it('fixed-point entries are floor(entry * 2^W)', () => {
    const scale = new Ref(2).pow(200);
    for (const [level, index] of [[0, 0], [0, 1], [0, 100], [1, 255], [7, 3], [19, 255]] as const) {
      const expected = new Ref(tables.decimal(level, index)).times(scale).floor();
      expect(tables.fixed(level, index).toString()).toBe(expected.toFixed(0));
    }
    expect(tables.fixed(0, 0)).toBe(1n << 200n);
  });
});
