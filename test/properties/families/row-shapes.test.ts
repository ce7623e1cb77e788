// The designed row distribution: every tail length, tile multiples, mid sizes and long
// octaves are drawn (no fast-check default size caps a family), and positions land where
// they say (lanes, remainder, whole tiles).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { familyArbitrary, SPEC_FAMILIES } from '../../../properties/families/row-families.js';
import { effectiveTile, lengthArbitrary, lengthClass, octaveLengths, resolvePosition, tailLimit, vectorWidth } from '../../../properties/families/row-shapes.js';

describe('lengths', () => {
  it('every length 0..4*tile+1 is drawn, and every class', () => {
    const tile = 64;
    const s = fc.sample(lengthArbitrary({ tile, minLength: 0, maxLength: 2 ** 14 }), { numRuns: 6000, seed: 7 });
    const tails = new Set(s.filter((n) => n <= tailLimit(tile)));
    for (let n = 0; n <= 4 * tile + 1; n++) expect(tails.has(n), `length ${n}`).toBe(true);
    const classes = new Set(s.map((n) => lengthClass(n, tile)));
    expect([...classes].sort()).toEqual(['long', 'mid', 'tail', 'tile-multiple']);
    expect(s.some((n) => n > 257 && n <= 512)).toBe(true);
    expect(Math.max(...s)).toBeGreaterThan(2 ** 13);
  });

  it('one long row per octave from 2^10 up to the longest row, which is among them', () => {
    const l = octaveLengths(1_000_000);
    expect(l.map((n) => Math.floor(Math.log2(n)))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 19]);
    expect(l[l.length - 1]).toBe(1_000_000);
  });

  it('no family is capped by fast-check\'s default size: rows longer than 12 hold specials and reach 1000+', () => {
    for (const f of SPEC_FAMILIES) {
      const rows = fc.sample(familyArbitrary(f, { tile: 32, maxLongRow: 20_000 }), { numRuns: 300, seed: 3 });
      const longest = Math.max(...rows.map((r) => r.x.length));
      // tail-lengths is every tail and nothing else: its longest is the last tail.
      if (f === 'tail-lengths') expect(longest).toBe(tailLimit(32));
      else expect(longest, f).toBeGreaterThan(1000);
    }
    const nan = fc.sample(familyArbitrary('nan-inf', { tile: 32, maxLongRow: 20_000 }), { numRuns: 200, seed: 5 });
    expect(nan.some((r) => r.x.length > 64 && r.x.some((v) => Number.isNaN(v)))).toBe(true);
  });
});

describe('positions', () => {
  const tile = 32;
  const v = vectorWidth(effectiveTile(tile));
  it('remainder positions sit past the last whole tile', () => {
    for (const n of [33, 45, 63, 97]) {
      const [a, b] = resolvePosition({ kind: 'remainder', k: 5 }, n, tile);
      expect(a).toBeGreaterThanOrEqual(Math.floor(n / tile) * tile);
      expect(b).toBe(a + 1);
      expect(a).toBeLessThan(n);
    }
  });
  it('lanes: first and last lane of a vector, a whole vector, a whole tile', () => {
    expect(resolvePosition({ kind: 'lane-first', k: 3 }, 100, tile)).toEqual([3 * v, 3 * v + 1]);
    expect(resolvePosition({ kind: 'lane-last', k: 3 }, 100, tile)).toEqual([4 * v - 1, 4 * v]);
    expect(resolvePosition({ kind: 'vector', k: 1 }, 100, tile)).toEqual([v, 2 * v]);
    const [a, b] = resolvePosition({ kind: 'tile', k: 0 }, 200, tile);
    expect([a % tile, b - a]).toEqual([0, tile]);
    expect(resolvePosition({ kind: 'suffix', k: 2 }, 10, tile)).toEqual([7, 10]);
  });
});
