// Scalar mutants of the paper recipe's passes (src/kernels/scalar/paper.ts): loop
// bounds, row scans, merges and the in-place contract. Each is the reference kernel
// with one marked change (MUTATION); the exp and helpers are the shipped ones.

import { fma32, fround, roundEven, scalef32 } from '../../../src/arith.js';
import { PAPER_F32 } from '../../../src/constants.js';
import { expMinusRr2P5, ext, extExpP5 } from '../../../src/kernels/scalar/exp-paper.js';
import { scanRow, writeSpecialRow } from '../../../src/kernels/scalar/row-class.js';
import type { RowKernel } from '../../../src/kernels/row-kernel.js';

/** MUTATION: the normalising pass of Three-Pass reload stops at n - 1 (y[n-1] keeps its exp). */
export const reloadTailSkipsLast: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const e = expMinusRr2P5(fround(x[i] - scan.max));
    y[i] = e;
    s = fround(s + e);
  }
  const r = fround(1 / s);
  for (let i = 0; i < x.length - 1; i++) y[i] = fround(y[i] * r);
};

/**
 * MUTATION: Three-Pass reload normalises by dividing, y_i / s, where the recipe multiplies by
 * the reciprocal fl(1/s): the two roundings differ by up to 1 ULP, inside the paper bound.
 */
export const reloadDividesBySum: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const e = expMinusRr2P5(fround(x[i] - scan.max));
    y[i] = e;
    s = fround(s + e);
  }
  for (let i = 0; i < x.length; i++) y[i] = fround(y[i] / s);
};

/** MUTATION: the sum pass of Three-Pass recompute misses the last element. */
export const sumSkipsLast: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) s = fround(s + expMinusRr2P5(fround(x[i] - scan.max)));
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(fround(x[i] - scan.max)) * r);
};

/**
 * MUTATION: unrolled by 4, and the remainder loop (the last n mod 4 elements) forgets to
 * subtract the maximum.
 */
export const remainderWithoutMax: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  const main = x.length & ~3;
  const arg = (i: number) => (i < main ? fround(x[i] - scan.max) : x[i]);
  let s = 0;
  for (let i = 0; i < x.length; i++) s = fround(s + expMinusRr2P5(arg(i)));
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(arg(i)) * r);
};

/** MUTATION: the running maximum starts at 0 instead of -inf (rows whose entries are all below -87 underflow to 0/0). */
export const maxStartsAtZero: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  const mu = Math.max(0, scan.max);
  let s = 0;
  for (let i = 0; i < x.length; i++) s = fround(s + expMinusRr2P5(fround(x[i] - mu)));
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(fround(x[i] - mu)) * r);
};

/**
 * MUTATION: Three-Pass recompute that parks exp values in y during the sum pass (as the
 * reload variant does) but still recomputes from x in the last pass: correct out of
 * place, wrong when y = x (pass 3 reads the exps it wrote over x).
 */
export const inPlaceClobbers: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const e = expMinusRr2P5(fround(x[i] - scan.max));
    y[i] = e;
    s = fround(s + e);
  }
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(fround(x[i] - scan.max)) * r);
};

/** The paper Two-Pass kernel with its pair merge and output scaling as parameters. */
function twoPassWith(pick: (a: number, b: number) => number, outScale: (ni: number, ns: number) => number, ext2 = extExpP5): RowKernel {
  return (x, y) => {
    const scan = scanRow(x);
    if (writeSpecialRow(scan, y, 'nan')) return;
    let ms = 0;
    let ns = -Infinity;
    for (let i = 0; i < x.length; i++) {
      ext2(x[i]);
      const nNew = pick(ns, ext.n);
      ms = fround(scalef32(ms, fround(ns - nNew)) + scalef32(ext.m, fround(ext.n - nNew)));
      ns = nNew;
    }
    const r = fround(1 / ms);
    for (let i = 0; i < x.length; i++) {
      ext2(x[i]);
      y[i] = scalef32(fround(ext.m * r), outScale(ext.n, ns));
    }
  };
}

const scaleDown = (ni: number, ns: number) => fround(ni - ns);

/** MUTATION: Two-Pass merges exponents with min instead of max (scale factors above 1). */
export const twoPassMinMerge = twoPassWith(Math.min, scaleDown);

/** MUTATION: Two-Pass output scale with its arguments swapped: 2^(n_s - n_i) instead of 2^(n_i - n_s). */
export const twoPassScaleSwapped = twoPassWith(Math.max, (ni, ns) => fround(ns - ni));

/** The paper Two-Pass extexp (src/kernels/scalar/exp-paper.ts) with the input clamp and the reduction as parameters. */
function extExpWith(clampX: boolean, reduce: (n: number, x: number) => number): (x: number) => void {
  const { LOG2E, TWO_PASS_X_LIMIT, TWO_PASS_T_LIMIT, C1, C2, C3, C4, C5, ONE } = PAPER_F32;
  return (x) => {
    const xc = clampX ? Math.min(Math.max(x, -TWO_PASS_X_LIMIT), TWO_PASS_X_LIMIT) : x;
    const n = roundEven(fround(xc * LOG2E));
    const t = Math.min(Math.max(reduce(n, xc), -TWO_PASS_T_LIMIT), TWO_PASS_T_LIMIT);
    let p = fma32(C5, t, C4);
    p = fma32(fma32(fma32(p, t, C3), t, C2), t, C1);
    ext.m = x === -Infinity ? 0 : fma32(p, t, ONE);
    ext.n = n;
  };
}

const fmaPair = (n: number, x: number) => fma32(n, PAPER_F32.LN2_LO_FMA, fma32(n, PAPER_F32.MINUS_LN2_FMA, x));

/** MUTATION: Two-Pass extexp without the input clamp: x*log2e overflows to inf for |x| > 2.36e38. */
export const twoPassNoInputClamp = twoPassWith(Math.max, scaleDown, extExpWith(false, fmaPair));

/**
 * MUTATION: Two-Pass ported to an ISA without FMA as the one-constant reduction
 * t = x + n*(-ln2) with a separate multiply and add: n*ln2 rounds (|x| 2^-24 absolute).
 */
export const twoPassRr1WithoutFma = twoPassWith(Math.max, scaleDown, extExpWith(true, (n, x) => fround(fround(n * PAPER_F32.MINUS_LN2_FMA) + x)));

/** MUTATION: online rescale takes -inf - (-inf) as it comes (NaN) when a row starts with masked entries. */
export const onlineMaskedNaN: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  let mu = -Infinity;
  let d = 0;
  for (let i = 0; i < x.length; i++) {
    const muNew = Math.max(mu, x[i]);
    d = fround(fround(d * expMinusRr2P5(fround(mu - muNew))) + expMinusRr2P5(fround(x[i] - muNew)));
    mu = muNew;
  }
  const r = fround(1 / d);
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(fround(x[i] - mu)) * r);
};

/**
 * MUTATION: Three-Pass recompute with 4 float32 accumulators whose element-to-accumulator
 * map continues from where the previous call stopped (a ring index never reset): each
 * call is within the bound, but the float32 sums group differently from call to call.
 */
let ringStart = 0;
export const accumulatorRingKeptBetweenCalls: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  const acc = [0, 0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const k = (i + ringStart) % 4;
    acc[k] = fround(acc[k] + expMinusRr2P5(fround(x[i] - scan.max)));
  }
  ringStart = (ringStart + x.length) % 4;
  const r = fround(1 / fround(fround(acc[0] + acc[1]) + fround(acc[2] + acc[3])));
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(fround(x[i] - scan.max)) * r);
};
