// Declared bounds as text (src/spec/bound-expression.ts): the built-in paper bounds written
// in the grammar give the built-in functions' values; precedence and associativity are the
// usual ones; anything outside the grammar is an error naming the column.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundSyntaxError, boundFromText, parseBoundExpression } from '../../../src/spec/bound-expression.js';
import { paperMinusMaxBound, paperTwoPassBound } from '../../../src/spec/error-bounds.js';

const context = fc.record({
  n: fc.integer({ min: 1, max: 1_000_000 }),
  spread: fc.double({ min: 0, max: 200, noNaN: true }),
  magnitude: fc.double({ min: 0, max: 2 ** 23, noNaN: true }),
});

describe('bound expressions', () => {
  it('the paper Three-Pass bound, as text, equals the built-in one on every row', () => {
    const builtin = paperMinusMaxBound(2, 8);
    const text = boundFromText('2 + 2^23*ulp(spread) + max(0, ceil(n/8) - 1)');
    fc.assert(fc.property(context, (c) => text.maxUlp(c) === builtin.maxUlp(c)));
  });

  it('the paper Two-Pass bound below 2^24, as text, equals the built-in one', () => {
    const builtin = paperTwoPassBound(3, 0.5, 16);
    const text = boundFromText('3 + 0.5*magnitude + max(0, ceil(n/16) - 1)');
    fc.assert(fc.property(context, (c) => text.maxUlp(c) === builtin.maxUlp(c)));
  });

  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2^3^2', 512],
    ['-2^2 + 5', 1],
    ['2^-1', 0.5],
    ['8 / 2 / 2', 2],
    ['10 - 2 - 3', 5],
    ['min(3, 1, 2) + max(1, 4)', 5],
    ['1e-3 * 1000 + .5', 1.5],
    ['log2(n) + floor(2.7) + abs(-1)', 1 + 2 + 1],
    ['ulp(1)', 2 ** -23],
    ['ulp(0)', 2 ** -149],
  ])('%s = %d', (src, value) => {
    expect(parseBoundExpression(src)({ n: 2, spread: 0, magnitude: 0 })).toBe(value);
  });

  it.each([
    ['', /expected a number, a variable, a function or "\(" at column 1, found the end/],
    ['2 +', /at column 4, found the end/],
    ['(1 + 2', /expected "\)" at column 7/],
    ['1 2', /expected an operator or the end at column 3, found "2"/],
    ['x', /unknown name "x" at column 1; variables: n, spread, magnitude/],
    ['process.exit(1)', /unexpected "\." at column 8/],
    ['ulp(1, 2)', /ulp takes one argument, got 2/],
    ['max(1)', /max takes two or more arguments/],
    ['ceil 2', /expected "\(" after ceil at column 6/],
  ])('rejects %j', (src, message) => {
    expect(() => parseBoundExpression(src)).toThrow(BoundSyntaxError);
    expect(() => parseBoundExpression(src)).toThrow(message);
  });

  it('a bound must be a positive number of ULP on every probe row', () => {
    expect(() => boundFromText('1 - n')).toThrow(/evaluates to 0 at n=1, spread=0, magnitude=0/);
    expect(() => boundFromText('log2(spread)')).toThrow(/evaluates to -Infinity/);
    expect(boundFromText('1.5').formula).toBe('< 1.5 ULP (declared by the port)');
  });
});
