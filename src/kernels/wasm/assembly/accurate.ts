// The accurate recipe on WebAssembly SIMD128, bit-identical to the scalar golden models
// (src/kernels/scalar/accurate.ts, docs/recipes.md). binary64 without FMA (wasm has
// none); the 16 logical lanes are eight f64x2 slots (lanes 2k, 2k+1 in slot k), fed in
// index order one 16-element block at a time; the partial last block is padded with
// -inf; lanes are reduced by the tree w = 8, 4, 2, 1 (lanes.ts); every operation is in
// the golden model's order, or one of the exact equivalents docs/recipes.md defines for
// the table index and expm; each output is demoted f64 -> f32 once (round to nearest
// even, subnormals produced: wasm never flushes).

import {
  ACCURATE_C0, ACCURATE_C1, ACCURATE_C2, ACCURATE_C3, ACCURATE_C4, ACCURATE_EMPTY_LANE, ACCURATE_EXP2_INDEX_BITS,
  ACCURATE_EXP2_TABLE, ACCURATE_EXPM_MIN_ARG, ACCURATE_EXPONENT_BIAS_BITS, ACCURATE_INV_TABLE_SIZE, ACCURATE_LN2_16_HI, ACCURATE_LN2_16_LO,
  ACCURATE_LOG2E_16, ACCURATE_POW2_MAGIC, ACCURATE_POW2_MIN_EXPONENT, ACCURATE_REDUCTION_LIMIT, ACCURATE_ROUND_SHIFT,
} from './constants';
import {
  BLOCK, BLOCK_BYTES, STAGE, STATE_A, STATE_B, V128_BYTES, classify, fillState, forRows, rowMaxF32, stageIn, stageOut, treeF64x2,
  writeSpecialRow,
} from './lanes';

/** The accurate recipe is masked-safe: an all -inf row gives all +0. */
const MASKED_AS_ZERO = true;

@inline function splat(v: f64): v128 {
  return f64x2.splat(v);
}

/** float32 lanes 0, 1 of v as binary64 (exact). */
@inline function low(v: v128): v128 {
  return f64x2.promote_low_f32x4(v);
}

/** float32 lanes 2, 3 of v as binary64 (exact). */
@inline function high(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
}

/** Two f64x2 rounded once each to float32, as one f32x4. */
@inline function demote(a: v128, b: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(a), f32x4.demote_f64x2_zero(b), 0, 1, 4, 5);
}

/** k = roundEven(x 16/ln2), x in sixteenths of ln2: f64x2.nearest rounds ties to even, like the golden roundEven. */
@inline function sixteenthsOf(x: v128): v128 {
  return f64x2.nearest(f64x2.mul(x, splat(ACCURATE_LOG2E_16)));
}

/** n = floor(k / 16): the power of two of exp(x) = m * 2^n (exact). */
@inline function exponentOf(k: v128): v128 {
  return f64x2.floor(f64x2.mul(k, splat(ACCURATE_INV_TABLE_SIZE)));
}

/** T[bits(v) mod 16] per lane: wasm has no gather, so each lane's low bits index one load. */
@inline function tableEntries(v: v128): v128 {
  const index = v128.and(v, i64x2.splat((1 << ACCURATE_EXP2_INDEX_BITS) - 1));
  const lo = v128.load64_zero(ACCURATE_EXP2_TABLE + (<usize>i64x2.extract_lane(index, 0) << 3));
  return v128.load64_lane(ACCURATE_EXP2_TABLE + (<usize>i64x2.extract_lane(index, 1) << 3), lo, 1);
}

/** Taylor degree 4 by Horner (the golden extExpD's p). */
@inline function taylor4(t: v128): v128 {
  let p = f64x2.add(f64x2.mul(splat(ACCURATE_C4), t), splat(ACCURATE_C3));
  p = f64x2.add(f64x2.mul(p, t), splat(ACCURATE_C2));
  p = f64x2.add(f64x2.mul(p, t), splat(ACCURATE_C1));
  return f64x2.add(f64x2.mul(p, t), splat(ACCURATE_C0));
}

/**
 * m with exp(x) = m * 2^n: T[j] times Taylor degree 4 of t = (x - k LN2_16_HI) - k LN2_16_LO.
 * j = k - 16 n is read as the low 4 bits of k + ROUND_SHIFT (2^51 + k in the low mantissa
 * bits, exact for |k| < 2^51; 2^51 = 0 mod 16). t and that index are +0 where |x| >= 2^31
 * (or x = -inf or NaN, where they are NaN or garbage before the mask): T[0] = 1, m = 1.
 */
