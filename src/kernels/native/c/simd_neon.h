/* The vector vocabulary the kernel templates are written in, for AArch64 Advanced SIMD (NEON,
 * base ARMv8-A): vf = 4 x f32, vd = 2 x f64, FMA by FMLA (vfmaq_f32).
 *
 * Every primitive has the exact semantics of its AVX2 / AVX-512 counterpart, including the
 * corner cases the templates rely on: FMAX/FMIN return NaN when either operand is NaN, but
 * MAXPS/MINPS return the second operand, so max/min are compare-and-select here. NEON has no
 * masked loads or stores, so tails go through a small stack buffer filled with -inf: a kernel
 * touches exactly x[0..n) and y[0..n). */
#ifndef SMX_SIMD_NEON_H
#define SMX_SIMD_NEON_H

#include <arm_neon.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "constants.h"
#include "kernel_table.h"

/* The neon rows of the spec table (generated kernel_table.h): lanes per vector of each
 * recipe's arithmetic type and the loop shapes kernel_paper.h and kernel_accurate.h use. */
#define VF_W SMX_NEON_PAPER_VECTOR
#define VD_W SMX_NEON_ACCURATE_VECTOR
#define PAPER_UNROLL SMX_NEON_PAPER_UNROLL
#define PAPER_ACCUMULATORS SMX_NEON_PAPER_ACCUMULATORS
#define PAPER_TILE SMX_NEON_PAPER_TILE
#define ACCURATE_UNROLL SMX_NEON_ACCURATE_UNROLL
#define ACCURATE_ACCUMULATORS SMX_NEON_ACCURATE_ACCUMULATORS
#define ACCURATE_TILE SMX_NEON_ACCURATE_TILE

typedef float32x4_t vf;
typedef uint32x4_t vf_flags;
typedef float64x2_t vd;

_Static_assert(sizeof(vf) == VF_W * sizeof(float), "spec table: neon paper vector must be the 4 float32 lanes of float32x4_t");
_Static_assert(sizeof(vd) == VD_W * sizeof(double), "spec table: neon accurate vector must be the 2 binary64 lanes of float64x2_t");

/* ---- f32 ---- */
static inline vf vf_bits(uint32_t b) { return vreinterpretq_f32_u32(vdupq_n_u32(b)); }
static inline vf vf_set1(float v) { return vdupq_n_f32(v); }
static inline vf vf_zero(void) { return vdupq_n_f32(0.0f); }
static inline vf vf_load(const float *p) { return vld1q_f32(p); }
/* count in 0..VF_W elements; the other lanes read as -inf, an identity of every lane state. */
static inline vf vf_load_part(const float *p, size_t count) {
  float buf[VF_W] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY};
  memcpy(buf, p, count * sizeof *p);
  return vld1q_f32(buf);
}
static inline void vf_store(float *p, vf v) { vst1q_f32(p, v); }
static inline void vf_store_part(float *p, vf v, size_t count) {
  float buf[VF_W];
  vst1q_f32(buf, v);
  memcpy(p, buf, count * sizeof *p);
}
static inline vf vf_add(vf a, vf b) { return vaddq_f32(a, b); }
static inline vf vf_sub(vf a, vf b) { return vsubq_f32(a, b); }
static inline vf vf_mul(vf a, vf b) { return vmulq_f32(a, b); }
/* a * b + c, one rounding (FMLA). */
static inline vf vf_fmadd(vf a, vf b, vf c) { return vfmaq_f32(c, a, b); }
/* As MAXPS: a where a > b, else b (so b when either is NaN); callers put the running state second. */
static inline vf vf_max(vf a, vf b) { return vbslq_f32(vcgtq_f32(a, b), a, b); }
/* As MINPS: a where a < b, else b. */
static inline vf vf_min(vf a, vf b) { return vbslq_f32(vcltq_f32(a, b), a, b); }
/* Round to nearest, ties to even (FRINTN), as _MM_FROUND_TO_NEAREST_INT. */
static inline vf vf_round(vf v) { return vrndnq_f32(v); }
static inline vf vf_shl23(vf v) { return vreinterpretq_f32_s32(vshlq_n_s32(vreinterpretq_s32_f32(v), 23)); }
/* v where a >= b, +0 elsewhere (also where a is NaN: FCMGE is false for unordered, as _CMP_GE_OQ). */
static inline vf vf_keep_ge(vf v, vf a, vf b) {
  return vreinterpretq_f32_u32(vandq_u32(vcgeq_f32(a, b), vreinterpretq_u32_f32(v)));
}
/* v where a != b and both are ordered (_CMP_NEQ_OQ: a < b or a > b), +0 elsewhere. */
static inline vf vf_keep_ne(vf v, vf a, vf b) {
  return vreinterpretq_f32_u32(vandq_u32(vorrq_u32(vcltq_f32(a, b), vcgtq_f32(a, b)), vreinterpretq_u32_f32(v)));
}
/* Lanes holding NaN or +inf (not v < +inf, as _CMP_NLT_UQ): the entries that poison a row. */
static inline vf_flags vf_poison(vf v) { return vmvnq_u32(vcltq_f32(v, vdupq_n_f32(INFINITY))); }
static inline vf_flags vf_flags_none(void) { return vdupq_n_u32(0); }
static inline vf_flags vf_flags_or(vf_flags a, vf_flags b) { return vorrq_u32(a, b); }
static inline int vf_flags_any(vf_flags f) { return vmaxvq_u32(f) != 0; }
/* Whether a > b in any lane (ordered: NaN never counts). */
static inline int vf_any_gt(vf a, vf b) { return vmaxvq_u32(vcgtq_f32(a, b)) != 0; }
/* Lane j gets lane (j + step) mod VF_W. EXT takes an immediate, so each step the templates
 * use (VF_W/2 .. 1) is spelled out. */
