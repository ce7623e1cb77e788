/* The vector vocabulary the kernel templates are written in, for AVX-512 (F, DQ, BW, VL):
 * vf = 16 x f32, vd = 8 x f64. Tails use masked loads and stores, which never access the
 * masked-off elements, so a kernel touches exactly x[0..n) and y[0..n). */
#ifndef SMX_SIMD_AVX512_H
#define SMX_SIMD_AVX512_H

#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "constants.h"
#include "kernel_table.h"

/* The avx512 rows of the spec table (generated kernel_table.h): lanes per vector of each
 * recipe's arithmetic type and the loop shapes kernel_paper.h and kernel_accurate.h use. */
#define VF_W SMX_AVX512_PAPER_VECTOR
#define VD_W SMX_AVX512_ACCURATE_VECTOR
#define PAPER_UNROLL SMX_AVX512_PAPER_UNROLL
#define PAPER_ACCUMULATORS SMX_AVX512_PAPER_ACCUMULATORS
#define PAPER_TILE SMX_AVX512_PAPER_TILE
#define ACCURATE_UNROLL SMX_AVX512_ACCURATE_UNROLL
#define ACCURATE_ACCUMULATORS SMX_AVX512_ACCURATE_ACCUMULATORS
#define ACCURATE_TILE SMX_AVX512_ACCURATE_TILE

typedef __m512 vf;
typedef __mmask16 vf_flags;
typedef __m512d vd;

_Static_assert(sizeof(vf) == VF_W * sizeof(float), "spec table: avx512 paper vector must be the 16 float32 lanes of __m512");
_Static_assert(sizeof(vd) == VD_W * sizeof(double), "spec table: avx512 accurate vector must be the 8 binary64 lanes of __m512d");

/* ---- f32 ---- */
static inline vf vf_bits(uint32_t b) { return _mm512_castsi512_ps(_mm512_set1_epi32((int)b)); }
static inline vf vf_set1(float v) { return _mm512_set1_ps(v); }
static inline vf vf_zero(void) { return _mm512_setzero_ps(); }
static inline __mmask16 vf_first_lanes(size_t count) { return (__mmask16)((1u << count) - 1u); }
static inline vf vf_load(const float *p) { return _mm512_loadu_ps(p); }
/* count in 0..VF_W elements; the other lanes read as -inf, an identity of every lane state. */
static inline vf vf_load_part(const float *p, size_t count) {
  return _mm512_mask_loadu_ps(_mm512_set1_ps(-INFINITY), vf_first_lanes(count), p);
}
static inline void vf_store(float *p, vf v) { _mm512_storeu_ps(p, v); }
static inline void vf_store_part(float *p, vf v, size_t count) { _mm512_mask_storeu_ps(p, vf_first_lanes(count), v); }
static inline vf vf_add(vf a, vf b) { return _mm512_add_ps(a, b); }
static inline vf vf_sub(vf a, vf b) { return _mm512_sub_ps(a, b); }
static inline vf vf_mul(vf a, vf b) { return _mm512_mul_ps(a, b); }
static inline vf vf_fmadd(vf a, vf b, vf c) { return _mm512_fmadd_ps(a, b, c); }
/* Returns b when either is NaN (MAXPS); callers put the running state second. */
static inline vf vf_max(vf a, vf b) { return _mm512_max_ps(a, b); }
static inline vf vf_min(vf a, vf b) { return _mm512_min_ps(a, b); }
static inline vf vf_round(vf v) { return _mm512_roundscale_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
static inline vf vf_shl23(vf v) { return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_castps_si512(v), 23)); }
/* v where a >= b, +0 elsewhere (also where a is NaN). */
static inline vf vf_keep_ge(vf v, vf a, vf b) { return _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(a, b, _CMP_GE_OQ), v); }
/* v where a != b, +0 where a == b. */
static inline vf vf_keep_ne(vf v, vf a, vf b) { return _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(a, b, _CMP_NEQ_OQ), v); }
/* Lanes holding NaN or +inf: the entries that poison a row. */
static inline vf_flags vf_poison(vf v) { return _mm512_cmp_ps_mask(v, _mm512_set1_ps(INFINITY), _CMP_NLT_UQ); }
static inline vf_flags vf_flags_none(void) { return 0; }
static inline vf_flags vf_flags_or(vf_flags a, vf_flags b) { return a | b; }
static inline int vf_flags_any(vf_flags f) { return f != 0; }
/* Whether a > b in any lane (ordered: NaN never counts). */
static inline int vf_any_gt(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ) != 0; }
/* max(|a|, |b|) with the sign cleared (VRANGEPS). Where a is a quiet NaN it returns b, as MAXPS
 * with the running value second does (were it NaN instead, the caller's "<= limit" test would fail
 * and send the row down its guarded path: the same bits either way). */
