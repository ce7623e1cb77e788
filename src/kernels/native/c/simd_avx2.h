/* The vector vocabulary the kernel templates are written in, for AVX2 + FMA:
 * vf = 8 x f32, vd = 4 x f64. Tails use VMASKMOV loads and stores, which do not access
 * (nor fault on) masked-off elements, so a kernel touches exactly x[0..n) and y[0..n). */
#ifndef SMX_SIMD_AVX2_H
#define SMX_SIMD_AVX2_H

#include <immintrin.h>
#include <math.h>
#include <stdint.h>

#include "constants.h"
#include "kernel_table.h"

/* The avx2 rows of the spec table (generated kernel_table.h): lanes per vector of each
 * recipe's arithmetic type and the loop shapes kernel_paper.h and kernel_accurate.h use. */
#define VF_W SMX_AVX2_PAPER_VECTOR
#define VD_W SMX_AVX2_ACCURATE_VECTOR
#define PAPER_UNROLL SMX_AVX2_PAPER_UNROLL
#define PAPER_ACCUMULATORS SMX_AVX2_PAPER_ACCUMULATORS
#define PAPER_TILE SMX_AVX2_PAPER_TILE
#define ACCURATE_UNROLL SMX_AVX2_ACCURATE_UNROLL
#define ACCURATE_ACCUMULATORS SMX_AVX2_ACCURATE_ACCUMULATORS
#define ACCURATE_TILE SMX_AVX2_ACCURATE_TILE

typedef __m256 vf;
typedef __m256 vf_flags;
typedef __m256d vd;

_Static_assert(sizeof(vf) == VF_W * sizeof(float), "spec table: avx2 paper vector must be the 8 float32 lanes of __m256");
_Static_assert(sizeof(vd) == VD_W * sizeof(double), "spec table: avx2 accurate vector must be the 4 binary64 lanes of __m256d");

/* Loading VF_W int32 from &LANE_MASKS[VF_W - count] gives all-ones in the first `count` lanes. */
static const int32_t LANE_MASKS[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

/* ---- f32 ---- */
static inline vf vf_bits(uint32_t b) { return _mm256_castsi256_ps(_mm256_set1_epi32((int)b)); }
static inline vf vf_set1(float v) { return _mm256_set1_ps(v); }
static inline vf vf_zero(void) { return _mm256_setzero_ps(); }
static inline vf vf_load(const float *p) { return _mm256_loadu_ps(p); }
/* count in 0..VF_W elements; the other lanes read as -inf, an identity of every lane state. */
static inline vf vf_load_part(const float *p, size_t count) {
  const __m256i m = _mm256_loadu_si256((const __m256i *)&LANE_MASKS[VF_W - count]);
  return _mm256_blendv_ps(_mm256_set1_ps(-INFINITY), _mm256_maskload_ps(p, m), _mm256_castsi256_ps(m));
}
static inline void vf_store(float *p, vf v) { _mm256_storeu_ps(p, v); }
static inline void vf_store_part(float *p, vf v, size_t count) {
  _mm256_maskstore_ps(p, _mm256_loadu_si256((const __m256i *)&LANE_MASKS[VF_W - count]), v);
}
static inline vf vf_add(vf a, vf b) { return _mm256_add_ps(a, b); }
static inline vf vf_sub(vf a, vf b) { return _mm256_sub_ps(a, b); }
static inline vf vf_mul(vf a, vf b) { return _mm256_mul_ps(a, b); }
static inline vf vf_fmadd(vf a, vf b, vf c) { return _mm256_fmadd_ps(a, b, c); }
/* Returns b when either is NaN (MAXPS); callers put the running state second. */
static inline vf vf_max(vf a, vf b) { return _mm256_max_ps(a, b); }
static inline vf vf_min(vf a, vf b) { return _mm256_min_ps(a, b); }
static inline vf vf_round(vf v) { return _mm256_round_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
static inline vf vf_shl23(vf v) { return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(v), 23)); }
static inline vf vf_keep_ge(vf v, vf a, vf b) { return _mm256_and_ps(_mm256_cmp_ps(a, b, _CMP_GE_OQ), v); }
static inline vf vf_keep_ne(vf v, vf a, vf b) { return _mm256_and_ps(_mm256_cmp_ps(a, b, _CMP_NEQ_OQ), v); }
static inline vf_flags vf_poison(vf v) { return _mm256_cmp_ps(v, _mm256_set1_ps(INFINITY), _CMP_NLT_UQ); }
static inline vf_flags vf_flags_none(void) { return _mm256_setzero_ps(); }
static inline vf_flags vf_flags_or(vf_flags a, vf_flags b) { return _mm256_or_ps(a, b); }
static inline int vf_flags_any(vf_flags f) { return _mm256_movemask_ps(f) != 0; }
/* Whether a > b in any lane (ordered: NaN never counts). */
static inline int vf_any_gt(vf a, vf b) { return _mm256_movemask_ps(_mm256_cmp_ps(a, b, _CMP_GT_OQ)) != 0; }
static inline vf vf_fold(vf v, int step) {
  const __m256i idx = _mm256_and_si256(_mm256_add_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(step)),
                                       _mm256_set1_epi32(VF_W - 1));
  return _mm256_permutevar8x32_ps(v, idx);
}
static inline float vf_first(vf v) { return _mm256_cvtss_f32(v); }
/* m * 2^d for integer-valued d <= 0, with 2^d built from bits as XNNPACK's AVX2 extexp kernels:
 * d is clamped to -127, where the magic-bias construction gives exactly +0, so scales below
 * 2^-126 are 0 (outputs below 2^-126 may be flushed) and -inf or huge negative d cannot wrap. */
