// Scalar TypeScript kernels (src/kernels/scalar/).
//
// Paper bounds, measured against the oracle:
// - Three-Pass (both) and Online: `softmax-verify check --kernel '*/scalar/paper' --runs 30`
//   over seeds 1-3 shows at most 0.83 of the declared bound (base 8 covers the rr2-p5
//   exp, ~2.2 ULP modelled, the reciprocal and the final product).
// - Two-Pass: scratch sweep of 60000 rows with max|x| log-uniform in [1, 2^24]
//   (x, x - up to 20): error minus the sum term is <= 5.2 ULP up to 2^19, then grows
//   with |x| as n = round(f32(x*log2e)) misrounds and t leaves [-ln2/2, ln2/2]:
//   13 ULP at 2^19, 50 at 2^20, 328 at 2^21, 685 at 2^22, 3147 at 2^23, the largest
//   (err - 8)/max|x| seen being 2.3e-4; declared 2^-11 = 4.9e-4 per unit of max|x|.

import { CONTROL, paperMinusMaxBound, paperTwoPassBound } from './error-bounds.js';
import { accurateKernels, spec, type KernelSpec } from './kernel-spec.js';

const SCALAR_SEQUENTIAL = 'one float32 accumulator, index order';
/** One element per step into one accumulator. */
const SEQUENTIAL = { vector: 1, unroll: 1, accumulators: 1 };

export const SCALAR_KERNELS: readonly KernelSpec[] = [
  spec('naive', 'scalar', 'paper', { shape: SEQUENTIAL, accumulation: SCALAR_SEQUENTIAL, bound: CONTROL, subnormals: 'flushed', expModel: null }),
  spec('three-pass-recompute', 'scalar', 'paper', {
    shape: SEQUENTIAL,
    accumulation: SCALAR_SEQUENTIAL,
    bound: paperMinusMaxBound(8, 1),
    subnormals: 'flushed',
    expModel: 'rr2-p5',
  }),
  spec('three-pass-reload', 'scalar', 'paper', {
    shape: SEQUENTIAL,
    accumulation: SCALAR_SEQUENTIAL,
    bound: paperMinusMaxBound(8, 1),
    subnormals: 'flushed',
    expModel: 'rr2-p5',
  }),
  spec('two-pass', 'scalar', 'paper', {
    shape: SEQUENTIAL,
    accumulation: 'one float32 (mantissa, exponent) pair, index order',
    bound: paperTwoPassBound(8, 2 ** -11, 1),
    subnormals: 'produced',
    expModel: 'extexp-rr2-p5-fma-scalef',
  }),
  spec('online', 'scalar', 'paper', {
    shape: SEQUENTIAL,
    accumulation: 'one float32 (max, sum) pair, index order',
    bound: paperMinusMaxBound(8, 1),
    subnormals: 'flushed',
    expModel: 'rr2-p5',
  }),
  // The golden models: scalar code, so each of the 16 logical lanes is a one-lane "vector".
  ...accurateKernels('scalar', 1),
];