#define SMX_HAVE_ABS_MAX 1
static inline vf vf_abs_max(vf a, vf b) { return _mm512_range_ps(a, b, 0x0B); }
/* Two-Pass's clean lanes (kernel_paper.h): bit j stays set while lane j has seen no NaN and no
 * +inf; one masked compare per vector (KORW and friends would cost a mask move and an OR). */
#define SMX_HAVE_CLEAN_LANES 1
typedef __mmask16 vf_clean;
static inline vf_clean vf_clean_init(void) { return (__mmask16)0xFFFF; }
static inline vf_clean vf_clean_add(vf_clean c, vf v) { return _mm512_mask_cmp_ps_mask(c, v, _mm512_set1_ps(INFINITY), _CMP_LT_OQ); }
static inline int vf_clean_all(vf_clean c) { return c == (__mmask16)0xFFFF; }
/* Lane j < step gets lane j + step: one level of an in-register reduction tree. */
static inline vf vf_fold(vf v, int step) {
  const __m512i idx = _mm512_and_si512(
      _mm512_add_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), _mm512_set1_epi32(step)),
      _mm512_set1_epi32(VF_W - 1));
  return _mm512_permutexvar_ps(idx, v);
}
static inline float vf_first(vf v) { return _mm512_cvtss_f32(v); }
/* m * 2^d for integer-valued d <= 0 and m >= +0, one rounding, subnormals produced (VSCALEFPS).
 * VSCALEFPS takes a microcode assist on Intel cores (tens of cycles) for every lane whose result
 * underflows or is subnormal, and with denormals on (Node never sets FTZ/DAZ) most terms of a
 * wide row underflow. So lanes whose result is certainly +0 are zeroed by the mask and never
 * scaled: with e = floor(log2 m) (VGETEXPPS), m < 2^(e+1), so e + d <= -151 gives
 * m 2^d < 2^-150, half the smallest subnormal, which rounds to +0 (m = +0 has e = -inf).
 * Unordered lanes (NaN, -inf + inf) are scaled as before, so every output keeps its bits;
 * only outputs within a binade of the subnormal range still reach VSCALEFPS's assist. */
static inline vf vf_scale_pow2(vf m, vf d) {
  const __mmask16 live = _mm512_cmp_ps_mask(_mm512_add_ps(_mm512_getexp_ps(m), d), _mm512_set1_ps(-151.0f), _CMP_NLE_UQ);
  return _mm512_maskz_scalef_ps(live, m, d);
}
/* vf_scale_pow2 for a term of a Two-Pass merge (kernel_paper.h merge_ext), where one side always
 * has d = 0 and every m is +0 or in [2^-4, 2^64) (the bound is proved there): a term is +0 when
 * d <= -100, else m 2^d exactly. One compare on d decides, instead of VGETEXPPS + add + compare:
 * - a kept term has d >= -99, so m 2^d >= 2^-4 2^-99 = 2^-103: never subnormal, never an assist,
 *   and (as e + d >= -4 - 99 > -127) also kept by the exact rule "+0 iff m 2^d < 2^-126";
 * - a dropped term has m 2^d < 2^64 2^-100 = 2^-36, under half an ulp (>= 2^-28) of the other
 *   operand, which is >= 2^-4 (or +0 only when the term's d is 0 too), so the sum is the same.
 * d = -inf (an x = -inf term, whatever its m, NaN included) and NaN d give +0. */