static inline vf vf_scale_pow2(vf m, vf d) {
  const vf clamped = vf_max(d, vf_set1(-127.0f));
  return vf_mul(m, vf_shl23(vf_add(clamped, vf_bits(SMX_PAPER_MAGIC_BIAS))));
}

/* ---- f64 ---- */
static inline vd vd_bits(uint64_t b) { return _mm256_castsi256_pd(_mm256_set1_epi64x((long long)b)); }
static inline vd vd_set1(double v) { return _mm256_set1_pd(v); }
static inline vd vd_zero(void) { return _mm256_setzero_pd(); }
static inline vd vd_neg_inf(void) { return _mm256_set1_pd(-INFINITY); }
static inline __m128i vd_first_lanes(size_t count) { return _mm_loadu_si128((const __m128i *)&LANE_MASKS[8 - count]); }
static inline vd vd_load_f32(const float *p) { return _mm256_cvtps_pd(_mm_loadu_ps(p)); }
/* count in 1..VD_W; the other lanes read as -inf. */
static inline vd vd_load_f32_part(const float *p, size_t count) {
  const __m128i m = vd_first_lanes(count);
  return _mm256_cvtps_pd(_mm_blendv_ps(_mm_set1_ps(-INFINITY), _mm_maskload_ps(p, m), _mm_castsi128_ps(m)));
}
static inline void vd_store_f32(float *p, vd v) { _mm_storeu_ps(p, _mm256_cvtpd_ps(v)); }
static inline void vd_store_f32_part(float *p, vd v, size_t count) {
  _mm_maskstore_ps(p, vd_first_lanes(count), _mm256_cvtpd_ps(v));
}
static inline vd vd_add(vd a, vd b) { return _mm256_add_pd(a, b); }
static inline vd vd_sub(vd a, vd b) { return _mm256_sub_pd(a, b); }
static inline vd vd_mul(vd a, vd b) { return _mm256_mul_pd(a, b); }
static inline vd vd_max(vd a, vd b) { return _mm256_max_pd(a, b); }
static inline int vd_any_gt(vd a, vd b) { return _mm256_movemask_pd(_mm256_cmp_pd(a, b, _CMP_GT_OQ)) != 0; }
static inline vd vd_round(vd v) { return _mm256_round_pd(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
static inline vd vd_floor(vd v) { return _mm256_round_pd(v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
/* table[bits(v) mod 16], exact: VGATHERQPD loads the entries themselves, indexed by the low
 * 4 bits of each lane. */
static inline vd vd_lookup16_low_bits(const double table[16], vd v) {
  return _mm256_i64gather_pd(table, _mm256_and_si256(_mm256_castpd_si256(v), _mm256_set1_epi64x(15)), 8);
}
/* 64-bit integer lanes: bits(v) >> SMX_ACC_EXP2_INDEX_BITS (logical) and bits(a) + bits(b), mod 2^64. */
static inline vd vd_shr_index_bits(vd v) { return _mm256_castsi256_pd(_mm256_srli_epi64(_mm256_castpd_si256(v), SMX_ACC_EXP2_INDEX_BITS)); }
static inline vd vd_add_i64(vd a, vd b) { return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(a), _mm256_castpd_si256(b))); }
static inline vd vd_keep_abs_lt(vd v, vd a, vd limit) {
  const vd abs = _mm256_andnot_pd(_mm256_set1_pd(-0.0), a);
  return _mm256_and_pd(_mm256_cmp_pd(abs, limit, _CMP_LT_OQ), v);
}
static inline vd vd_shl52(vd v) { return _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(v), 52)); }
/* Only steps 2 and 1 occur (the 16-lane tree folds whole vectors first). */
static inline vd vd_fold(vd v, int step) {
  return step == 2 ? _mm256_permute4x64_pd(v, _MM_SHUFFLE(3, 2, 3, 2)) : _mm256_permute_pd(v, 0xF);
}
static inline double vd_first(vd v) { return _mm256_cvtsd_f64(v); }

#endif
