// Scalar mutants of the accurate recipe's golden models (src/kernels/scalar/accurate.ts):
// precision, the special-value policy, state and batching. Each is the golden kernel
// with one marked change (MUTATION).

import { fround } from '../../../src/arith.js';
import { ACCURATE_LANES as L } from '../../../src/constants.js';
import { expMinusD } from '../../../src/kernels/scalar/exp-accurate.js';
import { scanRow, writeSpecialRow } from '../../../src/kernels/scalar/row-class.js';
import { onlineAccurate, twoPassAccurate } from '../../../src/kernels/scalar/accurate.js';
import type { BatchKernel, RowKernel } from '../../../src/kernels/row-kernel.js';

function treeSum(s: Float64Array | Float32Array, add: (a: number, b: number) => number): number {
  for (let w = L / 2; w >= 1; w /= 2) for (let j = 0; j < w; j++) s[j] = add(s[j], s[j + w]);
  return s[0];
}

/** Three-Pass recompute of the golden model with its lane storage and reciprocal as parameters. */
function threePassRecomputeWith(lanes: () => Float64Array | Float32Array, reciprocal: (s: number) => number): RowKernel {
  return (x, y) => {
    const scan = scanRow(x);
    if (writeSpecialRow(scan, y, 'zero')) return;
    const mu = scan.max;
    const s = lanes();
    for (let i = 0; i < x.length; i++) s[i % L] += expMinusD(x[i] - mu);
    const r = reciprocal(treeSum(s, (a, b) => a + b));
    for (let i = 0; i < x.length; i++) y[i] = fround(expMinusD(x[i] - mu) * r);
  };
}

/** MUTATION: lane accumulators declared float32 (each addition rounds to 24 bits). */
export const float32Lanes = threePassRecomputeWith(() => new Float32Array(L), (s) => 1 / s);

/** MUTATION: the reciprocal 1/S kept in a float32 register before the products. */
export const float32Reciprocal = threePassRecomputeWith(() => new Float64Array(L), (s) => fround(1 / s));

/** MUTATION: outputs below 2^-126 flushed to +0 (FTZ) where the policy says subnormals are produced. */
export const subnormalsFlushed: RowKernel = (x, y) => {
  twoPassAccurate(x, y);
  for (let i = 0; i < y.length; i++) if (y[i] < 2 ** -126) y[i] = 0;
};

/** MUTATION: an all -inf row is treated as a row of equal entries and gets 1/n (policy: all +0). */
export const maskedRowUniform: RowKernel = (x, y) => {
  const scan = scanRow(x);
  if (scan.kind === 'masked') return void y.fill(1 / x.length);
  onlineAccurate(x, y);
};

/** MUTATION: the batched entry point steps through x by cols instead of xStride. */
export const batchIgnoresXStride: BatchKernel = (x, y, rows, cols, _xStride, yStride) => {
  for (let r = 0; r < rows; r++) onlineAccurate(x.subarray(r * cols, r * cols + cols), y.subarray(r * yStride, r * yStride + cols));
};