#define SMX_HAVE_SCALE_POW2_TERM 1
#define SMX_SCALE_POW2_DROPS_MINUS_INF 1
static inline vf vf_scale_pow2_term(vf m, vf d) {
  return _mm512_maskz_scalef_ps(_mm512_cmp_ps_mask(d, _mm512_set1_ps(-100.0f), _CMP_GT_OQ), m, d);
}

/* Two-Pass pass 2 (kernel_paper.h two_pass_output): y = m 2^d with the bits of vf_scale_pow2 for
 * every w = m in [2^(e_r - 4), 2^(e_r + 4)] (w = fl(m_i r), m_i in [2^-4, 2^3), r in [2^e_r, 2^(e_r+1)))
 * and integer d <= 0, or d = -inf (any w, NaN included: +0). The bound on e = floor(log2 w) makes
 * a per-row threshold on d exact for most lanes: d > -127 - (e_r - 4) gives e + d >= -126, a normal
 * result VSCALEFPS computes exactly; d <= -151 - (e_r + 4) gives e + d <= -151, +0. Only a vector
 * with a lane between the two (about 32 values of d, the subnormal band and the spread of e) takes
 * the exact test of vf_scale_pow2. There, with FTZ clear, a subnormal result is formed without
 * VSCALEFPS's microcode assist: w 2^(d+149) is exact and normal (e + d + 149 in [-1, 22]), and
 * rounding it to an integer q in the current rounding mode, as VSCALEFPS rounds, gives q 2^-149,
 * whose bit pattern is q (q = 2^23 is 2^-126). With FTZ set, VSCALEFPS itself runs (it flushes). */
#define SMX_HAVE_SCALE_POW2_OUT 1
typedef struct {
  vf normal_above, live_above;
  int exact_subnormals;
} vf_out_scale;
static inline vf_out_scale vf_out_scale_init(float r) {
  uint32_t bits;
  memcpy(&bits, &r, sizeof bits);
  const int e_r = (int)((bits >> 23) & 0xFFu) - 127; /* r is normal and positive */
  const vf_out_scale c = {_mm512_set1_ps((float)(-127 - (e_r - 4))), _mm512_set1_ps((float)(-151 - (e_r + 4))),
                          (_mm_getcsr() & 0x8000u) == 0};
  return c;
}
static inline vf vf_scale_pow2_out_band(vf w, vf d, int exact_subnormals) {
  const vf ed = _mm512_add_ps(_mm512_getexp_ps(w), d);
  const __mmask16 live = _mm512_cmp_ps_mask(ed, _mm512_set1_ps(-151.0f), _CMP_GT_OQ);
  if (!exact_subnormals) return _mm512_maskz_scalef_ps(live, w, d);
  const __mmask16 normal = _mm512_cmp_ps_mask(ed, _mm512_set1_ps(-127.0f), _CMP_GT_OQ);
  const __mmask16 sub = _kandn_mask16(normal, live);
  const vf y = _mm512_maskz_scalef_ps(normal, w, d);
  const __m512i q = _mm512_cvtps_epi32(_mm512_maskz_scalef_ps(sub, w, _mm512_add_ps(d, _mm512_set1_ps(149.0f))));
  return _mm512_mask_mov_ps(y, sub, _mm512_castsi512_ps(q));
}
static inline vf vf_scale_pow2_out(vf w, vf d, const vf_out_scale *c) {
  const __mmask16 normal = _mm512_cmp_ps_mask(d, c->normal_above, _CMP_GT_OQ);
  const __mmask16 live = _mm512_cmp_ps_mask(d, c->live_above, _CMP_GT_OQ);
  if (__builtin_expect(_ktestc_mask16_u8(normal, live), 1)) return _mm512_maskz_scalef_ps(normal, w, d);
  return vf_scale_pow2_out_band(w, d, c->exact_subnormals);
}
#define SMX_HAVE_PREFETCH 1
static inline void vf_prefetch(const float *p) { _mm_prefetch((const char *)p, _MM_HINT_T0); }

