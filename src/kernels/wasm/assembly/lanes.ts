// Machinery shared by the paper and accurate SIMD128 kernels: the 16-element block,
// the staging area for the partial last block, lane-state storage, the pairwise
// reduction trees, the row classification and the batched-rows driver.

import { ACCURATE_LANES, PAPER_CANONICAL_NAN_BITS } from './constants';
import {
  ACCURATE_ACCUMULATORS, ACCURATE_TILE, ACCURATE_UNROLL, ACCURATE_VECTOR, PAPER_ACCUMULATORS, PAPER_TILE, PAPER_UNROLL,
  PAPER_VECTOR,
} from './kernel_table';

/**
 * Elements per block: the 16 logical lanes of the accurate recipe, held as 4 x f32x4
 * (paper) or 8 x f64x2 (accurate). Element i always goes to lane i mod 16.
 */
export const BLOCK: i32 = ACCURATE_LANES;
/** Bytes of one v128: one vector of a block, one lane-state slot. */
@inline export const V128_BYTES: usize = 16;
/** Bytes of the float32 inputs of one block. */
@inline export const BLOCK_BYTES: usize = <usize>BLOCK << 2;

// The loop shapes of the spec table (kernel_table.ts, generated from src/spec/wasm-kernels.ts)
// must be ones this code implements; a table that is not fails the build here.
if (PAPER_VECTOR != 4 || ACCURATE_VECTOR != 2) ERROR('spec table: wasm-simd128 vectors are 4 float32 (paper) and 2 binary64 (accurate) lanes');
if (PAPER_TILE != BLOCK || ACCURATE_TILE != BLOCK) ERROR('spec table: both wasm-simd128 recipes step through one block of the 16 accurate lanes');
if (PAPER_ACCUMULATORS != PAPER_UNROLL || ACCURATE_ACCUMULATORS != ACCURATE_UNROLL) ERROR('spec table: wasm-simd128 kernels keep one accumulator per vector of a step');
if (PAPER_ACCUMULATORS > ACCURATE_ACCUMULATORS) ERROR('spec table: the lane-state slots are sized for the accurate accumulators');

/**
 * The partial last block is copied here and padded with -inf. -inf is an exact identity
 * for every lane state of both recipes (it adds +0 to sums and leaves (m, n) and
 * (mu, d) pairs unchanged), so the tail runs the same block code as the body, and no
 * kernel ever reads x[n] or writes y[n].
 */
export const STAGE: usize = memory.data(BLOCK * 4, 16);

/**
 * Lane states in memory, one 16-byte slot per accumulator (PAPER_ACCUMULATORS slots of
 * f32x4 or ACCURATE_ACCUMULATORS of f64x2). Kept in memory rather than locals so that one
 * tree routine serves every state kind; the load/store per slot and block is small beside
 * the exp evaluations.
 */
@inline const STATE_BYTES: usize = <usize>ACCURATE_ACCUMULATORS * V128_BYTES;
export const STATE_A: usize = memory.data(<i32>STATE_BYTES, 16);
export const STATE_B: usize = memory.data(<i32>STATE_BYTES, 16);
export const STATE_C: usize = memory.data(<i32>STATE_BYTES, 16);

@inline export function fillState(state: usize, v: v128): void {
  for (let k: usize = 0; k < STATE_BYTES; k += V128_BYTES) v128.store(state + k, v);
}

/** Copies the last `count` (< BLOCK) elements at src into STAGE, padded with -inf; returns STAGE. */
export function stageIn(src: usize, count: i32): usize {
  for (let i = 0; i < count; i++) store<u32>(STAGE + (<usize>i << 2), load<u32>(src + (<usize>i << 2)));
  for (let i = count; i < BLOCK; i++) store<f32>(STAGE + (<usize>i << 2), -Infinity);
  return STAGE;
}

/** Writes the first `count` staged results to dst (the real elements only). */
export function stageOut(dst: usize, count: i32): void {
  for (let i = 0; i < count; i++) store<u32>(dst + (<usize>i << 2), load<u32>(STAGE + (<usize>i << 2)));
}

/** Merges the lane states of slot b into slot a (byte offsets into STATE_A / STATE_B). */
export type SlotMerge = (a: usize, b: usize) => void;

function copyLanesDown(state: usize, shuffled: v128): void {
  v128.store(state + V128_BYTES, shuffled);
}

/** Slot k merges slot k + w for w = slots/2 .. 1: the whole-vector levels of the lane tree. */
@inline function treeOfSlots(merge: SlotMerge, slots: usize): void {
  for (let w = slots >> 1; w >= 1; w >>= 1) {
    for (let k: usize = 0; k < w; k++) merge(k * V128_BYTES, (k + w) * V128_BYTES);
  }
}

/**
 * The accurate recipe's tree (lane j combines lane j + w, w = 8, 4, 2, 1) on 4 x f32x4
 * slots: lane j lives in slot j / 4. The last two levels move lanes 2,3 and then lane 1
 * of slot 0 into slot 1 (free by then) and merge slots 0 and 1. The result is lane 0 of
 * slot 0.
 */
