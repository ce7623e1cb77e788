/* Template (included after a simd_*.h): the accurate recipe, a port of the golden models in
 * src/kernels/scalar/accurate.ts that must match them bit for bit (docs/recipes.md).
 *
 * binary64, no FMA (every file is compiled with -ffp-contract=off, so no mul+add pair is
 * fused), RNE rounding of x*16/ln2 by VROUNDPD/VRNDSCALEPD/FRINTN. The 16 logical lanes are
 * ACC_K = 16 / VD_W vectors: element i goes to lane i mod 16 because blocks of 16 start
 * at multiples of 16 and vector k of a block holds lanes k*VD_W .. k*VD_W + VD_W - 1. The
 * last partial block is padded with -inf, an exact identity of every lane state. VD_W and
 * ACC_K are the ISA's rows of the spec table (simd_<isa>.h, from the generated
 * kernel_table.h); the 16 lanes are the recipe's (SMX_ACCURATE_LANES, src/constants.ts). */
#ifndef SMX_KERNEL_ACCURATE_H
#define SMX_KERNEL_ACCURATE_H

#include "constants.h"
#include "kernel_scan.h"

#define ACC_L SMX_ACCURATE_LANES
#define ACC_K ACCURATE_UNROLL

_Static_assert(ACC_K * VD_W == ACC_L && ACCURATE_TILE == ACC_L, "spec table: an accurate step is one block of the recipe's logical lanes");
_Static_assert(ACCURATE_ACCUMULATORS == ACC_K, "spec table: the accurate template keeps one lane-state vector per vector of a block");
#define AK(name) vd_bits(SMX_ACC_##name)

/* Block of ACC_L elements from x (count valid, 1..ACC_L), widened to f64; missing ones are -inf.
 * Vectors wholly past the end are not loaded at all. */
static inline void load_block(const float *x, size_t count, vd v[ACC_K]) {
  for (size_t k = 0; k < ACC_K; k++) {
    const size_t at = k * VD_W;
    if (count >= at + VD_W) v[k] = vd_load_f32(x + at);
    else if (count > at) v[k] = vd_load_f32_part(x + at, count - at);
    else v[k] = vd_neg_inf();
  }
}

/* Rounds each lane to float32 once and stores the first count (1..ACC_L) of them. */
static inline void store_block(float *y, size_t count, const vd v[ACC_K]) {
  for (size_t k = 0; k < ACC_K; k++) {
    const size_t at = k * VD_W;
    if (count >= at + VD_W) vd_store_f32(y + at, v[k]);
    else if (count > at) vd_store_f32_part(y + at, v[k], count - at);
  }
}

static inline size_t block(size_t n, size_t i) { return n - i < ACC_L ? n - i : ACC_L; }

/* T[j] = 2^(j/16) (src/constants.ts ACCURATE_EXP2_TABLE_BITS), read as doubles; aligned so
 * that a vector ISA may load it whole into registers. */
_Static_assert(SMX_ACC_EXP2_TABLE_SIZE == 16 && (1 << SMX_ACC_EXP2_INDEX_BITS) == SMX_ACC_EXP2_TABLE_SIZE,
               "the lookups of simd_<isa>.h index a 16-entry table");
static const union {
  uint64_t bits[SMX_ACC_EXP2_TABLE_SIZE];
  double v[SMX_ACC_EXP2_TABLE_SIZE];
} ACC_EXP2_TABLE __attribute__((aligned(64))) = {SMX_ACC_EXP2_TABLE};

/* Taylor degree 4 by Horner (extExpD's p). */
static inline vd taylor4_d(vd t) {
  vd p = vd_add(vd_mul(AK(C4), t), AK(C3));
  p = vd_add(vd_mul(p, t), AK(C2));
  p = vd_add(vd_mul(p, t), AK(C1));
  return vd_add(vd_mul(p, t), AK(C0));
}