/* ---- f64 ---- */
static inline vd vd_bits(uint64_t b) { return _mm512_castsi512_pd(_mm512_set1_epi64((long long)b)); }
static inline vd vd_set1(double v) { return _mm512_set1_pd(v); }
static inline vd vd_zero(void) { return _mm512_setzero_pd(); }
static inline vd vd_neg_inf(void) { return _mm512_set1_pd(-INFINITY); }
static inline __mmask8 vd_first_lanes(size_t count) { return (__mmask8)((1u << count) - 1u); }
/* VD_W floats widened exactly to f64. */
static inline vd vd_load_f32(const float *p) { return _mm512_cvtps_pd(_mm256_loadu_ps(p)); }
/* count in 1..VD_W; the other lanes read as -inf. */
static inline vd vd_load_f32_part(const float *p, size_t count) {
  return _mm512_cvtps_pd(_mm256_mask_loadu_ps(_mm256_set1_ps(-INFINITY), vd_first_lanes(count), p));
}
/* Rounded to float32 once (RNE, subnormals produced: Node never sets FTZ/DAZ). */
static inline void vd_store_f32(float *p, vd v) { _mm256_storeu_ps(p, _mm512_cvtpd_ps(v)); }
static inline void vd_store_f32_part(float *p, vd v, size_t count) {
  _mm256_mask_storeu_ps(p, vd_first_lanes(count), _mm512_cvtpd_ps(v));
}
static inline vd vd_add(vd a, vd b) { return _mm512_add_pd(a, b); }
static inline vd vd_sub(vd a, vd b) { return _mm512_sub_pd(a, b); }
static inline vd vd_mul(vd a, vd b) { return _mm512_mul_pd(a, b); }
static inline vd vd_max(vd a, vd b) { return _mm512_max_pd(a, b); }
static inline int vd_any_gt(vd a, vd b) { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ) != 0; }
static inline vd vd_round(vd v) { return _mm512_roundscale_pd(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
static inline vd vd_floor(vd v) { return _mm512_roundscale_pd(v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
/* table[bits(v) mod 16], exact: the table is two registers, and VPERMT2PD picks from both by
 * the low 4 bits of each 64-bit index and ignores the others, so no masking. */
static inline vd vd_lookup16_low_bits(const double table[16], vd v) {
  return _mm512_permutex2var_pd(_mm512_load_pd(table), _mm512_castpd_si512(v), _mm512_load_pd(table + 8));
}
/* 64-bit integer lanes: bits(v) >> SMX_ACC_EXP2_INDEX_BITS (logical) and bits(a) + bits(b), mod 2^64. */
static inline vd vd_shr_index_bits(vd v) { return _mm512_castsi512_pd(_mm512_srli_epi64(_mm512_castpd_si512(v), SMX_ACC_EXP2_INDEX_BITS)); }
static inline vd vd_add_i64(vd a, vd b) { return _mm512_castsi512_pd(_mm512_add_epi64(_mm512_castpd_si512(a), _mm512_castpd_si512(b))); }
/* v where |a| < limit, +0 elsewhere. */
static inline vd vd_keep_abs_lt(vd v, vd a, vd limit) {
  return _mm512_maskz_mov_pd(_mm512_cmp_pd_mask(_mm512_abs_pd(a), limit, _CMP_LT_OQ), v);
}
static inline vd vd_shl52(vd v) { return _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_castpd_si512(v), 52)); }
static inline vd vd_fold(vd v, int step) {
  const __m512i idx = _mm512_and_si512(_mm512_add_epi64(_mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7), _mm512_set1_epi64(step)),
                                       _mm512_set1_epi64(VD_W - 1));
  return _mm512_permutexvar_pd(idx, v);
}
static inline double vd_first(vd v) { return _mm512_cvtsd_f64(v); }

#endif