export function treeF32x4(merge: SlotMerge): void {
  treeOfSlots(merge, PAPER_ACCUMULATORS);
  let a = v128.load(STATE_A);
  let b = v128.load(STATE_B);
  copyLanesDown(STATE_A, v128.shuffle<f32>(a, a, 2, 3, 2, 3));
  copyLanesDown(STATE_B, v128.shuffle<f32>(b, b, 2, 3, 2, 3));
  merge(0, 16);
  a = v128.load(STATE_A);
  b = v128.load(STATE_B);
  copyLanesDown(STATE_A, v128.shuffle<f32>(a, a, 1, 1, 1, 1));
  copyLanesDown(STATE_B, v128.shuffle<f32>(b, b, 1, 1, 1, 1));
  merge(0, 16);
}

/** The same tree on 8 x f64x2 slots: lanes 2k, 2k+1 live in slot k. */
export function treeF64x2(merge: SlotMerge): void {
  treeOfSlots(merge, ACCURATE_ACCUMULATORS);
  copyLanesDown(STATE_A, v128.shuffle<f64>(v128.load(STATE_A), v128.load(STATE_A), 1, 1));
  copyLanesDown(STATE_B, v128.shuffle<f64>(v128.load(STATE_B), v128.load(STATE_B), 1, 1));
  merge(0, 16);
}

/**
 * Row maximum over f32x4 lanes, NaN when any entry is NaN (and +inf when any entry is
 * +inf): the row classification comes free with the pass. The maximum uses pmax (one
 * maxps in V8; wasm's NaN-propagating f32x4.max takes about nine instructions), which
 * drops NaNs, so NaNs are collected separately by x != x. The order of a maximum does
 * not change its value (the one freedom, +0 vs -0, maps to the same outputs downstream).
 */
export function rowMaxF32(x: usize, n: i32): f32 {
  const minusInf = f32x4.splat(-Infinity);
  let m0 = minusInf, m1 = minusInf, m2 = minusInf, m3 = minusInf;
  let nan = i32x4.splat(0);
  const full = n & ~(BLOCK - 1);
  for (let i = 0; i < full; i += BLOCK) {
    const p = x + (<usize>i << 2);
    const v0 = v128.load(p), v1 = v128.load(p, 16), v2 = v128.load(p, 32), v3 = v128.load(p, 48);
    m0 = f32x4.pmax(m0, v0);
    m1 = f32x4.pmax(m1, v1);
    m2 = f32x4.pmax(m2, v2);
    m3 = f32x4.pmax(m3, v3);
    nan = v128.or(nan, v128.or(v128.or(f32x4.ne(v0, v0), f32x4.ne(v1, v1)), v128.or(f32x4.ne(v2, v2), f32x4.ne(v3, v3))));
  }
  const m = maxOfLanes(f32x4.max(f32x4.max(m0, m1), f32x4.max(m2, m3)), x + (<usize>full << 2), n - full);
  return v128.any_true(nan) ? NaN : m;
}

/** Horizontal NaN-propagating max of v, and of `count` further scalars at p. */
@inline export function maxOfLanes(v: v128, p: usize, count: i32): f32 {
  let m = max(max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
  for (let i = 0; i < count; i++) m = max(m, load<f32>(p + (<usize>i << 2)));
  return m;
}

/**
 * The row classes of docs/recipes.md, read off a NaN-propagating maximum (of x, or of a
 * quantity monotone in x such as n = round(x log2e)) whose empty value is `empty`.
 */
export const enum RowKind { Ordinary, Poisoned, Masked }

export function classify(max: f64, empty: f64): RowKind {
  if (max != max || max == Infinity) return RowKind.Poisoned;
  return max == empty ? RowKind.Masked : RowKind.Ordinary;
}

/**
 * Writes the declared output of a non-ordinary row: the canonical NaN, or +0 for a
 * masked row when the recipe is masked-safe. Stored as integer bits so that no NaN
 * passes through float arithmetic. Returns true when the row was special.
 */
export function writeSpecialRow(y: usize, n: i32, kind: RowKind, maskedAsZero: bool): bool {
  if (kind == RowKind.Ordinary) return false;
  const bits: u32 = kind == RowKind.Masked && maskedAsZero ? 0 : PAPER_CANONICAL_NAN_BITS;
  const v = i32x4.splat(bits);
  const full = n & ~3;
  for (let i = 0; i < full; i += 4) v128.store(y + (<usize>i << 2), v);
  for (let i = full; i < n; i++) store<u32>(y + (<usize>i << 2), bits);
  return true;
}

/** Kernel on one row: y[0..n) = softmax(x[0..n)); y may equal x. Pointers are byte addresses. */
export type RowKernel = (x: usize, y: usize, n: i32) => void;

/** Row r is x[r*xStride .. r*xStride + cols) -> y[r*yStride ..); strides in elements. */
export function forRows(kernel: RowKernel, x: usize, y: usize, rows: i32, cols: i32, xStride: i32, yStride: i32): void {
  for (let r = 0; r < rows; r++) kernel(x + ((<usize>r * <usize>xStride) << 2), y + ((<usize>r * <usize>yStride) << 2), cols);
}

/** First free byte after the static data, aligned to 16 (the kernels allocate nothing). */
export function dataStart(): usize {
  return (__heap_base + 15) & ~15;
}