/* extexp (golden extExpD): exp(x) = m * 2^n with k = roundEven(x 16/ln2), n = floor(k/16),
 * m = T[j] * p4(t), t the two-step Cody-Waite x - k ln2/16. j = k - 16 n is read as the low
 * 4 bits of k + ROUND_SHIFT (2^51 + k in the low mantissa bits; exact for |k| < 2^51, and
 * 2^51 = 0 mod 16). t and that index are +0 for |x| >= 2^31, -inf and NaN (the
 * REDUCTION_LIMIT select): index bits 0 read T[0] = 1, so m = 1 there. */
static inline vd extexp_d(vd x, vd *n_out) {
  const vd k = vd_round(vd_mul(x, AK(LOG2E_16)));
  const vd index = vd_keep_abs_lt(vd_add(k, AK(ROUND_SHIFT)), x, AK(REDUCTION_LIMIT));
  const vd t = vd_keep_abs_lt(vd_sub(vd_sub(x, vd_mul(k, AK(LN2_16_HI))), vd_mul(k, AK(LN2_16_LO))), x, AK(REDUCTION_LIMIT));
  *n_out = vd_floor(vd_mul(k, AK(INV_TABLE_SIZE)));
  return vd_mul(vd_lookup16_low_bits(ACC_EXP2_TABLE.v, index), taylor4_d(t));
}

/* 2^k for integer-valued k <= 0: k + 1023 in the low mantissa bits of max(k, -1023) + 2^52 + 1023,
 * shifted into the exponent field; k <= -1023 (and -inf) gives +0 (pow2Clamped). */
static inline vd pow2_d(vd k) { return vd_shl52(vd_add(vd_max(k, AK(POW2_MIN_EXPONENT)), AK(POW2_MAGIC))); }

/* exp(d) for d <= 0 or -inf (expMinusD), by the exact shortcut docs/recipes.md allows: after
 * d' = max(d, -708.5) (which changes no result), |d' 16/ln2| < 2^15, so adding ROUND_SHIFT
 * rounds it to k (ties to even) with 2^51 + k in the low mantissa bits: the table index is
 * their low 4 bits, and n + 1023 = (bits >> 4) + 1023 modulo 2^12, in [0, 1023] because
 * d' <= 0 and n >= -1023, so shifting it into the exponent field is pow2(n) (+0 for
 * n = -1023). Every |d'| < 2^31, so the REDUCTION_LIMIT select never applies. */
static inline vd expm_d(vd d) {
  const vd dc = vd_max(d, AK(EXPM_MIN_ARG));
  const vd shifted = vd_add(vd_mul(dc, AK(LOG2E_16)), AK(ROUND_SHIFT));
  const vd k = vd_sub(shifted, AK(ROUND_SHIFT));
  const vd t = vd_sub(vd_sub(dc, vd_mul(k, AK(LN2_16_HI))), vd_mul(k, AK(LN2_16_LO)));
  const vd m = vd_mul(vd_lookup16_low_bits(ACC_EXP2_TABLE.v, shifted), taylor4_d(t));
  return vd_mul(m, vd_shl52(vd_add_i64(vd_shr_index_bits(shifted), AK(EXPONENT_BIAS))));
}

/* The pairwise tree w = 8, 4, 2, 1 (lane j = combine(lane j, lane j + w)): whole vectors while
 * w >= VD_W, then in-register folds of vector 0. COMBINE(dst_state, src_state) is a statement. */
#define ACC_TREE(COMBINE_VECTORS, COMBINE_FOLD)                                          \
  do {                                                                                   \
    for (size_t w = ACC_L / 2; w >= VD_W; w /= 2)                                        \
      for (size_t k = 0; k < w / VD_W; k++) COMBINE_VECTORS(k, k + w / VD_W);            \
    for (int w = VD_W / 2; w >= 1; w /= 2) COMBINE_FOLD(w);                              \
  } while (0)

