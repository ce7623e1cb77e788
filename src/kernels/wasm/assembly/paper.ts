// The paper recipe on WebAssembly SIMD128: float32 throughout, one rounding per
// operation (wasm has no FMA, so every step is a separate mul and add, exactly as the
// scalar golden model rounds them). Element i goes to lane i mod 16 of four f32x4
// accumulators; lanes are reduced by the tree of lanes.ts. The exp is the rr2-p5 of
// XNNPACK's wasm SIMD kernels (docs/recipes.md), bit-identical per element to the
// scalar expMinusRr2P5; only the summation order differs from the scalar kernels.

import {
  PAPER_C1, PAPER_C2, PAPER_C3, PAPER_C4, PAPER_C5, PAPER_DENORM_CUTOFF, PAPER_LOG2E, PAPER_MAGIC_BIAS,
  PAPER_MINUS_LN2_HI_RR2, PAPER_MINUS_LN2_LO_RR2, PAPER_ONE, PAPER_TWO_PASS_T_LIMIT, PAPER_TWO_PASS_X_LIMIT,
} from './constants';
import {
  BLOCK, STAGE, STATE_A, STATE_B, STATE_C, V128_BYTES, classify, fillState, forRows, maxOfLanes, rowMaxF32, stageIn, stageOut,
  treeF32x4, writeSpecialRow,
} from './lanes';
import { PAPER_ACCUMULATORS, PAPER_UNROLL } from './kernel_table';

/** Bytes of one main-loop step: PAPER_UNROLL f32x4 vectors, vector k into accumulator slot k. */
@inline const STEP_BYTES: usize = <usize>PAPER_UNROLL * V128_BYTES;

/** The paper recipe turns an all -inf row into NaN (it is not masked-safe). */
const MASKED_AS_ZERO = false;

/** float32 exponent bias: 2^k is built from biased exponent k + 127; k = -127 gives +0. */
const F32_EXPONENT_BIAS: f32 = 127;

@inline function splat(v: f32): v128 {
  return f32x4.splat(v);
}

/**
 * exp(d) for d <= 0 (or -inf): rr2 Cody-Waite reduction, p5 polynomial, 2^n from the
 * magic-bias bits, 0 below DENORM_CUTOFF (where 2^n would not be a normal float). -inf
 * runs through NaN in t and is zeroed by the cutoff mask.
 */
@inline function expRr2P5(dIn: v128): v128 {
  // Lanes below the cutoff compute exp(0) and are zeroed at the end: run on d itself, their
  // meaningless 2^n would make subnormal products, each a microcode assist on x86 (V8 never sets FTZ).
  const below = f32x4.lt(dIn, splat(PAPER_DENORM_CUTOFF));
  const d = v128.andnot(dIn, below);
  let vn = f32x4.add(f32x4.mul(d, splat(PAPER_LOG2E)), splat(PAPER_MAGIC_BIAS));
  const vs = i32x4.shl(vn, 23);
  vn = f32x4.sub(vn, splat(PAPER_MAGIC_BIAS));
  let vt = f32x4.add(f32x4.mul(vn, splat(PAPER_MINUS_LN2_HI_RR2)), d);
  vt = f32x4.add(f32x4.mul(vn, splat(PAPER_MINUS_LN2_LO_RR2)), vt);
  let vp = f32x4.add(f32x4.mul(splat(PAPER_C5), vt), splat(PAPER_C4));
  vp = f32x4.add(f32x4.mul(vp, vt), splat(PAPER_C3));
  vp = f32x4.add(f32x4.mul(vp, vt), splat(PAPER_C2));
  vp = f32x4.add(f32x4.mul(vp, vt), splat(PAPER_C1));
  vt = f32x4.mul(vt, vs);
  const vf = f32x4.add(f32x4.mul(vt, vp), vs);
  return v128.andnot(vf, below);
}

