// The mutant catalogue: every deliberately broken kernel, the built-in kernel whose spec
// (bound, policy, bitIdenticalTo) it is held to, the porting bug it models, and the
// property expected to kill it first (the first failing property in contract order).
// docs/mutation.md is this table in prose.

import type { BatchKernel, RowKernel } from '../../src/kernels/row-kernel.js';
import type { KernelEntry } from '../../src/registry.js';
import { onlineAccurate } from '../../src/kernels/scalar/accurate.js';
import * as accurate from './scalar/accurate.js';
import * as paperExp from './scalar/paper-exp.js';
import * as passes from './scalar/paper-passes.js';
import * as ports from './scalar/port-paths.js';
import { threePassRecomputePaper } from '../../src/kernels/scalar/paper.js';
import type { KernelSpec } from '../../src/spec/kernel-spec.js';

export type Layer = 'scalar' | 'wasm' | 'native';

/** What the test built before registering: the wasm module's kernels and the native mutants' registrar. */
export interface Built {
  wasm: Record<string, RowKernel>;
  /** Registers a native mutant through registerExternalKernel (isolated runner, guard pages) under the spec of `mutates`. */
  native(name: string, mutates: string): Promise<KernelEntry>;
}

export interface Mutant {
  name: string;
  layer: Layer;
  /** The built-in kernel it mutates: the mutant is registered with its spec. */
  mutates: string;
  bug: string;
  killer: string;
  /** What the killing failure must say, where the property alone does not pin the bug (isolation failures). */
  message?: RegExp;
  /** scalar and wasm: the functions the test registers with registerKernel; native: the external kernel, registered. */
  impl(built: Built): { row: RowKernel; batch?: BatchKernel } | Promise<KernelEntry>;
}

const scalar = (name: string, mutates: string, killer: string, bug: string, row: RowKernel, batch?: BatchKernel): Mutant => ({
  name, layer: 'scalar', mutates, bug, killer, impl: () => ({ row, batch }),
});

/** wasm and native mutants port the accurate Three-Pass recompute: held to bit identity with the golden model. */
const wasm = (name: string, exportName: string, killer: string, bug: string): Mutant => ({
  name, layer: 'wasm', mutates: 'three-pass-recompute/wasm-simd128/accurate', bug, killer, impl: (b) => ({ row: b.wasm[exportName] }),
});
const native = (name: string, killer: string, bug: string, message?: RegExp): Mutant => ({
  name, layer: 'native', mutates: 'three-pass-recompute/avx2/accurate', bug, killer, message, impl: (b) => b.native(name, 'three-pass-recompute/avx2/accurate'),
});

const RECOMPUTE = 'three-pass-recompute/scalar/paper';
const RELOAD = 'three-pass-reload/scalar/paper';
const TWO_PASS = 'two-pass/scalar/paper';
const ONLINE = 'online/scalar/paper';

