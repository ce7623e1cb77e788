// Benchmark inputs: the paper's uniform [-1000, 1000], from a fixed seed so runs compare.

export const BENCH_INPUT = 'uniform [-1000, 1000], xorshift32 seed 1';

export function benchInput(n: number, lo = -1000, hi = 1000): Float32Array {
  const x = new Float32Array(n);
  let s = 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    x[i] = lo + ((s >>> 0) / 2 ** 32) * (hi - lo);
  }
  return x;
}