@inline function mantissaOf(x: v128, k: v128): v128 {
  const reduced = f64x2.lt(f64x2.abs(x), splat(ACCURATE_REDUCTION_LIMIT));
  const index = v128.and(f64x2.add(k, splat(ACCURATE_ROUND_SHIFT)), reduced);
  let t = f64x2.sub(f64x2.sub(x, f64x2.mul(k, splat(ACCURATE_LN2_16_HI))), f64x2.mul(k, splat(ACCURATE_LN2_16_LO)));
  t = v128.and(t, reduced);
  return f64x2.mul(tableEntries(index), taylor4(t));
}

/**
 * 2^k for integer-valued k <= 0 (or -inf), from bits: max(k, -1023) + POW2_MAGIC holds
 * k + 1023 in the low mantissa bits; shifted into the exponent field it is 2^k exactly,
 * and +0 for k <= -1023 (the golden pow2Clamped). pmax (one maxpd in V8; f64x2.max
 * takes about nine instructions) with k first and the constant second is
 * k < c ? c : k: bit for bit f64x2.max, NaN included.
 */
@inline function pow2(k: v128): v128 {
  return i64x2.shl(f64x2.add(f64x2.pmax(k, splat(ACCURATE_POW2_MIN_EXPONENT)), splat(ACCURATE_POW2_MAGIC)), 52);
}

/**
 * exp(d) for d <= 0 or -inf (the golden expMinusD), by the exact shortcut docs/recipes.md
 * allows: after d' = max(d, -708.5) (no result changes), adding ROUND_SHIFT to d' 16/ln2
 * rounds it to k, ties to even, with 2^51 + k in the low mantissa bits: the table index is
 * their low 4 bits, and (bits >> 4) + 1023, modulo 2^12 once shifted into the exponent
 * field, is n + 1023 in [0, 1023]: pow2(n), +0 for n = -1023. |d'| < 2^31: no select.
 */
@inline function expm(d: v128): v128 {
  const dc = f64x2.pmax(d, splat(ACCURATE_EXPM_MIN_ARG)); // d < c ? c : d; d is never NaN here
  const shifted = f64x2.add(f64x2.mul(dc, splat(ACCURATE_LOG2E_16)), splat(ACCURATE_ROUND_SHIFT));
  const k = f64x2.sub(shifted, splat(ACCURATE_ROUND_SHIFT));
  const t = f64x2.sub(f64x2.sub(dc, f64x2.mul(k, splat(ACCURATE_LN2_16_HI))), f64x2.mul(k, splat(ACCURATE_LN2_16_LO)));
  const scale = i64x2.shl(i64x2.add(i64x2.shr_u(shifted, ACCURATE_EXP2_INDEX_BITS), i64x2.splat(ACCURATE_EXPONENT_BIAS_BITS)), 52);
  return f64x2.mul(f64x2.mul(tableEntries(shifted), taylor4(t)), scale);
}

/** Row max with classification; writes the special output and returns NaN for non-ordinary rows. */
function ordinaryMax(x: usize, y: usize, n: i32): f64 {
  const mu = rowMaxF32(x, n);
  return writeSpecialRow(y, n, classify(mu, -Infinity), MASKED_AS_ZERO) ? NaN : <f64>mu;
}

function sumSlots(a: usize, b: usize): void {
  v128.store(STATE_A + a, f64x2.add(v128.load(STATE_A + a), v128.load(STATE_A + b)));
}

/** Adds expm(x_i - mu) of one block into the eight lane slots; with `store`, y_i = f32(that exp). */
@inline function sumExpBlock(src: usize, dst: usize, vmu: v128, store: bool): void {
  for (let k: usize = 0; k < BLOCK_BYTES; k += V128_BYTES) {
    const v = v128.load(src + k);
    const e0 = expm(f64x2.sub(low(v), vmu));
    const e1 = expm(f64x2.sub(high(v), vmu));
    if (store) v128.store(dst + k, demote(e0, e1));
    const a = STATE_A + (k << 1);
    v128.store(a, f64x2.add(v128.load(a), e0));
    v128.store(a, f64x2.add(v128.load(a, V128_BYTES), e1), V128_BYTES);
  }
}

function sumExp(x: usize, y: usize, n: i32, mu: f64, store: bool): f64 {
  const vmu = splat(mu);
  fillState(STATE_A, f64x2.splat(0));
  const full = n & ~(BLOCK - 1);
  for (let i = 0; i < full; i += BLOCK) sumExpBlock(x + (<usize>i << 2), y + (<usize>i << 2), vmu, store);
  if (n > full) {
    sumExpBlock(stageIn(x + (<usize>full << 2), n - full), STAGE, vmu, store);
    if (store) stageOut(y + (<usize>full << 2), n - full);
  }
  treeF64x2(sumSlots);
  return f64x2.extract_lane(v128.load(STATE_A), 0);
}