static double tree_sum(vd s[ACC_K]) {
#define SUM_VECTORS(a, b) s[a] = vd_add(s[a], s[b])
#define SUM_FOLD(w) s[0] = vd_add(s[0], vd_fold(s[0], w))
  ACC_TREE(SUM_VECTORS, SUM_FOLD);
#undef SUM_VECTORS
#undef SUM_FOLD
  return vd_first(s[0]);
}

/* Pass 2 of both Three-Pass kernels: lane sums of expm(x_i - mu); with store, y_i = f32(expm(x_i - mu)). */
static double lane_sum_of_exp(const float *x, float *store, size_t n, vd mu) {
  vd s[ACC_K], v[ACC_K];
  for (size_t k = 0; k < ACC_K; k++) s[k] = vd_zero();
  for (size_t i = 0; i < n; i += ACC_L) {
    smx_prefetch_ahead(x + i, x + n);
    load_block(x + i, block(n, i), v);
    for (size_t k = 0; k < ACC_K; k++) {
      v[k] = expm_d(vd_sub(v[k], mu));
      s[k] = vd_add(s[k], v[k]);
    }
    if (store) store_block(store + i, block(n, i), v);
  }
  return tree_sum(s);
}

static void three_pass_recompute_accurate(const float *x, float *y, size_t n) {
  const smx_row_scan scan = scan_row(x, n);
  if (scan.kind != SMX_ROW_ORDINARY) {
    smx_write_special_row(y, n, scan.kind, 1);
    return;
  }
  const vd mu = vd_set1((double)scan.max);
  const vd r = vd_set1(1.0 / lane_sum_of_exp(x, NULL, n, mu));
  vd v[ACC_K];
  for (size_t i = 0; i < n; i += ACC_L) {
    smx_prefetch_ahead(x + i, x + n);
    load_block(x + i, block(n, i), v);
    for (size_t k = 0; k < ACC_K; k++) v[k] = vd_mul(expm_d(vd_sub(v[k], mu)), r);
    store_block(y + i, block(n, i), v);
  }
}

static void three_pass_reload_accurate(const float *x, float *y, size_t n) {
  const smx_row_scan scan = scan_row(x, n);
  if (scan.kind != SMX_ROW_ORDINARY) {
    smx_write_special_row(y, n, scan.kind, 1);
    return;
  }
  const vd r = vd_set1(1.0 / lane_sum_of_exp(x, y, n, vd_set1((double)scan.max)));
  vd v[ACC_K];
  for (size_t i = 0; i < n; i += ACC_L) {
    smx_prefetch_ahead(y + i, y + n);
    load_block(y + i, block(n, i), v);
    for (size_t k = 0; k < ACC_K; k++) v[k] = vd_mul(v[k], r);
    store_block(y + i, block(n, i), v);
  }
}

/* Two-Pass pair merge (mergePair): (m, n) = (m 2^(n - n') + mb 2^(nb - n'), n'), n' = max(n, nb). */
static inline void merge_pair_d(vd *m, vd *n, vd mb, vd nb) {
  const vd nn = vd_max(*n, nb);
  *m = vd_add(vd_mul(*m, pow2_d(vd_sub(*n, nn))), vd_mul(mb, pow2_d(vd_sub(nb, nn))));
  *n = nn;
}

