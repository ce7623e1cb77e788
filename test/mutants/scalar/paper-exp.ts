// Scalar mutants of the paper recipe's rr2-p5 exp (src/kernels/scalar/exp-paper.ts),
// each plugged into the paper Three-Pass recompute kernel. Every function is the
// reference evaluation with one marked change (MUTATION).

import { fround } from '../../../src/arith.js';
import { PAPER_F32, PAPER_F32_BITS } from '../../../src/constants.js';
import { bitsToF32, f32ToBits } from '../../../src/float-bits.js';
import { scanRow, writeSpecialRow } from '../../../src/kernels/scalar/row-class.js';
import type { RowKernel } from '../../../src/kernels/row-kernel.js';

const { LOG2E, MAGIC_BIAS, MINUS_LN2_HI_RR2, MINUS_LN2_LO_RR2, MINUS_LN2_FMA, C1, C2, C3, C4, C5, DENORM_CUTOFF } = PAPER_F32;

interface Rr2P5Variant {
  ln2Hi?: number;
  c1?: number;
  /** The one-constant reduction t = fl(fl(n * -ln2) + d) of the FMA kernels, without the FMA. */
  rr1WithoutFma?: boolean;
  cutoff?: number;
  /** The cutoff written as `d >= cutoff ? f : 0`, which also maps a NaN argument to 0. */
  cutoffDropsNaN?: boolean;
}

/** The rr2-p5 evaluation with the pieces a mutant replaces as parameters. */
function rr2p5(v: Rr2P5Variant): (d: number) => number {
  const ln2Hi = v.ln2Hi ?? MINUS_LN2_HI_RR2;
  const c1 = v.c1 ?? C1;
  const cutoff = v.cutoff ?? DENORM_CUTOFF;
  return (d) => {
    let vn = fround(fround(d * LOG2E) + MAGIC_BIAS);
    const vs = bitsToF32(f32ToBits(vn) << 23);
    vn = fround(vn - MAGIC_BIAS);
    let vt = v.rr1WithoutFma
      ? fround(fround(vn * MINUS_LN2_FMA) + d)
      : fround(fround(vn * MINUS_LN2_LO_RR2) + fround(fround(vn * ln2Hi) + d));
    let vp = fround(fround(C5 * vt) + C4);
    vp = fround(fround(vp * vt) + C3);
    vp = fround(fround(vp * vt) + C2);
    vp = fround(fround(vp * vt) + c1);
    vt = fround(vt * vs);
    const vf = fround(fround(vt * vp) + vs);
    if (v.cutoffDropsNaN) return d >= cutoff ? vf : 0;
    return d < cutoff ? 0 : vf;
  };
}

/** The paper Three-Pass recompute kernel around a given exp (src/kernels/scalar/paper.ts). */
function threePassRecomputeWith(exp: (d: number) => number): RowKernel {
  return (x, y) => {
    const scan = scanRow(x);
    if (writeSpecialRow(scan, y, 'nan')) return;
    const mu = scan.max;
    let s = 0;
    for (let i = 0; i < x.length; i++) s = fround(s + exp(fround(x[i] - mu)));
    const r = fround(1 / s);
    for (let i = 0; i < x.length; i++) y[i] = fround(exp(fround(x[i] - mu)) * r);
  };
}

/** MUTATION: -ln2_hi of rr2 off by one float32 ULP (a constant retyped from a table). */
export const ln2HiOffByOneUlp = threePassRecomputeWith(rr2p5({ ln2Hi: bitsToF32(PAPER_F32_BITS.MINUS_LN2_HI_RR2 + 1) }));

/**
 * MUTATION: p5 coefficient c1 off by one float32 ULP (a constant retyped from a table):
 * exp off by up to |t| 2^-24 relative, at most ~0.35 ULP, inside the paper bound.
 */
export const c1OffByOneUlp = threePassRecomputeWith(rr2p5({ c1: bitsToF32(PAPER_F32_BITS.C1 + 1) }));

/**
 * MUTATION: the one-constant reduction of the FMA kernels (t = d + n*(-ln2)) ported to an ISA
 * without FMA: n*ln2 rounds, up to ulp(|d|)/2 absolute error in t, which the paper bound's
 * 2^23 ulp(|x_i - max|) term (meant for fl(x_i - max)) also covers.
 */
export const rr1WithoutFma = threePassRecomputeWith(rr2p5({ rr1WithoutFma: true }));

/** MUTATION: no underflow cutoff: below ln(2^-126) the magic-bias 2^n wraps into garbage. */
export const missingUnderflowCutoff = threePassRecomputeWith(rr2p5({ cutoff: -Infinity }));

/** MUTATION: cutoff at -87 (ln(FLT_MIN) rounded by hand): flushes normal outputs in (-87.34, -87). */
export const wrongUnderflowCutoff = threePassRecomputeWith(rr2p5({ cutoff: -87 }));

/** MUTATION: no max subtraction: exp(x_i) of the paper exp directly, overflowing above 88.72. */
export const noMaxSubtraction: RowKernel = (x, y) => {
  const exp = rr2p5({});
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  let s = 0;
  for (let i = 0; i < x.length; i++) s = fround(s + exp(x[i]));
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(exp(x[i]) * r);
};

/**
 * MUTATION: the row maximum is `v > max ? v : max` with no classification, and the cutoff
 * is written `d >= cutoff ? f : 0`: a NaN entry is skipped by the max and its exp is 0,
 * so the row is computed as if the NaN were absent instead of poisoned.
 */
export const nanLostByMax: RowKernel = (x, y) => {
  const exp = rr2p5({ cutoffDropsNaN: true });
  let mu = -Infinity;
  for (let i = 0; i < x.length; i++) mu = x[i] > mu ? x[i] : mu;
  let s = 0;
  for (let i = 0; i < x.length; i++) s = fround(s + exp(fround(x[i] - mu)));
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(exp(fround(x[i] - mu)) * r);
};
