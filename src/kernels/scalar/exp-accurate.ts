// binary64 exp of the accurate recipe (docs/recipes.md). Only +, -, *, compare and
// exact powers of two: every ISA reproduces it bit for bit without FMA.

import { pow2Saturating, roundEven } from '../../arith.js';
import { ACCURATE_F64 } from '../../constants.js';

const { LOG2E, LN2_HI, LN2_LO, REDUCTION_LIMIT, C0, C1, C2, C3, C4, C5, C6, C7, C8, C9 } = ACCURATE_F64;

/** Result of extExpD: exp(x) = m * 2^n. Module-level so hot loops allocate nothing. */
export const extD = { m: 0, n: 0 };

/**
 * exp(x) = m * 2^n with n = round(x log2e) and m = exp(t), t = x - n ln2 by a two-part
 * Cody-Waite reduction (exact first step for |n| < 2^32), Taylor degree 9 by Horner.
 * For |x| >= 2^31 (including -inf) t is taken as 0: neighbouring float32 values there
 * are >= 128 apart, so m cannot change any float32 output.
 */
export function extExpD(x: number): void {
  const n = roundEven(x * LOG2E);
  const t = Math.abs(x) < REDUCTION_LIMIT ? x - n * LN2_HI - n * LN2_LO : 0;
  let p = C9 * t + C8;
  p = p * t + C7;
  p = p * t + C6;
  p = p * t + C5;
  p = p * t + C4;
  p = p * t + C3;
  p = p * t + C2;
  p = p * t + C1;
  p = p * t + C0;
  extD.m = p;
  extD.n = n;
}

/** 2^k for an integer-valued k <= 0: exact for k >= -1022, +0 below (as the SIMD bit construction). */
export function pow2Clamped(k: number): number {
  return k < -1022 ? 0 : pow2Saturating(k);
}

/** exp(d) for d <= 0 (or -inf): m * 2^n with 2^n flushed to 0 below 2^-1022. */
export function expMinusD(d: number): number {
  extExpD(d);
  return extD.m * pow2Clamped(extD.n);
}
