/* Memory-only roofline kernels for AVX2 and AVX-512 (bench.h). This file is compiled with
 * the addon's baseline flags; each ISA's functions are compiled for that ISA by
 * `#pragma GCC target` and only called after dispatch.c has checked the hardware. */
#include <math.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "bench.h"

const char *const SMX_MEM_PATTERN_NAMES[SMX_MEM_PATTERN_COUNT] = {"two-pass", "three-pass-recompute",
                                                                  "three-pass-reload", "copy", "triad"};

size_t smx_memory_inputs(smx_mem_pattern pattern) { return pattern == SMX_MEM_TRIAD ? 2 : 1; }

#if defined(__x86_64__) /* the memory-only kernels are AVX2/AVX-512 code, as the kernels are */
/* A multiplier in (0, 1] derived from a pass's result: the next pass depends on it. */
static inline float factor(float s) { return 1.0f / (1.0f + fabsf(s)); }

/* Where smx_bench_run puts the second input row (a whole number of cache lines after x). */
static inline size_t second_row_offset(size_t n) { return (n + 15) / 16 * 16; }

#pragma GCC push_options
#pragma GCC target("avx2,fma")
#define MEM(name) mem_##name##_avx2
#define MV __m256
#define W 8
#define MV_ZERO() _mm256_setzero_ps()
#define MV_SET1(v) _mm256_set1_ps(v)
#define MV_LOAD(p) _mm256_load_ps(p)
#define MV_STORE(p, v) _mm256_store_ps(p, v)
#define MV_ADD(a, b) _mm256_add_ps(a, b)
#define MV_MUL(a, b) _mm256_mul_ps(a, b)
#define MV_FIRST(v) _mm256_cvtss_f32(v)
#include "bench_memory_template.h"
#undef MEM
#undef MV
#undef W
#undef MV_ZERO
#undef MV_SET1
#undef MV_LOAD
#undef MV_STORE
#undef MV_ADD
#undef MV_MUL
#undef MV_FIRST
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx512f")
#define MEM(name) mem_##name##_avx512
#define MV __m512
#define W 16
#define MV_ZERO() _mm512_setzero_ps()
#define MV_SET1(v) _mm512_set1_ps(v)
#define MV_LOAD(p) _mm512_load_ps(p)
#define MV_STORE(p, v) _mm512_store_ps(p, v)
#define MV_ADD(a, b) _mm512_add_ps(a, b)
#define MV_MUL(a, b) _mm512_mul_ps(a, b)
#define MV_FIRST(v) _mm512_cvtss_f32(v)
#include "bench_memory_template.h"
#pragma GCC pop_options

smx_row_kernel smx_memory_kernel(smx_mem_pattern pattern, smx_isa isa) {
  switch (isa) {
    case SMX_ISA_AVX2: return mem_kernels_avx2[pattern];
    case SMX_ISA_AVX512: return mem_kernels_avx512[pattern];
    default: return NULL;
  }
}
#else
smx_row_kernel smx_memory_kernel(smx_mem_pattern pattern, smx_isa isa) {
  (void)pattern;
  (void)isa;
  return NULL;
}
#endif
