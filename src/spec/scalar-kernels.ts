// Scalar TypeScript kernels (src/kernels/scalar/).

import { CONTROL, paperMinusMaxBound, paperTwoPassBound } from './error-bounds.js';
import { accurateKernels, spec, type KernelSpec } from './kernel-spec.js';

const SCALAR_SEQUENTIAL = 'one float32 accumulator, index order';

export const SCALAR_KERNELS: readonly KernelSpec[] = [
  spec('naive', 'scalar', 'paper', { tile: 1, accumulation: SCALAR_SEQUENTIAL, bound: CONTROL, subnormals: 'flushed' }),
  spec('three-pass-recompute', 'scalar', 'paper', {
    tile: 1,
    accumulation: SCALAR_SEQUENTIAL,
    bound: paperMinusMaxBound(8, 1),
    subnormals: 'flushed',
  }),
  spec('three-pass-reload', 'scalar', 'paper', {
    tile: 1,
    accumulation: SCALAR_SEQUENTIAL,
    bound: paperMinusMaxBound(8, 1),
    subnormals: 'flushed',
  }),
  spec('two-pass', 'scalar', 'paper', {
    tile: 1,
    accumulation: 'one float32 (mantissa, exponent) pair, index order',
    bound: paperTwoPassBound(8, 2 ** -19, 1),
    subnormals: 'produced',
  }),
  spec('online', 'scalar', 'paper', {
    tile: 1,
    accumulation: 'one float32 (max, sum) pair, index order',
    bound: paperMinusMaxBound(8, 1),
    subnormals: 'flushed',
  }),
  ...accurateKernels('scalar'),
];

