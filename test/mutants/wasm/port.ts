// A compact AssemblyScript port of the accurate Three-Pass recompute golden model
// (src/kernels/scalar/accurate.ts), scalar binary64 with the recipe's 16 lanes, pairwise
// tree and SIMD-style 2^k construction. `baseline` is the correct port (the test checks
// it passes the contract, so every kill below is the mutation's doing); the mutants in
// this folder reuse its pieces and replace one.

import {
  ACCURATE_C0, ACCURATE_C1, ACCURATE_C2, ACCURATE_C3, ACCURATE_C4, ACCURATE_EXP2_TABLE, ACCURATE_INV_TABLE_SIZE,
  ACCURATE_LN2_16_HI, ACCURATE_LN2_16_LO, ACCURATE_LOG2E_16, ACCURATE_POW2_MAGIC, ACCURATE_POW2_MIN_EXPONENT,
  ACCURATE_REDUCTION_LIMIT, ACCURATE_TABLE_SIZE, PAPER_CANONICAL_NAN_BITS,
} from '../../../src/kernels/wasm/assembly/constants';

export const LANES: i32 = 16;
/** The 16 binary64 lane sums. */
export const SUMS: usize = memory.data(LANES * 8, 16);

/** k = roundEven(x 16/ln2) (golden extExpD). */
@inline export function sixteenths(x: f64): f64 {
  return nearest(x * ACCURATE_LOG2E_16);
}

/** n = floor(k / 16), the power of two of exp(x) = m * 2^n. */
@inline export function exponent(k: f64): f64 {
  return floor(k * ACCURATE_INV_TABLE_SIZE);
}

/** m of exp(x) = m * 2^n (golden extExpD): T[k - 16 n] * p4(t); t and the index 0 for |x| >= 2^31. */
@inline export function mantissa(x: f64, k: f64, n: f64): f64 {
  const reduced = abs(x) < ACCURATE_REDUCTION_LIMIT;
  const t = reduced ? x - k * ACCURATE_LN2_16_HI - k * ACCURATE_LN2_16_LO : 0;
  const j = reduced ? <usize>(k - n * ACCURATE_TABLE_SIZE) : 0;
  let p = ACCURATE_C4 * t + ACCURATE_C3;
  p = p * t + ACCURATE_C2;
  p = p * t + ACCURATE_C1;
  p = p * t + ACCURATE_C0;
  return load<f64>(ACCURATE_EXP2_TABLE + (j << 3)) * p;
}

/** 2^k for integer-valued k <= 0 or -inf: k + 1023 in the low mantissa bits, shifted into the exponent. */
@inline export function pow2(k: f64): f64 {
  return reinterpret<f64>(reinterpret<u64>(max(k, ACCURATE_POW2_MIN_EXPONENT) + ACCURATE_POW2_MAGIC) << 52);
}

@inline export function expm(d: f64): f64 {
  const k = sixteenths(d);
  const n = exponent(k);
  return mantissa(d, k, n) * pow2(n);
}

@inline export function at(p: usize, i: i32): usize {
  return p + (<usize>i << 2);
}

/**
 * The row maximum with the classification of docs/recipes.md: f32 max propagates NaN;
 * a NaN/+inf row gets the canonical NaN, an all -inf row +0 (masked-safe). Returns NaN
 * when the row was special and is already written.
 */
export function ordinaryMax(x: usize, y: usize, n: i32, last: i32): f64 {
  let mu: f32 = -Infinity;
  for (let i = 0; i < last; i++) mu = max(mu, load<f32>(at(x, i)));
  if (mu != mu || mu == Infinity || mu == -Infinity) {
    const bits: u32 = mu == -Infinity ? 0 : PAPER_CANONICAL_NAN_BITS;
    for (let i = 0; i < n; i++) store<u32>(at(y, i), bits);
    return NaN;
  }
  return <f64>mu;
}

@inline export function lane(j: i32): usize {
  return SUMS + (<usize>j << 3);
}

/** Lane j += expm(x_i - mu) for i = j mod 16. */
export function sumLanes(x: usize, n: i32, mu: f64): void {
  memory.fill(SUMS, 0, LANES * 8);
  for (let i = 0; i < n; i++) store<f64>(lane(i & 15), load<f64>(lane(i & 15)) + expm(<f64>load<f32>(at(x, i)) - mu));
}

/** The recipe's tree: lane j += lane j + w for w = 8, 4, 2, 1. */
export function treeSum(): f64 {
  for (let w = LANES >> 1; w >= 1; w >>= 1) for (let j = 0; j < w; j++) store<f64>(lane(j), load<f64>(lane(j)) + load<f64>(lane(j + w)));
  return load<f64>(lane(0));
}

export function writeOutputs(x: usize, y: usize, n: i32, mu: f64, r: f64): void {
  for (let i = 0; i < n; i++) store<f32>(at(y, i), <f32>(expm(<f64>load<f32>(at(x, i)) - mu) * r));
}

export function baseline(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  const mu = ordinaryMax(x, y, n, n);
  if (isNaN(mu)) return;
  sumLanes(x, n, mu);
  writeOutputs(x, y, n, mu, 1 / treeSum());
}
