/**
 * Isolated decimal.js constructors for the exact tier.
 *
 * Every constructor is a `Decimal.clone` built from the library defaults, so
 * neither the global Decimal configuration nor anyone else's clone can change
 * what the oracle computes, and the oracle never changes theirs.
 */

import { Decimal } from 'decimal.js';

export type DecimalCtor = Decimal.Constructor;
export type { Decimal };

const working = new Map<number, DecimalCtor>();

/**
 * Constructor whose arithmetic rounds to `digits` significant digits, ties to
 * even. decimal.js rounds each result of plus, minus, times and div correctly
 * to that precision, so each operation has relative error at most
 * unitRoundoff(digits). Constructors never round: `new D(string)` is exact.
 */
export function decimalAt(digits: number): DecimalCtor {
  let ctor = working.get(digits);
  if (ctor === undefined) {
    ctor = Decimal.clone({ defaults: true, precision: digits, rounding: Decimal.ROUND_HALF_EVEN });
    working.set(digits, ctor);
  }
  return ctor;
}

/**
 * Arithmetic for error bounds: 20 digits, every result rounded away from zero,
 * so sums and products of nonnegative bounds are rigorous upper bounds. Error
 * bounds live here rather than in doubles because at the Ziv cap they are far
 * below the smallest double.
 */
export const Bound: DecimalCtor = Decimal.clone({
  defaults: true,
  precision: 20,
  rounding: Decimal.ROUND_UP,
});

/** Relative error bound of one correctly rounded operation at `digits` digits: 10^(1-digits) / 2. */
export function unitRoundoff(digits: number): Decimal {
  return new Bound(`5e-${digits}`);
}