@inline function scaledExpBlock(src: usize, dst: usize, vmu: v128, vr: v128): void {
  for (let k: usize = 0; k < BLOCK_BYTES; k += V128_BYTES) {
    const v = v128.load(src + k);
    v128.store(dst + k, demote(f64x2.mul(expm(f64x2.sub(low(v), vmu)), vr), f64x2.mul(expm(f64x2.sub(high(v), vmu)), vr)));
  }
}

/** y_i = f32(expm(x_i - mu) * r): the output pass of Three-Pass recompute and Online. */
function writeScaledExp(x: usize, y: usize, n: i32, mu: f64, r: f64): void {
  const vmu = splat(mu);
  const vr = splat(r);
  const full = n & ~(BLOCK - 1);
  for (let i = 0; i < full; i += BLOCK) scaledExpBlock(x + (<usize>i << 2), y + (<usize>i << 2), vmu, vr);
  if (n > full) {
    scaledExpBlock(stageIn(x + (<usize>full << 2), n - full), STAGE, vmu, vr);
    stageOut(y + (<usize>full << 2), n - full);
  }
}

export function threePassRecomputeAccurate(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  const mu = ordinaryMax(x, y, n);
  if (isNaN(mu)) return;
  writeScaledExp(x, y, n, mu, 1 / sumExp(x, y, n, mu, false));
}

@inline function scaleBlock(src: usize, dst: usize, vr: v128): void {
  for (let k: usize = 0; k < BLOCK_BYTES; k += V128_BYTES) {
    const v = v128.load(src + k);
    v128.store(dst + k, demote(f64x2.mul(low(v), vr), f64x2.mul(high(v), vr)));
  }
}

/** Keeps each exp in y as float32 between passes (its bound is 1.5 ULP, not 1). */
export function threePassReloadAccurate(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  const mu = ordinaryMax(x, y, n);
  if (isNaN(mu)) return;
  const vr = splat(1 / sumExp(x, y, n, mu, true));
  const full = n & ~(BLOCK - 1);
  for (let i = 0; i < full; i += BLOCK) scaleBlock(y + (<usize>i << 2), y + (<usize>i << 2), vr);
  if (n > full) {
    scaleBlock(stageIn(y + (<usize>full << 2), n - full), STAGE, vr);
    stageOut(y + (<usize>full << 2), n - full);
  }
}

// ---- Two-Pass: (m, n) pairs, exp(x) = m * 2^n; STATE_A = m, STATE_B = n. ----

/** (m_a, n_a) <- (m_a pow2(n_a - n') + m_b pow2(n_b - n'), n'), n' = max(n_a, n_b). */
@inline function mergePair(a: usize, mb: v128, nb: v128): void {
  const na = v128.load(STATE_B + a);
  const nNew = f64x2.max(na, nb);
  const ma = v128.load(STATE_A + a);
  v128.store(STATE_A + a, f64x2.add(f64x2.mul(ma, pow2(f64x2.sub(na, nNew))), f64x2.mul(mb, pow2(f64x2.sub(nb, nNew)))));
  v128.store(STATE_B + a, nNew);
}

function mergePairSlots(a: usize, b: usize): void {
  mergePair(a, v128.load(STATE_A + b), v128.load(STATE_B + b));
}

/**
 * Pass 1 of Two-Pass on one block. A NaN or +inf entry makes its lane's n NaN or +inf,
 * and wasm max keeps it through the tree: the row is classified from n_s, no extra pass.
 */
@inline function extExpBlock(src: usize): void {
  for (let k: usize = 0; k < BLOCK_BYTES; k += V128_BYTES) {
    const v = v128.load(src + k);
    const x0 = low(v);
    const k0 = sixteenthsOf(x0);
    const n0 = exponentOf(k0);
    mergePair(k << 1, mantissaOf(x0, k0), n0);
    const x1 = high(v);
    const k1 = sixteenthsOf(x1);
    const n1 = exponentOf(k1);
    mergePair((k << 1) + V128_BYTES, mantissaOf(x1, k1), n1);
  }
}

@inline function twoPassOutBlock(src: usize, dst: usize, vr: v128, vns: v128): void {
  for (let k: usize = 0; k < BLOCK_BYTES; k += V128_BYTES) {
    const v = v128.load(src + k);
    const x0 = low(v);
    const k0 = sixteenthsOf(x0);
    const n0 = exponentOf(k0);
    const y0 = f64x2.mul(f64x2.mul(mantissaOf(x0, k0), vr), pow2(f64x2.sub(n0, vns)));
    const x1 = high(v);
    const k1 = sixteenthsOf(x1);
    const n1 = exponentOf(k1);
    const y1 = f64x2.mul(f64x2.mul(mantissaOf(x1, k1), vr), pow2(f64x2.sub(n1, vns)));
    v128.store(dst + k, demote(y0, y1));
  }
}

