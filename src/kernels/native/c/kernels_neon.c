/* The neon kernels: the recipe templates instantiated with the neon vector vocabulary, each
 * exported under its own name (kernels_neon.h).
 * Compiled for AArch64 only (scripts/build-neon.sh), with -ffp-contract=off like every
 * kernel file: the accurate recipe forbids fusing; the paper recipe asks for vfmaq_f32. */
#include "simd_neon.h"

#include "kernel_accurate.h"
#include "kernel_paper.h"
#include "kernels_neon.h"

void smx_three_pass_recompute_neon_paper(const float *x, float *y, size_t n) { three_pass_recompute_paper(x, y, n); }
void smx_three_pass_reload_neon_paper(const float *x, float *y, size_t n) { three_pass_reload_paper(x, y, n); }
void smx_two_pass_neon_paper(const float *x, float *y, size_t n) { two_pass_paper(x, y, n); }
void smx_online_neon_paper(const float *x, float *y, size_t n) { online_paper(x, y, n); }

void smx_three_pass_recompute_neon_accurate(const float *x, float *y, size_t n) { three_pass_recompute_accurate(x, y, n); }
void smx_three_pass_reload_neon_accurate(const float *x, float *y, size_t n) { three_pass_reload_accurate(x, y, n); }
void smx_two_pass_neon_accurate(const float *x, float *y, size_t n) { two_pass_accurate(x, y, n); }
void smx_online_neon_accurate(const float *x, float *y, size_t n) { online_accurate(x, y, n); }