static void two_pass_accurate(const float *x, float *y, size_t n) {
  const smx_row_scan scan = scan_row(x, n);
  if (scan.kind != SMX_ROW_ORDINARY) {
    smx_write_special_row(y, n, scan.kind, 1);
    return;
  }
  vd m[ACC_K], e[ACC_K], v[ACC_K];
  for (size_t k = 0; k < ACC_K; k++) {
    m[k] = vd_zero();
    e[k] = AK(EMPTY_LANE);
  }
  for (size_t i = 0; i < n; i += ACC_L) {
    smx_prefetch_ahead(x + i, x + n);
    load_block(x + i, block(n, i), v);
    for (size_t k = 0; k < ACC_K; k++) {
      vd ni;
      const vd mi = extexp_d(v[k], &ni);
      merge_pair_d(&m[k], &e[k], mi, ni);
    }
  }
#define PAIR_VECTORS(a, b) merge_pair_d(&m[a], &e[a], m[b], e[b])
#define PAIR_FOLD(w) merge_pair_d(&m[0], &e[0], vd_fold(m[0], w), vd_fold(e[0], w))
  ACC_TREE(PAIR_VECTORS, PAIR_FOLD);
#undef PAIR_VECTORS
#undef PAIR_FOLD
  const vd r = vd_set1(1.0 / vd_first(m[0]));
  const vd ns = vd_set1(vd_first(e[0]));
  for (size_t i = 0; i < n; i += ACC_L) {
    smx_prefetch_ahead(x + i, x + n);
    load_block(x + i, block(n, i), v);
    for (size_t k = 0; k < ACC_K; k++) {
      vd ni;
      const vd mi = extexp_d(v[k], &ni);
      v[k] = vd_mul(vd_mul(mi, r), pow2_d(vd_sub(ni, ns)));
    }
    store_block(y + i, block(n, i), v);
  }
}

/* Online state merge (mergeOnline): (mu', d expm(mu - mu') + db expm(mub - mu')), mu' = max(mu, mub). */
static inline void merge_online_d(vd *mu, vd *d, vd mub, vd db) {
  const vd mm = vd_max(*mu, mub);
  *d = vd_add(vd_mul(*d, expm_d(vd_sub(*mu, mm))), vd_mul(db, expm_d(vd_sub(mub, mm))));
  *mu = mm;
}

static void online_accurate(const float *x, float *y, size_t n) {
  const smx_row_scan scan = scan_row(x, n);
  if (scan.kind != SMX_ROW_ORDINARY) {
    smx_write_special_row(y, n, scan.kind, 1);
    return;
  }
  vd mu[ACC_K], d[ACC_K], v[ACC_K];
  for (size_t k = 0; k < ACC_K; k++) {
    mu[k] = AK(EMPTY_LANE);
    d[k] = vd_zero();
  }
  for (size_t i = 0; i < n; i += ACC_L) {
    smx_prefetch_ahead(x + i, x + n);
    load_block(x + i, block(n, i), v);
    for (size_t k = 0; k < ACC_K; k++) {
      /* merge_online_d with (x_i, 1): the multiply 1 * expm(...) is exact and skipped. Where no
       * lane's maximum grows, mu - mm is +-0 in every lane and expm_d(+-0) is exactly 1 (k = 0,
       * t = +-0, T[0] p(+-0) = 1, 2^0), so d * 1 = d: the rescaling expm is skipped then (the
       * same bits), one expm per element instead of two once the running maximum settles. */
      const vd mm = vd_max(mu[k], v[k]);
      const vd e = expm_d(vd_sub(v[k], mm));
      d[k] = vd_any_gt(v[k], mu[k]) ? vd_add(vd_mul(d[k], expm_d(vd_sub(mu[k], mm))), e) : vd_add(d[k], e);
      mu[k] = mm;
    }
  }
#define ONLINE_VECTORS(a, b) merge_online_d(&mu[a], &d[a], mu[b], d[b])
#define ONLINE_FOLD(w) merge_online_d(&mu[0], &d[0], vd_fold(mu[0], w), vd_fold(d[0], w))
  ACC_TREE(ONLINE_VECTORS, ONLINE_FOLD);
#undef ONLINE_VECTORS
#undef ONLINE_FOLD
  const vd r = vd_set1(1.0 / vd_first(d[0]));
  const vd ms = vd_set1(vd_first(mu[0]));
  for (size_t i = 0; i < n; i += ACC_L) {
    smx_prefetch_ahead(x + i, x + n);
    load_block(x + i, block(n, i), v);
    for (size_t k = 0; k < ACC_K; k++) v[k] = vd_mul(expm_d(vd_sub(v[k], ms)), r);
    store_block(y + i, block(n, i), v);
  }
}

#endif