/**
 * 2^k for integer-valued k <= 0 (or -inf), exactly, with k < -126 giving +0: wasm has no
 * scalef, so the power is built from bits. max(k, -127) + MAGIC_BIAS holds k + 127 in
 * the low mantissa bits (MAGIC_BIAS = 1.5*2^23 + 127, exact for these integers), and
 * shifting them into the exponent field gives 2^k, or +0 for k = -127. Products with
 * such a scale are exact or round once (gradual underflow); scales below 2^-126 flush
 * to 0, which is why the wasm Two-Pass declares subnormals as flushed.
 *
 * Clamps to a constant use pmin/pmax (one minps/maxps in V8, where wasm's min/max take
 * about nine instructions): with the variable first and a nonzero, non-NaN constant
 * second, pmax(a, c) = a < c ? c : a and pmin(a, c) = c < a ? c : a equal max and min
 * bit for bit, NaN included.
 */
@inline function pow2(k: v128): v128 {
  return i32x4.shl(f32x4.add(f32x4.pmax(k, splat(-F32_EXPONENT_BIAS)), splat(PAPER_MAGIC_BIAS)), 23);
}

/** Row max with classification; writes the special output and returns NaN for non-ordinary rows. */
function ordinaryMax(x: usize, y: usize, n: i32): f32 {
  const mu = rowMaxF32(x, n);
  return writeSpecialRow(y, n, classify(mu, -Infinity), MASKED_AS_ZERO) ? NaN : mu;
}

function sumLanes(a: usize, b: usize): void {
  v128.store(STATE_A + a, f32x4.add(v128.load(STATE_A + a), v128.load(STATE_A + b)));
}

/** Adds exp(src - mu) of one block into the four accumulators; stores it to dst when asked. */
@inline function sumExpBlock(src: usize, dst: usize, vmu: v128, store: bool): void {
  for (let k: usize = 0; k < STEP_BYTES; k += V128_BYTES) {
    const e = expRr2P5(f32x4.sub(v128.load(src + k), vmu));
    if (store) v128.store(dst + k, e);
    v128.store(STATE_A + k, f32x4.add(v128.load(STATE_A + k), e));
  }
}

/** sum_i exp(x_i - mu) in 16 float32 lanes; with `store`, also y_i = exp(x_i - mu). */
function sumExp(x: usize, y: usize, n: i32, mu: f32, store: bool): f32 {
  const vmu = splat(mu);
  fillState(STATE_A, f32x4.splat(0));
  const full = n & ~(BLOCK - 1);
  for (let i = 0; i < full; i += BLOCK) sumExpBlock(x + (<usize>i << 2), y + (<usize>i << 2), vmu, store);
  if (n > full) {
    sumExpBlock(stageIn(x + (<usize>full << 2), n - full), STAGE, vmu, store);
    if (store) stageOut(y + (<usize>full << 2), n - full);
  }
  treeF32x4(sumLanes);
  return f32x4.extract_lane(v128.load(STATE_A), 0);
}

@inline function scaledExpBlock(src: usize, dst: usize, vmu: v128, vr: v128): void {
  for (let k: usize = 0; k < STEP_BYTES; k += V128_BYTES) v128.store(dst + k, f32x4.mul(expRr2P5(f32x4.sub(v128.load(src + k), vmu)), vr));
}

/** y_i = exp(x_i - mu) * r: the output pass of Three-Pass recompute and Online. */
function writeScaledExp(x: usize, y: usize, n: i32, mu: f32, r: f32): void {
  const vmu = splat(mu);
  const vr = splat(r);
  const full = n & ~(BLOCK - 1);
  for (let i = 0; i < full; i += BLOCK) scaledExpBlock(x + (<usize>i << 2), y + (<usize>i << 2), vmu, vr);
  if (n > full) {
    scaledExpBlock(stageIn(x + (<usize>full << 2), n - full), STAGE, vmu, vr);
    stageOut(y + (<usize>full << 2), n - full);
  }
}

export function threePassRecomputePaper(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  const mu = ordinaryMax(x, y, n);
  if (isNaN(mu)) return;
  writeScaledExp(x, y, n, mu, 1 / sumExp(x, y, n, mu, false));
}

@inline function scaleBlock(src: usize, dst: usize, vr: v128): void {
  for (let k: usize = 0; k < STEP_BYTES; k += V128_BYTES) v128.store(dst + k, f32x4.mul(v128.load(src + k), vr));
}

