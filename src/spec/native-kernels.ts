// Native kernels (src/kernels/native/c/, Node-API addon, loaded by src/kernels/native/): AVX2 + FMA
// and AVX-512 (F, DQ, BW, VL), both recipes. The paper rows of every ISA built from the C
// templates (also neon, src/spec/neon-kernels.ts) come from templatePaperKernels.

import { paperMinusMaxBound, paperTwoPassBound } from './error-bounds.js';
import { accurateKernels, spec, type KernelSpec } from './kernel-spec.js';

/** Lanes of one vector register: __m256 holds 8 float32 or 4 binary64, __m512 16 or 8, a NEON q register 4 or 2. */
export const REGISTER = {
  avx2: { f32: 8, f64: 4 },
  avx512: { f32: 16, f64: 8 },
  neon: { f32: 4, f64: 2 },
} as const;

/**
 * The paper kernels' shape (src/kernels/native/c/kernel_paper.h, through the generated
 * kernel_table.h): PAPER_UNROLL vectors per main-loop step into PAPER_UNROLL vector
 * accumulators, so lanes = tile float32 partial sums; the remaining (<= PAPER_UNROLL)
 * vectors of the row, the last partial and -inf-padded, go into accumulator 0, then the
 * accumulators are merged pairwise (0+1, 2+3, then (01)+(23)) and folded in register.
 */
const PAPER_UNROLL = 4;

function paperShape(isa: keyof typeof REGISTER) {
  return { vector: REGISTER[isa].f32, unroll: PAPER_UNROLL, accumulators: PAPER_UNROLL };
}

/**
 * Additions the bound's ceil(n/lanes) - 1 term does not count: up to PAPER_UNROLL tail
 * vectors into accumulator 0, log2(PAPER_UNROLL) accumulator merges, log2(vector) folds
 * (4 + 2 + 2 on NEON, 4 + 2 + 3 on AVX2, 4 + 2 + 4 on AVX-512; the largest is used for all).
 */
const UNCOUNTED_ADDITIONS = PAPER_UNROLL + Math.log2(PAPER_UNROLL) + Math.log2(REGISTER.avx512.f32);

/**
 * Measured by scratch/native-measure.ts before the oracle existed (float64 reference softmax,
 * error < 1e-7 ULP; cross-checked against the scalar accurate kernel, within 0.5 ULP), over
 * ~6500 rows of every family (normal, wide, overflow band, underflow band, ties, masked,
 * offsets +-300 .. 1e7, lengths 1..300, long rows 1e4..1e6), outputs >= 2^-126:
 * max excess of the error over the structural terms of the formula:
 *   three-pass-recompute and three-pass-reload 3.67 ULP (avx2 and avx512), online 3.26 (avx2),
 *   3.80 (avx512), two-pass 3.78 (avx2), 4.25 (avx512) for max|x| <= 355.
 * base = that, rounded up, plus the uncounted additions.
 */
const MINUS_MAX_BASE = 4 + UNCOUNTED_ADDITIONS;
const TWO_PASS_BASE = 5 + UNCOUNTED_ADDITIONS;
/**
 * Two-Pass per unit of max|x| above TWO_PASS_BASE: n = round(fl(x log2e)) is off by up to
 * ulp(x log2e)/2 (and log2e itself is rounded), so |t| leaves the p5 polynomial's interval
 * [-ln2/2, ln2/2] as |x| grows. Sweep of 60000 rows, max|x| log-uniform in [1, 2^24]
 * (scratch/measure-two-pass2.ts, the oracle): both ISAs <= 4.3 ULP up to 2^19, then 13, 50,
 * 328, 685 and 3147 ULP in the binades 2^19 .. 2^23, the same as two-pass/scalar/paper; the
 * largest (err - 8)/max|x| seen anywhere is 2.3e-4, declared 2^-11 = 4.9e-4 (as the scalar row).
 */
const TWO_PASS_PER_MAGNITUDE = 2 ** -11;

/** The paper kernels of kernel_paper.h instantiated with one ISA's vector vocabulary. */
export function templatePaperKernels(isa: keyof typeof REGISTER): KernelSpec[] {
  const loop = paperShape(isa);
  const lanes = loop.accumulators * loop.vector;
  const tile = loop.unroll * loop.vector;
  const shape = `${loop.accumulators} x ${loop.vector} float32 accumulators = ${lanes} lanes (element i -> lane i mod ${tile} in the main loop; tail vectors into accumulator 0), merged 0+1, 2+3, then in-register fold tree`;
  const minusMax = paperMinusMaxBound(MINUS_MAX_BASE, lanes);
  // exp_minus_rr1_p5 and extexp_p5_core of src/kernels/native/c/kernel_paper.h; vf_scale_pow2 of simd_*.h.
  const minusMaxExp = 'rr1-p5-fma';
  return [
    spec('three-pass-recompute', isa, 'paper', { shape: loop, accumulation: shape, bound: minusMax, subnormals: 'flushed', expModel: minusMaxExp }),
    spec('three-pass-reload', isa, 'paper', { shape: loop, accumulation: shape, bound: minusMax, subnormals: 'flushed', expModel: minusMaxExp }),
    spec('two-pass', isa, 'paper', {
      shape: loop,
      accumulation: shape.replace('float32 accumulators', 'float32 (mantissa, exponent) pairs'),
      bound: paperTwoPassBound(TWO_PASS_BASE, TWO_PASS_PER_MAGNITUDE, lanes),
      // VSCALEFPS produces subnormal outputs; the AVX2 and NEON bit construction of 2^d stops at 2^-126.
      subnormals: isa === 'avx512' ? 'produced' : 'flushed',
      expModel: isa === 'avx512' ? 'extexp-rr2-p5-fma-scalef' : 'extexp-rr2-p5-fma-pow2bits',
    }),
    spec('online', isa, 'paper', {
      shape: loop,
      accumulation: shape.replace('float32 accumulators', 'float32 (max, sum) pairs'),
      bound: minusMax,
      subnormals: 'flushed',
      expModel: minusMaxExp,
    }),
  ];
}

export const NATIVE_KERNELS: readonly KernelSpec[] = [
  ...templatePaperKernels('avx2'),
  ...accurateKernels('avx2', REGISTER.avx2.f64),
  ...templatePaperKernels('avx512'),
  ...accurateKernels('avx512', REGISTER.avx512.f64),
];
