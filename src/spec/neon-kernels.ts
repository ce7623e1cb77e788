// NEON kernels (AArch64 Advanced SIMD): the C recipe templates instantiated with
// src/kernels/native/c/simd_neon.h (kernels_neon.c), both recipes. Not part of the x86-64
// addon: scripts/build-neon.sh cross-compiles them and test/src/kernels/neon/ runs them under
// qemu-aarch64 (docs/porting.md, "Worked example: ARM NEON under qemu").

import { accurateKernels, type KernelSpec } from './kernel-spec.js';
import { templatePaperKernels } from './native-kernels.js';

/**
 * kernel_paper.h's shape with 4-lane float32 vectors: 4 vectors per main-loop step, so
 * tile = lanes = 16. The per-element exp is the AVX2 one operation for operation (FMA by
 * vfmaq_f32, 2^d from bits, no scalef: subnormal outputs of Two-Pass flushed), so its
 * bounds are the template's, with 2 in-register folds instead of AVX2's 3.
 */
const PAPER_SHAPE = { tile: 16, vector: 4 };

export const NEON_KERNELS: readonly KernelSpec[] = [...templatePaperKernels('neon', PAPER_SHAPE), ...accurateKernels('neon')];