export function threePassReloadPaper(x: usize, y: usize, n: i32): void {
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

// ---- Two-Pass: (m, n) pairs with exp(x) ~ m * 2^n; STATE_A = m, STATE_B = n. ----

/** x clamped to +-TWO_PASS_X_LIMIT, so x*log2e stays finite (pmin/pmax: see pow2). */
@inline function clampX(x: v128): v128 {
  return f32x4.pmin(f32x4.pmax(x, splat(-PAPER_TWO_PASS_X_LIMIT)), splat(PAPER_TWO_PASS_X_LIMIT));
}

@inline function exponentOf(xc: v128): v128 {
  return f32x4.nearest(f32x4.mul(xc, splat(PAPER_LOG2E)));
}

/**
 * m = p5(t) with c0 = 1, t = x - n ln2 by the rr2 pair (no FMA). n*ln2_hi is exact only
 * for |n| <= 2^9, so accuracy degrades with |x| beyond ~355 (declared per unit of
 * max|x| in the spec). t is clamped to +-ln2 so a meaningless t cannot overflow p(t);
 * m = 0 for x = -inf (a masked entry contributes nothing).
 */
@inline function mantissaOf(x: v128, xc: v128, n: v128): v128 {
  let t = f32x4.add(f32x4.mul(n, splat(PAPER_MINUS_LN2_HI_RR2)), xc);
  t = f32x4.add(f32x4.mul(n, splat(PAPER_MINUS_LN2_LO_RR2)), t);
  t = f32x4.pmin(f32x4.pmax(t, splat(-PAPER_TWO_PASS_T_LIMIT)), splat(PAPER_TWO_PASS_T_LIMIT));
  let p = f32x4.add(f32x4.mul(splat(PAPER_C5), t), splat(PAPER_C4));
  p = f32x4.add(f32x4.mul(p, t), splat(PAPER_C3));
  p = f32x4.add(f32x4.mul(p, t), splat(PAPER_C2));
  p = f32x4.add(f32x4.mul(p, t), splat(PAPER_C1));
  p = f32x4.add(f32x4.mul(p, t), splat(PAPER_ONE));
  return v128.andnot(p, f32x4.eq(x, splat(-Infinity)));
}

/** (m_a, n_a) <- (m_a 2^(n_a - n') + m_b 2^(n_b - n'), n'), n' = max(n_a, n_b): both scales <= 1. */
@inline function mergePair(a: usize, mb: v128, nb: v128): void {
  const na = v128.load(STATE_B + a);
  const nNew = f32x4.max(na, nb);
  const ma = v128.load(STATE_A + a);
  v128.store(STATE_A + a, f32x4.add(f32x4.mul(ma, pow2(f32x4.sub(na, nNew))), f32x4.mul(mb, pow2(f32x4.sub(nb, nNew)))));
  v128.store(STATE_B + a, nNew);
}

function mergePairSlots(a: usize, b: usize): void {
  mergePair(a, v128.load(STATE_A + b), v128.load(STATE_B + b));
}

/** Pass 1 of Two-Pass on one block; STATE_C tracks the raw max of x for the classification (the clamp hides +inf). */
@inline function extExpBlock(src: usize): void {
  for (let k: usize = 0; k < STEP_BYTES; k += V128_BYTES) {
    const x = v128.load(src + k);
    const xc = clampX(x);
    const n = exponentOf(xc);
    mergePair(k, mantissaOf(x, xc, n), n);
    v128.store(STATE_C + k, f32x4.max(v128.load(STATE_C + k), x));
  }
}

@inline function twoPassOutBlock(src: usize, dst: usize, vr: v128, vns: v128): void {
  for (let k: usize = 0; k < STEP_BYTES; k += V128_BYTES) {
    const x = v128.load(src + k);
    const xc = clampX(x);
    const n = exponentOf(xc);
    v128.store(dst + k, f32x4.mul(f32x4.mul(mantissaOf(x, xc, n), vr), pow2(f32x4.sub(n, vns))));
  }
}

export function twoPassPaper(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  fillState(STATE_A, f32x4.splat(0));
  fillState(STATE_B, f32x4.splat(-Infinity));
  fillState(STATE_C, f32x4.splat(-Infinity));
  const full = n & ~(BLOCK - 1);
  for (let i = 0; i < full; i += BLOCK) extExpBlock(x + (<usize>i << 2));
  if (n > full) extExpBlock(stageIn(x + (<usize>full << 2), n - full));
  let slotMax = v128.load(STATE_C);
  for (let k: usize = 1; k < <usize>PAPER_ACCUMULATORS; k++) slotMax = f32x4.max(slotMax, v128.load(STATE_C + k * V128_BYTES));
  const rawMax = maxOfLanes(slotMax, 0, 0);
  if (writeSpecialRow(y, n, classify(rawMax, -Infinity), MASKED_AS_ZERO)) return;
  treeF32x4(mergePairSlots);
  const vr = splat(1 / f32x4.extract_lane(v128.load(STATE_A), 0));
  const vns = splat(f32x4.extract_lane(v128.load(STATE_B), 0));
  for (let i = 0; i < full; i += BLOCK) twoPassOutBlock(x + (<usize>i << 2), y + (<usize>i << 2), vr, vns);
  if (n > full) {
    twoPassOutBlock(stageIn(x + (<usize>full << 2), n - full), STAGE, vr, vns);
    stageOut(y + (<usize>full << 2), n - full);
  }
}

// ---- Online: (mu, d) pairs with d relative to exp(mu); STATE_A = mu, STATE_B = d. ----

/** a - b, with -inf - -inf (no finite entry in the lane yet) taken as -inf instead of NaN. */
@inline function maskedDiff(a: v128, b: v128): v128 {
  const d = f32x4.sub(a, b);
  return v128.bitselect(d, splat(-Infinity), f32x4.eq(d, d));
}

@inline function mergeOnline(a: usize, mub: v128, db: v128, unitB: bool): void {
  const mua = v128.load(STATE_A + a);
  const muNew = f32x4.max(mua, mub);
  const eb = expRr2P5(maskedDiff(mub, muNew));
  const scaledB = unitB ? eb : f32x4.mul(db, eb);
  v128.store(STATE_B + a, f32x4.add(f32x4.mul(v128.load(STATE_B + a), expRr2P5(maskedDiff(mua, muNew))), scaledB));
  v128.store(STATE_A + a, muNew);
}

function mergeOnlineSlots(a: usize, b: usize): void {
  mergeOnline(a, v128.load(STATE_A + b), v128.load(STATE_B + b), false);
}

/**
 * Pass 1 of Online on one block: each element is the state (x_i, 1), and 1 * e is exact,
 * so the multiply is skipped. A NaN or +inf entry sticks in its lane's maximum (wasm max
 * propagates NaN), which is how the row is classified without another pass.
 */
@inline function onlineBlock(src: usize): void {
  for (let k: usize = 0; k < STEP_BYTES; k += V128_BYTES) mergeOnline(k, v128.load(src + k), splat(1), true);
}

export function onlinePaper(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  fillState(STATE_A, f32x4.splat(-Infinity));
  fillState(STATE_B, f32x4.splat(0));
  const full = n & ~(BLOCK - 1);
  for (let i = 0; i < full; i += BLOCK) onlineBlock(x + (<usize>i << 2));
  if (n > full) onlineBlock(stageIn(x + (<usize>full << 2), n - full));
  treeF32x4(mergeOnlineSlots);
  const mu = f32x4.extract_lane(v128.load(STATE_A), 0);
  if (writeSpecialRow(y, n, classify(mu, -Infinity), MASKED_AS_ZERO)) return;
  writeScaledExp(x, y, n, mu, 1 / f32x4.extract_lane(v128.load(STATE_B), 0));
}

export function threePassRecomputePaperRows(x: usize, y: usize, rows: i32, cols: i32, xStride: i32, yStride: i32): void {
  forRows(threePassRecomputePaper, x, y, rows, cols, xStride, yStride);
}
export function threePassReloadPaperRows(x: usize, y: usize, rows: i32, cols: i32, xStride: i32, yStride: i32): void {
  forRows(threePassReloadPaper, x, y, rows, cols, xStride, yStride);
}
export function twoPassPaperRows(x: usize, y: usize, rows: i32, cols: i32, xStride: i32, yStride: i32): void {
  forRows(twoPassPaper, x, y, rows, cols, xStride, yStride);
}
export function onlinePaperRows(x: usize, y: usize, rows: i32, cols: i32, xStride: i32, yStride: i32): void {
  forRows(onlinePaper, x, y, rows, cols, xStride, yStride);
}
