// MUTATION: the bit construction of 2^k drops the max(k, -1023) clamp, so exponents
// below -1023 borrow from the magic constant's exponent and build garbage instead of +0.

import { ACCURATE_POW2_MAGIC } from '../../../src/kernels/wasm/assembly/constants';
import { at, exponent, mantissa, ordinaryMax, sixteenths } from './port';

@inline function expmUnclamped(d: f64): f64 {
  const k = sixteenths(d);
  const n = exponent(k);
  return mantissa(d, k, n) * reinterpret<f64>(reinterpret<u64>(n + ACCURATE_POW2_MAGIC) << 52);
}

const SUMS: usize = memory.data(16 * 8, 16);

export function pow2Unclamped(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  const mu = ordinaryMax(x, y, n, n);
  if (isNaN(mu)) return;
  memory.fill(SUMS, 0, 16 * 8);
  for (let i = 0; i < n; i++) {
    const p = SUMS + (<usize>(i & 15) << 3);
    store<f64>(p, load<f64>(p) + expmUnclamped(<f64>load<f32>(at(x, i)) - mu));
  }
  for (let w = 8; w >= 1; w >>= 1) for (let j = 0; j < w; j++) {
    const p = SUMS + (<usize>j << 3);
    store<f64>(p, load<f64>(p) + load<f64>(p + (<usize>w << 3)));
  }
  const r = 1 / load<f64>(SUMS);
  for (let i = 0; i < n; i++) store<f32>(at(y, i), <f32>(expmUnclamped(<f64>load<f32>(at(x, i)) - mu) * r));
}
