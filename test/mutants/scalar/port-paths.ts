// Scalar mutants of the paths a vector port has and a scalar kernel does not: lanes,
// tiles, remainders, masked tiles, specials after the first vector, mid-size buffers,
// blocked and strided batches, per-row state, alignment. Each models a port of the paper
// Three-Pass recompute (src/kernels/scalar/paper.ts) to a 16-lane machine, written out in
// scalar code, with one marked change (MUTATION). Also the correct-but-unusual kernels
// the contract must pass (no false alarms): float64 throughout, a compensated float32
// sum, and the `zero` policy for all -inf rows.

import { fround } from '../../../src/arith.js';
import { expMinusRr2P5 } from '../../../src/kernels/scalar/exp-paper.js';
import { scanRow, writeSpecialRow } from '../../../src/kernels/scalar/row-class.js';
import { threePassRecomputePaper } from '../../../src/kernels/scalar/paper.js';
import type { BatchKernel, RowKernel } from '../../../src/kernels/row-kernel.js';

/** Lanes of the modelled vector port: a 16-element tile (one AVX-512 vector). */
const LANES = 16;

/** The recipe's last two passes from a given maximum (what every mutant below shares). */
function finishFrom(x: Float32Array, y: Float32Array, mu: number): void {
  let s = 0;
  for (let i = 0; i < x.length; i++) s = fround(s + expMinusRr2P5(fround(x[i] - mu)));
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(fround(x[i] - mu)) * r);
}

/** MUTATION: the lane-wise maximum of the main loop reads only the low 8 of the 16 lanes (a half-width reduction). */
export const maxLowHalfLanes: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  const main = x.length - (x.length % LANES);
  let mu = -Infinity;
  for (let i = 0; i < main; i++) if (i % LANES < LANES / 2) mu = Math.max(mu, x[i]);
  for (let i = main; i < x.length; i++) mu = Math.max(mu, x[i]);
  finishFrom(x, y, mu);
};

/**
 * MUTATION: per-tile maxima and sums (s = sum over tiles of s_t * exp(m_t - m)), with no
 * case for a tile that is all -inf: its exp(-inf - -inf) is NaN and poisons the row.
 */
export const maskedTileNaN: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  const mu = scan.max;
  let s = 0;
  for (let t = 0; t < x.length; t += LANES) {
    let mt = -Infinity;
    for (let i = t; i < Math.min(x.length, t + LANES); i++) mt = Math.max(mt, x[i]);
    let st = 0;
    for (let i = t; i < Math.min(x.length, t + LANES); i++) st = fround(st + expMinusRr2P5(fround(x[i] - mt)));
    s = fround(s + fround(st * expMinusRr2P5(fround(mt - mu))));
  }
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(fround(x[i] - mu)) * r);
};

/** MUTATION: the NaN check looks at the first vector only; a NaN after it is taken for -inf (masked). */
export const nanAfterFirstVectorMasked: RowKernel = (x, y) => {
  const masked = Float32Array.from(x, (v, i) => (i >= LANES && v !== v ? -Infinity : v));
  threePassRecomputePaper(masked, y);
};

/**
 * MUTATION: a mid-size path (257..512 elements, two 256-element blocks) takes the
 * reciprocal of the first block's sum only.
 */
export const midSizeFirstBlockSum: RowKernel = (x, y) => {
  const n = x.length;
  if (n <= 256 || n > 512) return threePassRecomputePaper(x, y);
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  let s = 0;
  for (let i = 0; i < 256; i++) s = fround(s + expMinusRr2P5(fround(x[i] - scan.max)));
  const r = fround(1 / s);
  for (let i = 0; i < n; i++) y[i] = fround(expMinusRr2P5(fround(x[i] - scan.max)) * r);
};

/** MUTATION: the remainder (the last n mod 16 elements) is summed but its outputs are not normalised. */
export const remainderNotNormalised: RowKernel = (x, y) => {
  threePassRecomputePaper(x, y);
  const main = x.length - (x.length % LANES);
  const scan = scanRow(x);
  if (scan.kind !== 'ordinary') return;
  for (let i = main; i < x.length; i++) y[i] = expMinusRr2P5(fround(x[i] - scan.max));
};

/** MUTATION: batched rows in blocks of 4; inside a block, y rows are placed at r * cols (y stride ignored). */
export const blockedRowsIgnoreYStride: BatchKernel = (x, y, rows, cols, xStride, yStride) => {
  const tmp = new Float32Array(cols);
  for (let b = 0; b < rows; b += 4) {
    for (let r = b; r < Math.min(rows, b + 4); r++) {
      threePassRecomputePaper(x.subarray(r * xStride, r * xStride + cols), tmp);
      const at = b * yStride + (r - b) * cols;
      y.set(tmp.subarray(0, Math.min(cols, y.length - at)), at);
    }
  }
};

/** MUTATION: the reciprocal 1/S is computed once per block of 4 rows and reused for the block's other rows (stale per-row state). */
export const reusesPreviousRowReciprocal: BatchKernel = (x, y, rows, cols, xStride, yStride) => {
  let r = NaN;
  for (let row = 0; row < rows; row++) {
    const xr = x.subarray(row * xStride, row * xStride + cols);
    const yr = y.subarray(row * yStride, row * yStride + cols);
    const scan = scanRow(xr);
    if (writeSpecialRow(scan, yr, 'nan')) continue;
    if (row % 4 === 0 || r !== r) {
      let s = 0;
      for (let i = 0; i < cols; i++) s = fround(s + expMinusRr2P5(fround(xr[i] - scan.max)));
      r = fround(1 / s);
    }
    for (let i = 0; i < cols; i++) yr[i] = fround(expMinusRr2P5(fround(xr[i] - scan.max)) * r);
  }
};

/**
 * MUTATION: an alignment prologue (elements before the first 64-byte boundary of x) that
 * skips the maximum subtraction: right for buffers at the start of an allocation, wrong at
 * any other offset.
 */
export const alignmentPrologueWithoutMax: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  const peel = Math.min(x.length, ((64 - (x.byteOffset % 64)) % 64) / 4);
  const arg = (i: number) => (i < peel ? x[i] : fround(x[i] - scan.max));
  let s = 0;
  for (let i = 0; i < x.length; i++) s = fround(s + expMinusRr2P5(arg(i)));
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(arg(i)) * r);
};

/** CONTROL (must pass): everything in float64 (Math.exp), one rounding to float32 at the end; held to the paper bound, with no exp model declared. */
export const float64Throughout: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(x[i] - scan.max);
  for (let i = 0; i < x.length; i++) y[i] = fround(Math.exp(x[i] - scan.max) / s);
};

/** CONTROL (must pass): the paper recipe with a compensated (Kahan) float32 sum: more accurate, not less. */
export const compensatedSum: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = fround(expMinusRr2P5(fround(x[i] - scan.max)) - c);
    const t = fround(s + v);
    c = fround(fround(t - s) - v);
    s = t;
  }
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(fround(x[i] - scan.max)) * r);
};

/** CONTROL (must pass): the paper recipe declaring the `zero` policy: an all -inf row gives all +0. */
export const policyZero: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'zero')) return;
  finishFrom(x, y, scan.max);
};
