// WebAssembly SIMD128 kernels (src/kernels/wasm/assembly/, loaded by src/kernels/wasm/).
//
// Paper bounds, measured with scratch/wasm-measure.ts against a float64 softmax
// (max subtracted, Math.exp, double sums: relative error ~1e-15, far below 1e-6 ULP of
// float32; outputs whose exact value is below 2^-126 excluded, as declared flushed),
// over ~7000 rows of the contract's families (normal, wide, overflow band, underflow
// band, ties, offsets +-300..1e7, a log sweep of offsets 2^8.5..2^24, rows of 1e4..1e6):
// - Three-Pass (both) and Online: max of err - 2^23*ulp32(|x_i - max|) - (ceil(n/16) - 1)
//   is 2.92 ULP. Declared base 8: the rr2-p5 exp (~2.2 ULP), the 4 additions of the
//   lane tree, the reciprocal, the product and the final rounding add up to < 8.
// - Two-Pass: the same excess is 4.05 ULP for max|x| <= 355 (where n*ln2_hi is exact),
//   declared base 8; above it, (err - (ceil(n/16) - 1)) / max|x| is at most 2.67 ULP per
//   unit of max|x| (n*ln2_hi rounds in float32: ~2^-24 |x| absolute error in t, ~2 ULP
//   per unit from the analysis), declared 4.

import { paperMinusMaxBound, paperTwoPassBound } from './error-bounds.js';
import { accurateKernels, spec, type KernelSpec } from './kernel-spec.js';

/** Lanes of one v128: 4 float32 or 2 binary64. */
const V128 = { f32: 4, f64: 2 } as const;
/**
 * The paper kernels' shape (src/kernels/wasm/assembly/paper.ts, through the generated
 * kernel_table.ts): 4 f32x4 vectors per step into 4 accumulators, so element i goes to
 * lane i mod 16 of PAPER_LANES independent float32 summation chains, each receiving
 * ceil(n/16) elements (the Higham term of the bounds); the 4 levels of the final tree are
 * part of `base`. 16 is also the accurate recipe's block, which both recipes share in
 * lanes.ts (the staging of the partial last block).
 */
const PAPER_SHAPE = { vector: V128.f32, unroll: 4, accumulators: 4 };
const PAPER_LANES = PAPER_SHAPE.accumulators * PAPER_SHAPE.vector;
/** The pairwise tree's strides over PAPER_LANES lanes: w = lanes/2 .. 1. */
const PAPER_TREE = `element i -> lane i mod ${PAPER_LANES}, pairwise tree w = ${treeStrides(PAPER_LANES).join(', ')}`;

function treeStrides(lanes: number): number[] {
  const strides: number[] = [];
  for (let w = lanes / 2; w >= 1; w /= 2) strides.push(w);
  return strides;
}

export const WASM_KERNELS: readonly KernelSpec[] = [
  spec('three-pass-recompute', 'wasm-simd128', 'paper', {
    shape: PAPER_SHAPE,
    accumulation: `${PAPER_SHAPE.accumulators} f32x4 sum accumulators = ${PAPER_LANES} float32 lanes, ${PAPER_TREE}`,
    bound: paperMinusMaxBound(8, PAPER_LANES),
    subnormals: 'flushed',
    expModel: 'rr2-p5',
  }),
  spec('three-pass-reload', 'wasm-simd128', 'paper', {
    shape: PAPER_SHAPE,
    accumulation: `${PAPER_SHAPE.accumulators} f32x4 sum accumulators = ${PAPER_LANES} float32 lanes, ${PAPER_TREE}`,
    bound: paperMinusMaxBound(8, PAPER_LANES),
    subnormals: 'flushed',
    expModel: 'rr2-p5',
  }),
  spec('two-pass', 'wasm-simd128', 'paper', {
    shape: PAPER_SHAPE,
    accumulation: `${PAPER_SHAPE.accumulators} f32x4 (mantissa, exponent) pairs = ${PAPER_LANES} lanes, ${PAPER_TREE}`,
    bound: paperTwoPassBound(8, 4, PAPER_LANES),
    // 2^k scales below 2^-126 are built as exactly 0 (no scalef in wasm).
    subnormals: 'flushed',
    expModel: 'extexp-rr2-p5-pow2bits',
  }),
  spec('online', 'wasm-simd128', 'paper', {
    shape: PAPER_SHAPE,
    accumulation: `${PAPER_SHAPE.accumulators} f32x4 (max, sum) pairs = ${PAPER_LANES} lanes, ${PAPER_TREE}`,
    bound: paperMinusMaxBound(8, PAPER_LANES),
    subnormals: 'flushed',
    expModel: 'rr2-p5',
  }),
  ...accurateKernels('wasm-simd128', V128.f64),
];
