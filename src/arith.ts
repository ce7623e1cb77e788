// Exactly specified scalar arithmetic shared by the scalar kernels: float32 as a
// float32 machine does it, and the few binary64 helpers of the accurate recipe.
// Every function here is IEEE-754 round-to-nearest-even; nothing depends on the
// host's libm.

import { bitsToF32, f32ToBits, pow2 } from './float-bits.js';

export const fround = Math.fround;

const TWO_52 = 4503599627370496;

/** Round a double to the nearest integer, ties to even (as roundps/roundpd imm 0, wasm nearest). */
export function roundEven(v: number): number {
  const a = Math.abs(v);
  if (!(a < TWO_52)) return v; // already an integer, or Inf/NaN
  const r = a + TWO_52 - TWO_52; // the addition rounds to an integer, ties to even
  return v < 0 || Object.is(v, -0) ? -r : r;
}

/** The float32 adjacent to the float32 `r` in the direction of `towards` (r != towards). */
function neighbour32(r: number, towards: number): number {
  const bits = f32ToBits(r);
  if (r === 0) return towards > 0 ? bitsToF32(1) : bitsToF32(0x80000001);
  const awayFromZero = (r > 0) === (towards > r);
  return bitsToF32(awayFromZero ? bits + 1 : bits - 1);
}

/**
 * Fused multiply-add of three float32 values with one float32 rounding, exactly.
 * a*b is exact in binary64 (48 significant bits); a*b + c is formed as an exact
 * double-double (TwoSum). Rounding the leading double to float32 can only go wrong
 * when it sits exactly on a float32 midpoint and the tail says which side the exact
 * sum is on (double rounding); that case is decided by the tail's sign.
 */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  if (!Number.isFinite(s)) return fround(s);
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  const r = fround(s);
  if (err === 0 || r === s) return r;
  const other = neighbour32(r, s);
  if (!Number.isFinite(other)) return r;
  if ((r + other) / 2 !== s) return r; // s is not a midpoint: r is the correct rounding
  return err > 0 ? Math.max(r, other) : Math.min(r, other);
}

/**
 * 2^k for integer-valued k as a hardware exponent construction gives it: exact in
 * [-1074, 1023] (pow2), +0 below, +Infinity above, NaN for NaN.
 */
export function pow2Saturating(k: number): number {
  if (k < -1074) return 0;
  if (k > 1023) return Infinity;
  if (k !== k) return NaN;
  return pow2(k);
}

/**
 * VSCALEFPS on one lane: float32 m * 2^n for integer-valued float32 n, rounded once to
 * float32 (subnormal results included). m * 2^n is exact in double for the ranges that
 * reach float32, so fround gives the single rounding.
 */
export function scalef32(m: number, n: number): number {
  if (n !== n || m !== m) return NaN;
  if (n < -400) return m === 0 || Number.isFinite(m) ? fround(m * 0) : NaN;
  if (n > 400) return fround(m * Infinity);
  return fround(m * pow2Saturating(n));
}