export const MUTANTS: readonly Mutant[] = [
  scalar('no-max-subtraction', RECOMPUTE, 'oracle-agreement', 'exp(x_i) without subtracting the row maximum: overflows above 88.72', paperExp.noMaxSubtraction),
  scalar('ln2-hi-off-by-one-ulp', RECOMPUTE, 'exp-identity', 'rr2 constant -ln2_hi off by one float32 ULP: t off by n*2^-24', paperExp.ln2HiOffByOneUlp),
  scalar('c1-off-by-one-ulp', RECOMPUTE, 'exp-identity', 'p5 coefficient c1 off by one float32 ULP: exp off by up to 0.35 ULP, inside the paper bound', paperExp.c1OffByOneUlp),
  scalar('rr1-without-fma', RECOMPUTE, 'exp-identity', 'one-constant reduction t = d + n*(-ln2) without FMA: n*ln2 rounds, within the bound\'s fl(x_i - max) term', paperExp.rr1WithoutFma),
  scalar('missing-underflow-cutoff', RECOMPUTE, 'exp-identity', 'no cutoff at ln(2^-126): the magic-bias 2^n wraps into garbage below it', paperExp.missingUnderflowCutoff),
  scalar('wrong-underflow-cutoff', RECOMPUTE, 'exp-identity', 'cutoff at -87 instead of -87.33654: normal outputs in (-87.34, -87) flushed', paperExp.wrongUnderflowCutoff),
  scalar('reload-tail-skips-last', RELOAD, 'exp-identity', 'normalising pass stops at n - 1: the last output keeps its unnormalised exp', passes.reloadTailSkipsLast),
  scalar('reload-divides-by-sum', RELOAD, 'exp-identity', 'normalising pass computes y_i / s instead of y_i * fl(1/s): up to 1 ULP apart, inside the paper bound', passes.reloadDividesBySum),
  scalar('sum-skips-last', RECOMPUTE, 'exp-identity', 'sum pass misses the last element', passes.sumSkipsLast),
  scalar('remainder-without-max', RECOMPUTE, 'oracle-agreement', 'unrolled by 4; the remainder loop forgets to subtract the maximum', passes.remainderWithoutMax),
  scalar('max-starts-at-zero', RECOMPUTE, 'oracle-agreement', 'running maximum initialised to 0 instead of -inf', passes.maxStartsAtZero),
  scalar('nan-lost-by-max', RECOMPUTE, 'oracle-agreement', 'max as (v > m ? v : m) with no classification and cutoff d >= c ? f : 0: a NaN entry is dropped, the row not poisoned', paperExp.nanLostByMax),
  scalar('in-place-clobbers', RECOMPUTE, 'memory-safety', 'exps parked in y during the sum pass, then recomputed from x: wrong when y = x', passes.inPlaceClobbers),
  scalar('two-pass-min-merge', TWO_PASS, 'exp-identity', 'Two-Pass pair merge takes min of the exponents instead of max', passes.twoPassMinMerge),
  scalar('two-pass-scale-swapped', TWO_PASS, 'exp-identity', 'Two-Pass output scale 2^(n_s - n_i): exponent arguments swapped', passes.twoPassScaleSwapped),
  scalar('two-pass-no-input-clamp', TWO_PASS, 'oracle-agreement', 'Two-Pass extexp without the input clamp: x*log2e overflows for |x| > 2.36e38', passes.twoPassNoInputClamp),
  scalar('two-pass-rr1-without-fma', TWO_PASS, 'exp-identity', 'Two-Pass ported without FMA as one-constant reduction t = x + n*(-ln2): n*ln2 rounds', passes.twoPassRr1WithoutFma),
  scalar('online-masked-nan', ONLINE, 'oracle-agreement', 'online rescale computes -inf - (-inf) = NaN when a row starts with masked entries', passes.onlineMaskedNaN),
  scalar('float32-lanes', 'three-pass-recompute/scalar/accurate', 'oracle-agreement', 'accurate lane sums held in float32', accurate.float32Lanes),
  scalar('float32-reciprocal', 'three-pass-recompute/scalar/accurate', 'oracle-agreement', 'accurate reciprocal 1/S rounded to float32 before the products', accurate.float32Reciprocal),
  scalar('subnormals-flushed', 'two-pass/scalar/accurate', 'oracle-agreement', 'outputs below 2^-126 flushed to +0 where the policy says produced', accurate.subnormalsFlushed),
  scalar('masked-row-uniform', 'online/scalar/accurate', 'oracle-agreement', 'an all -inf row gives 1/n instead of the declared all +0', accurate.maskedRowUniform),
  scalar('accumulator-ring-kept-between-calls', RECOMPUTE, 'determinism', '4 float32 accumulators, element map (i + start) mod 4 with start kept from the previous call', passes.accumulatorRingKeptBetweenCalls),
  scalar('batch-ignores-x-stride', 'online/scalar/accurate', 'determinism', 'batched entry steps through x by cols instead of xStride', onlineAccurate, accurate.batchIgnoresXStride),
  wasm('wasm-tail-writes-past-end', 'tailWritesPastEnd', 'determinism', 'output pass stores whole f32x4 groups: the -inf-padded last group writes y[n..n+3)'),
  wasm('wasm-reads-past-end', 'readsPastEnd', 'oracle-agreement', 'max pass runs to i <= n: x[n] takes part in the maximum'),
  wasm('wasm-pow2-unclamped', 'pow2Unclamped', 'oracle-agreement', 'bit construction of 2^k without the max(k, -1023) clamp: garbage instead of +0'),
  native('ftz-daz', 'oracle-agreement', 'MXCSR flush-to-zero / denormals-are-zero on (as -ffast-math sets): subnormal outputs become +0'),
  native('fmaxf-drops-nan', 'oracle-agreement', 'row maximum by fmaxf, which drops NaN: NaN rows computed as if the NaN were absent'),
  native('c3-float-literal', 'cross-kernel', 'Taylor coefficient c3 = 1.0f/6 rounded to float32: within 1 ULP, not the golden bits'),
  native('static-lane-sums', 'oracle-agreement', 'lane sums in static storage, never re-zeroed: each call adds to the previous call\'s sums'),
  native('tail-stores-whole-vector', 'oracle-agreement', 'AVX output pass stores the -inf-padded last group whole: _mm256_storeu_ps writes y[n..n+8)', /accessed y\[(\d+)\], past the end of y\[0\.\.\1\), on a row of \1 elements/),
  native('reads-past-end', 'oracle-agreement', 'max pass runs to i <= n: reads x[n]', /accessed x\[(\d+)\], past the end of x\[0\.\.\1\), on a row of \1 elements/),
  native('aligned-stores', 'oracle-agreement', 'AVX output stores by _mm256_store_ps assume a 32-byte aligned y: faults when n is not a multiple of 8', /crashed with SIGSEGV on a row of \d+ elements/),
  native('lane-tree-adjacent', 'cross-kernel', 'lanes reduced adjacent pairs first (horizontal-add order), not lane j + lane j+w: S off by an ulp'),
  native('division-not-reciprocal', 'cross-kernel', 'outputs e / S instead of e * (1 / S): the last binary64 bit of some outputs differs'),
  // The paths a vector port has (issue 12): lanes, tiles, remainders, masked tiles, specials in tails,
  // mid-size buffers, strided and blocked batches, stale per-row state, alignment.
  scalar('max-low-half-lanes', RECOMPUTE, 'exp-identity', '16-lane port: the main loop\'s maximum reduces only the low 8 lanes', ports.maxLowHalfLanes),
  scalar('masked-tile-nan', RECOMPUTE, 'oracle-agreement', 'per-tile maxima and sums: a tile that is all -inf gives exp(-inf - -inf) = NaN inside an ordinary row', ports.maskedTileNaN),
  scalar('nan-after-first-vector-masked', RECOMPUTE, 'oracle-agreement', 'the NaN check covers the first vector only: a later NaN is taken for a masked -inf', ports.nanAfterFirstVectorMasked),
  scalar('mid-size-first-block-sum', RECOMPUTE, 'oracle-agreement', 'rows of 257..512 elements normalised by the first 256-element block\'s sum', ports.midSizeFirstBlockSum),
  scalar('remainder-not-normalised', RECOMPUTE, 'exp-identity', 'the last n mod 16 outputs keep their exp, never multiplied by 1/S', ports.remainderNotNormalised),
  scalar('blocked-rows-ignore-y-stride', RECOMPUTE, 'determinism', 'batched rows in blocks of 4 written at r * cols inside a block: y_stride ignored', threePassRecomputePaper, ports.blockedRowsIgnoreYStride),
  scalar('reuses-previous-row-reciprocal', RECOMPUTE, 'determinism', 'batched rows reuse the first row\'s 1/S for the rest of their block of 4 (stale per-row state)', threePassRecomputePaper, ports.reusesPreviousRowReciprocal),
  scalar('alignment-prologue-without-max', RECOMPUTE, 'determinism', 'an alignment prologue up to x\'s next 64-byte boundary skips the max subtraction: wrong only for x at an offset', ports.alignmentPrologueWithoutMax),
];

/** A correct but unusual kernel the contract must pass: no false alarm. */
export interface Control {
  name: string;
  /** The built-in kernel whose spec it is held to, with `spec` changes (what it declares differently). */
  mutates: string;
  spec?: Partial<KernelSpec>;
  why: string;
  row: RowKernel;
}

export const CONTROLS: readonly Control[] = [
  { name: 'float64-throughout', mutates: RECOMPUTE, spec: { expModel: null }, why: 'binary64 exp and sum, one rounding at the end: far inside the paper bound; it declares no paper exp model', row: ports.float64Throughout },
  { name: 'compensated-float32-sum', mutates: RECOMPUTE, why: 'the paper recipe with a Kahan-compensated float32 sum', row: ports.compensatedSum },
  { name: 'policy-zero', mutates: RECOMPUTE, spec: { policy: { masked: 'zero', subnormals: 'flushed' } }, why: 'declares the zero policy: an all -inf row gives all +0', row: ports.policyZero },
];
