// binary64 exp of the accurate recipe, version 3 (docs/recipes.md). Only +, -, *, compare,
// floor, an indexed load from a 16-entry table and exact powers of two: every ISA
// reproduces it bit for bit without FMA.

import { pow2Saturating, roundEven } from '../../arith.js';
import { ACCURATE_EXP2_TABLE as T, ACCURATE_F64 } from '../../constants.js';

const { LOG2E_16, INV_TABLE_SIZE, TABLE_SIZE, LN2_16_HI, LN2_16_LO, REDUCTION_LIMIT, EXPM_MIN_ARG, C0, C1, C2, C3, C4 } = ACCURATE_F64;

/** Result of extExpD: exp(x) = m * 2^n. Module-level so hot loops allocate nothing. */
export const extD = { m: 0, n: 0 };

/**
 * exp(x) = m * 2^n, table-driven: k = roundEven(x 16/ln2) = 16 n + j with n = floor(k/16)
 * and j in [0, 15] (both exact), m = T[j] * p(t) with t = x - k ln2/16 by a two-part
 * Cody-Waite reduction (the first step exact for |k| < 2^38) and p Taylor degree 4 by
 * Horner. For |x| >= 2^31 (including -inf and NaN) t and j are taken as 0, so m = 1:
 * neighbouring float32 values there are >= 256 apart, so m cannot change any float32 output.
 */
export function extExpD(x: number): void {
  const k = roundEven(x * LOG2E_16);
  const n = Math.floor(k * INV_TABLE_SIZE);
  let t = 0;
  let j = 0;
  if (Math.abs(x) < REDUCTION_LIMIT) {
    t = x - k * LN2_16_HI - k * LN2_16_LO;
    j = k - n * TABLE_SIZE;
  }
  let p = C4 * t + C3;
  p = p * t + C2;
  p = p * t + C1;
  p = p * t + C0;
  extD.m = T[j] * p;
  extD.n = n;
}

/** 2^k for an integer-valued k <= 0: exact for k >= -1022, +0 below (as the SIMD bit construction). */
export function pow2Clamped(k: number): number {
  return k < -1022 ? 0 : pow2Saturating(k);
}

/**
 * exp(d) for d <= 0 (or -inf): m * 2^n with 2^n flushed to 0 below 2^-1022. d is first
 * raised to EXPM_MIN_ARG, which changes no result (exp is +0 below it either way) and
 * keeps n >= -1023 for the SIMD ports' integer construction of 2^n.
 */
export function expMinusD(d: number): number {
  extExpD(Math.max(d, EXPM_MIN_ARG));
  return extD.m * pow2Clamped(extD.n);
}
