/* The NEON (AArch64) kernels: the recipe templates instantiated with simd_neon.h, one entry
 * point per algorithm and recipe, y[0..n) = softmax(x[0..n)); y may be exactly x, n may be 0.
 * They are not part of the x86-64 addon: scripts/build-neon.sh cross-compiles them with
 * aarch64-linux-gnu-gcc, and test/src/kernels/neon/ runs them under qemu-aarch64
 * (docs/porting.md, "Worked example: ARM NEON under qemu"). */
#ifndef SMX_KERNELS_NEON_H
#define SMX_KERNELS_NEON_H

#include <stddef.h>

void smx_three_pass_recompute_neon_paper(const float *x, float *y, size_t n);
void smx_three_pass_reload_neon_paper(const float *x, float *y, size_t n);
void smx_two_pass_neon_paper(const float *x, float *y, size_t n);
void smx_online_neon_paper(const float *x, float *y, size_t n);

void smx_three_pass_recompute_neon_accurate(const float *x, float *y, size_t n);
void smx_three_pass_reload_neon_accurate(const float *x, float *y, size_t n);
void smx_two_pass_neon_accurate(const float *x, float *y, size_t n);
void smx_online_neon_accurate(const float *x, float *y, size_t n);

#endif
