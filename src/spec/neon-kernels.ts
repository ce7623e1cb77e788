// NEON kernels (AArch64 Advanced SIMD): the C recipe templates instantiated with
// src/kernels/native/c/simd_neon.h (kernels_neon.c), both recipes. Not part of the x86-64
// addon: scripts/build-neon.sh cross-compiles them and test/src/kernels/neon/ runs them under
// qemu-aarch64 (docs/porting.md, "Worked example: ARM NEON under qemu").

import { accurateKernels, type KernelSpec } from './kernel-spec.js';
import { REGISTER, templatePaperKernels } from './native-kernels.js';

/**
 * kernel_paper.h's shape with 4-lane float32 vectors (REGISTER.neon): 4 vectors per main-loop
 * step, so tile = lanes = 16. The per-element exp is the AVX2 one operation for operation (FMA by
 * vfmaq_f32, 2^d from bits, no scalef: subnormal outputs of Two-Pass flushed), so its
 * bounds are the template's, with 2 in-register folds instead of AVX2's 3. Checked under qemu
 * (scratch/neon-measure.ts: 200 rows of every contract family plus an offset sweep 2^8.5..2^19,
 * 2620 rows, the oracle): the largest excess of the error over the structural terms is 3.27 ULP
 * (Three-Pass, Online) and 4.85 ULP (Two-Pass, max|x| <= 355), inside the 4 and 5 measured for
 * AVX2/AVX-512; AVX2 shows the same figures on the same rows.
 */
export const NEON_KERNELS: readonly KernelSpec[] = [...templatePaperKernels('neon'), ...accurateKernels('neon', REGISTER.neon.f64)];