static inline vf vf_fold(vf v, int step) { return step == 2 ? vextq_f32(v, v, 2) : vextq_f32(v, v, 1); }
static inline float vf_first(vf v) { return vgetq_lane_f32(v, 0); }
/* m * 2^d for integer-valued d <= 0, with 2^d built from bits as on AVX2 (no scalef in NEON):
 * d is clamped to -127, where the magic-bias construction gives exactly +0, so scales below
 * 2^-126 are 0 (outputs below 2^-126 may be flushed) and -inf or huge negative d cannot wrap. */
static inline vf vf_scale_pow2(vf m, vf d) {
  const vf clamped = vf_max(d, vf_set1(-127.0f));
  return vf_mul(m, vf_shl23(vf_add(clamped, vf_bits(SMX_PAPER_MAGIC_BIAS))));
}

/* ---- f64 ---- */
static inline vd vd_bits(uint64_t b) { return vreinterpretq_f64_u64(vdupq_n_u64(b)); }
static inline vd vd_set1(double v) { return vdupq_n_f64(v); }
static inline vd vd_zero(void) { return vdupq_n_f64(0.0); }
static inline vd vd_neg_inf(void) { return vdupq_n_f64(-INFINITY); }
/* VD_W floats widened exactly to f64 (FCVTL). */
static inline vd vd_load_f32(const float *p) { return vcvt_f64_f32(vld1_f32(p)); }
/* count in 1..VD_W; the other lanes read as -inf. */
static inline vd vd_load_f32_part(const float *p, size_t count) {
  float buf[VD_W] = {-INFINITY, -INFINITY};
  memcpy(buf, p, count * sizeof *p);
  return vcvt_f64_f32(vld1_f32(buf));
}
/* Rounded to float32 once (FCVTN: RNE, subnormals produced, as Linux leaves FPCR.FZ clear). */
static inline void vd_store_f32(float *p, vd v) { vst1_f32(p, vcvt_f32_f64(v)); }
static inline void vd_store_f32_part(float *p, vd v, size_t count) {
  float buf[VD_W];
  vst1_f32(buf, vcvt_f32_f64(v));
  memcpy(p, buf, count * sizeof *p);
}
static inline vd vd_add(vd a, vd b) { return vaddq_f64(a, b); }
static inline vd vd_sub(vd a, vd b) { return vsubq_f64(a, b); }
static inline vd vd_mul(vd a, vd b) { return vmulq_f64(a, b); }
/* As MAXPD: a where a > b, else b. */
static inline vd vd_max(vd a, vd b) { return vbslq_f64(vcgtq_f64(a, b), a, b); }
static inline int vd_any_gt(vd a, vd b) { return vmaxvq_u32(vreinterpretq_u32_u64(vcgtq_f64(a, b))) != 0; }
static inline vd vd_round(vd v) { return vrndnq_f64(v); }
/* Round toward -inf (FRINTM), as _MM_FROUND_TO_NEG_INF. */
static inline vd vd_floor(vd v) { return vrndmq_f64(v); }
/* table[bits(v) mod 16], exact: NEON has no gather, so the low 4 bits of each lane are moved
 * out and index one load each. */
static inline vd vd_lookup16_low_bits(const double table[16], vd v) {
  const uint64x2_t i = vandq_u64(vreinterpretq_u64_f64(v), vdupq_n_u64(15));
  return vcombine_f64(vld1_f64(table + vgetq_lane_u64(i, 0)), vld1_f64(table + vgetq_lane_u64(i, 1)));
}
/* 64-bit integer lanes: bits(v) >> SMX_ACC_EXP2_INDEX_BITS (logical) and bits(a) + bits(b), mod 2^64. */
static inline vd vd_shr_index_bits(vd v) { return vreinterpretq_f64_u64(vshrq_n_u64(vreinterpretq_u64_f64(v), SMX_ACC_EXP2_INDEX_BITS)); }
static inline vd vd_add_i64(vd a, vd b) { return vreinterpretq_f64_u64(vaddq_u64(vreinterpretq_u64_f64(a), vreinterpretq_u64_f64(b))); }
/* v where |a| < limit (ordered), +0 elsewhere. */
static inline vd vd_keep_abs_lt(vd v, vd a, vd limit) {
  return vreinterpretq_f64_u64(vandq_u64(vcltq_f64(vabsq_f64(a), limit), vreinterpretq_u64_f64(v)));
}
static inline vd vd_shl52(vd v) { return vreinterpretq_f64_s64(vshlq_n_s64(vreinterpretq_s64_f64(v), 52)); }
/* Lane 0 gets lane 1: the only in-register step of the 16-lane tree with VD_W = 2. */
static inline vd vd_fold(vd v, int step) {
  (void)step;
  return vextq_f64(v, v, 1);
}
static inline double vd_first(vd v) { return vgetq_lane_f64(v, 0); }

#endif
