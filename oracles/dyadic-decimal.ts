/**
 * Exact conversions from binary (dyadic) values to decimal.js.
 *
 * Every binary float is m * 2^e with integer m; for e < 0 that equals
 * (m * 5^-e) * 10^e, a finite decimal. Building the Decimal from that string
 * is exact (decimal.js constructors never round), whereas `new Decimal(number)`
 * goes through the number's shortest round-trip string, which is not the
 * number's exact value.
 */

import type { Decimal, DecimalCtor } from './decimal-context.js';
import { decomposeF64 } from './float32-bits.js';

const powersOfFive = new Map<number, bigint>();

function pow5(k: number): bigint {
  let p = powersOfFive.get(k);
  if (p === undefined) {
    p = 5n ** BigInt(k);
    powersOfFive.set(k, p);
  }
  return p;
}

/** Exactly mantissa * 2^exponent as a Decimal of constructor `D`. */
export function dyadicToDecimal(D: DecimalCtor, mantissa: bigint, exponent: number): Decimal {
  if (exponent >= 0) return new D((mantissa << BigInt(exponent)).toString());
  return new D(`${(mantissa * pow5(-exponent)).toString()}e${exponent}`);
}

/** Exactly the value of the finite double `v` as a Decimal of constructor `D`. */
export function doubleToDecimal(D: DecimalCtor, v: number): Decimal {
  const { mantissa, exponent } = decomposeF64(v);
  return dyadicToDecimal(D, mantissa, exponent);
}
