// The float32 exp approximations of the paper recipe, exactly as a float32 machine
// evaluates them (one rounding per operation; fma32 where the recipe fuses). One function
// per variant the ports evaluate; exp-models.ts names them for the spec table.

import { fma32, fround, pow2Saturating, roundEven } from '../../arith.js';
import { bitsToF32, f32ToBits } from '../../float-bits.js';
import { PAPER_F32 } from '../../constants.js';

const { LOG2E, MAGIC_BIAS, MINUS_LN2_HI_RR2, MINUS_LN2_LO_RR2, C1, C2, C3, C4, C5, DENORM_CUTOFF } = PAPER_F32;
const { MINUS_LN2_FMA, LN2_LO_FMA, ONE, TWO_PASS_X_LIMIT, TWO_PASS_T_LIMIT } = PAPER_F32;

/**
 * exp(d) for d <= 0: rr2 Cody-Waite reduction without FMA, degree-5 polynomial,
 * magic-bias reconstruction of 2^n, and the underflow cutoff (d < ln 2^-126 gives 0).
 * This is the evaluation of XNNPACK's scalar and wasm-simd "rr2-p5" kernels.
 */
export function expMinusRr2P5(d: number): number {
  let vn = fround(fround(d * LOG2E) + MAGIC_BIAS);
  const vs = bitsToF32(f32ToBits(vn) << 23);
  vn = fround(vn - MAGIC_BIAS);
  let vt = fround(fround(vn * MINUS_LN2_HI_RR2) + d);
  vt = fround(fround(vn * MINUS_LN2_LO_RR2) + vt);
  let vp = fround(fround(C5 * vt) + C4);
  vp = fround(fround(vp * vt) + C3);
  vp = fround(fround(vp * vt) + C2);
  vp = fround(fround(vp * vt) + C1);
  vt = fround(vt * vs);
  const vf = fround(fround(vt * vp) + vs);
  return d < DENORM_CUTOFF ? 0 : vf;
}

/**
 * exp(d) for d <= 0 as the native AVX2 / AVX-512 paper kernels evaluate it (exp_minus_rr1_p5
 * in src/kernels/native/c/kernel_paper.h): the rr2-p5 steps with every multiply-add fused, so n comes
 * from one rounding of d*LOG2E + MAGIC_BIAS and the reduction uses the single constant
 * -ln2 (the FMA keeps n*ln2 unrounded). d < DENORM_CUTOFF, and NaN, give 0.
 */
export function expMinusRr1P5Fma(d: number): number {
  let vn = fma32(d, LOG2E, MAGIC_BIAS);
  const vs = bitsToF32(f32ToBits(vn) << 23);
  vn = fround(vn - MAGIC_BIAS);
  let vt = fma32(vn, MINUS_LN2_FMA, d);
  let vp = fma32(C5, vt, C4);
  vp = fma32(vp, vt, C3);
  vp = fma32(vp, vt, C2);
  vp = fma32(vp, vt, C1);
  vt = fround(vt * vs);
  const vf = fma32(vt, vp, vs);
  return d >= DENORM_CUTOFF ? vf : 0;
}

/** Result of extExpP5 and extExpRr2P5: exp(x) ~ m * 2^n. Module-level so the hot loop allocates nothing. */
export const ext = { m: 0, n: 0 };

/**
 * The Two-Pass (mantissa, exponent) pair of exp(x), as the paper's AVX-512 p5 kernels
 * compute it: n = round(x log2e), t by the FMA pair, p5 with FMA. Guards the contract
 * needs (no effect where the reference is meaningful): x clamped to +-TWO_PASS_X_LIMIT so
 * x*log2e stays finite, t clamped to +-ln2 so p(t) cannot overflow when |x| > ~2^30,
 * and m = 0 for x = -inf (the reference turns such rows into NaN).
 */
export function extExpP5(x: number): void {
  const xc = Math.min(Math.max(x, -TWO_PASS_X_LIMIT), TWO_PASS_X_LIMIT);
  const n = roundEven(fround(xc * LOG2E));
  let t = fma32(n, MINUS_LN2_FMA, xc);
  t = fma32(n, LN2_LO_FMA, t);
  t = Math.min(Math.max(t, -TWO_PASS_T_LIMIT), TWO_PASS_T_LIMIT);
  let p = fma32(C5, t, C4);
  p = fma32(p, t, C3);
  p = fma32(p, t, C2);
  p = fma32(p, t, C1);
  p = fma32(p, t, ONE);
  ext.m = x === -Infinity ? 0 : p;
  ext.n = n;
}

/**
 * The Two-Pass pair of the wasm SIMD128 port (src/kernels/wasm/assembly/paper.ts; wasm has no FMA):
 * extExpP5's steps with every multiply-add a separate multiply and add, so the reduction
 * uses the rr2 pair (-ln2_hi with trailing zero bits, -ln2_lo) and n*ln2_hi is exact for
 * |n| <= 2^9. Same guards as extExpP5.
 */
export function extExpRr2P5(x: number): void {
  const xc = Math.min(Math.max(x, -TWO_PASS_X_LIMIT), TWO_PASS_X_LIMIT);
  const n = roundEven(fround(xc * LOG2E));
  let t = fround(fround(n * MINUS_LN2_HI_RR2) + xc);
  t = fround(fround(n * MINUS_LN2_LO_RR2) + t);
  t = Math.min(Math.max(t, -TWO_PASS_T_LIMIT), TWO_PASS_T_LIMIT);
  let p = fround(fround(C5 * t) + C4);
  p = fround(fround(p * t) + C3);
  p = fround(fround(p * t) + C2);
  p = fround(fround(p * t) + C1);
  p = fround(fround(p * t) + ONE);
  ext.m = x === -Infinity ? 0 : p;
  ext.n = n;
}

/**
 * float32 m * 2^k for integer-valued k <= 0 (or -inf), with 2^k built from float32 bits as
 * the wasm and AVX2 ports build it (max(k, -127) + MAGIC_BIAS, shifted into the exponent
 * field): 2^k exactly for k >= -126, +0 below, and one rounding of the product (gradual
 * underflow). Where VSCALEFPS (scalef32) keeps scaling into the subnormals, this flushes.
 */
export function scalePow2Bits(m: number, k: number): number {
  return fround(m * (k < -126 ? 0 : pow2Saturating(k)));
}