export function twoPassAccurate(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  fillState(STATE_A, f64x2.splat(0));
  fillState(STATE_B, f64x2.splat(ACCURATE_EMPTY_LANE));
  const full = n & ~(BLOCK - 1);
  for (let i = 0; i < full; i += BLOCK) extExpBlock(x + (<usize>i << 2));
  if (n > full) extExpBlock(stageIn(x + (<usize>full << 2), n - full));
  treeF64x2(mergePairSlots);
  const ns = f64x2.extract_lane(v128.load(STATE_B), 0);
  if (writeSpecialRow(y, n, classify(ns, ACCURATE_EMPTY_LANE), MASKED_AS_ZERO)) return;
  const vr = splat(1 / f64x2.extract_lane(v128.load(STATE_A), 0));
  const vns = splat(ns);
  for (let i = 0; i < full; i += BLOCK) twoPassOutBlock(x + (<usize>i << 2), y + (<usize>i << 2), vr, vns);
  if (n > full) {
    twoPassOutBlock(stageIn(x + (<usize>full << 2), n - full), STAGE, vr, vns);
    stageOut(y + (<usize>full << 2), n - full);
  }
}

// ---- Online: (mu, d) pairs, d relative to exp(mu); STATE_A = mu, STATE_B = d. ----

/** (mu_a, d_a) <- (mu', d_a expm(mu_a - mu') + d_b expm(mu_b - mu')); an element is (x_i, 1) and 1 * e is exact. */
@inline function mergeOnline(a: usize, mub: v128, db: v128, unitB: bool): void {
  const mua = v128.load(STATE_A + a);
  const muNew = f64x2.max(mua, mub);
  const eb = expm(f64x2.sub(mub, muNew));
  const scaledB = unitB ? eb : f64x2.mul(db, eb);
  v128.store(STATE_B + a, f64x2.add(f64x2.mul(v128.load(STATE_B + a), expm(f64x2.sub(mua, muNew))), scaledB));
  v128.store(STATE_A + a, muNew);
}

function mergeOnlineSlots(a: usize, b: usize): void {
  mergeOnline(a, v128.load(STATE_A + b), v128.load(STATE_B + b), false);
}

/** Pass 1 of Online on one block; NaN / +inf entries stick in the lane maximum (classification as in Two-Pass). */
@inline function onlineBlock(src: usize): void {
  const one = splat(1);
  for (let k: usize = 0; k < BLOCK_BYTES; k += V128_BYTES) {
    const v = v128.load(src + k);
    mergeOnline(k << 1, low(v), one, true);
    mergeOnline((k << 1) + V128_BYTES, high(v), one, true);
  }
}

export function onlineAccurate(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  fillState(STATE_A, f64x2.splat(ACCURATE_EMPTY_LANE));
  fillState(STATE_B, f64x2.splat(0));
  const full = n & ~(BLOCK - 1);
  for (let i = 0; i < full; i += BLOCK) onlineBlock(x + (<usize>i << 2));
  if (n > full) onlineBlock(stageIn(x + (<usize>full << 2), n - full));
  treeF64x2(mergeOnlineSlots);
  const mu = f64x2.extract_lane(v128.load(STATE_A), 0);
  if (writeSpecialRow(y, n, classify(mu, ACCURATE_EMPTY_LANE), MASKED_AS_ZERO)) return;
  writeScaledExp(x, y, n, mu, 1 / f64x2.extract_lane(v128.load(STATE_B), 0));
}

export function threePassRecomputeAccurateRows(x: usize, y: usize, rows: i32, cols: i32, xStride: i32, yStride: i32): void {
  forRows(threePassRecomputeAccurate, x, y, rows, cols, xStride, yStride);
}
export function threePassReloadAccurateRows(x: usize, y: usize, rows: i32, cols: i32, xStride: i32, yStride: i32): void {
  forRows(threePassReloadAccurate, x, y, rows, cols, xStride, yStride);
}
export function twoPassAccurateRows(x: usize, y: usize, rows: i32, cols: i32, xStride: i32, yStride: i32): void {
  forRows(twoPassAccurate, x, y, rows, cols, xStride, yStride);
}
export function onlineAccurateRows(x: usize, y: usize, rows: i32, cols: i32, xStride: i32, yStride: i32): void {
  forRows(onlineAccurate, x, y, rows, cols, xStride, yStride);
}
