// Benchmark inputs: the paper's uniform [-1000, 1000], from a fixed seed so runs compare.

import { seededUniformRow } from '../seeded-random.js';

export const BENCH_SEED = 1;
export const BENCH_INPUT = `uniform [-1000, 1000], seededUniform (mulberry32) seed ${BENCH_SEED}`;

export function benchInput(n: number, lo = -1000, hi = 1000): Float32Array {
  return seededUniformRow(BENCH_SEED, n, lo, hi);
}
