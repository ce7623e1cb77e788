/* Template (included after a simd_*.h): the paper recipe (docs/recipes.md), float32
 * throughout with FMA, as the reference XNNPACK kernels for AVX2 / AVX-512.
 *
 * Every main loop takes PAPER_UNROLL vectors per step into PAPER_UNROLL independent
 * accumulators (tile = PAPER_UNROLL * VF_W elements); the remaining vectors, the last
 * one partial and padded with -inf (exp(-inf - max) = 0, an identity for every
 * accumulator), go into accumulator 0. Accumulators are then combined 0+1, 2+3, (01)+(23)
 * and folded in register (lane j += lane j + w, w = VF_W/2 .. 1). */
#ifndef SMX_KERNEL_PAPER_H
#define SMX_KERNEL_PAPER_H

#include <float.h>

#include "constants.h"
#include "kernel_scan.h"

#define PAPER_UNROLL 4
#define PAPER_TILE (PAPER_UNROLL * VF_W)
#define PK(name) vf_bits(SMX_PAPER_##name)
/* The negative of a positive constant: its bit pattern with the sign bit set. */
#define PK_NEG(name) vf_bits(SMX_PAPER_##name | 0x80000000u)

static inline size_t part(size_t n, size_t i) { return n - i < VF_W ? n - i : VF_W; }

/* exp(d) for d <= 0, XNNPACK's rr1-p5 with magic-bias reconstruction of 2^n: n = round(d log2e)
 * lands in the low mantissa bits of d*log2e + MAGIC_BIAS (pre-biased by 127), so its bits
 * shifted left by 23 are 2^n for n in [-126, 0]; below DENORM_CUTOFF (and for -inf, and the
 * NaN of -inf - -inf) the result is +0. */
static inline vf exp_minus_rr1_p5(vf d) {
  vf n = vf_fmadd(d, PK(LOG2E), PK(MAGIC_BIAS));
  const vf s = vf_shl23(n);
  n = vf_sub(n, PK(MAGIC_BIAS));
  vf t = vf_fmadd(n, PK(MINUS_LN2_FMA), d);
  vf p = vf_fmadd(PK(C5), t, PK(C4));
  p = vf_fmadd(p, t, PK(C3));
  p = vf_fmadd(p, t, PK(C2));
  p = vf_fmadd(p, t, PK(C1));
  t = vf_mul(t, s);
  return vf_keep_ge(vf_fmadd(t, p, s), d, PK(DENORM_CUTOFF));
}

static float reduce_add(vf acc[PAPER_UNROLL]) {
  vf s = vf_add(vf_add(acc[0], acc[1]), vf_add(acc[2], acc[3]));
  for (int step = VF_W / 2; step >= 1; step /= 2) s = vf_add(s, vf_fold(s, step));
  return vf_first(s);
}

/* Pass 2 of both Three-Pass kernels: sum of exp(x_i - max); with store, also y_i = exp(x_i - max). */
static float sum_exp_minus_max(const float *x, float *store, size_t n, vf mu) {
  vf acc[PAPER_UNROLL];
  for (int k = 0; k < PAPER_UNROLL; k++) acc[k] = vf_zero();
  size_t i = 0;
  for (; i + PAPER_TILE <= n; i += PAPER_TILE) {
    for (int k = 0; k < PAPER_UNROLL; k++) {
      const vf e = exp_minus_rr1_p5(vf_sub(vf_load(x + i + k * VF_W), mu));
      if (store) vf_store(store + i + k * VF_W, e);
      acc[k] = vf_add(acc[k], e);
    }
  }
  for (; i < n; i += VF_W) {
    const vf e = exp_minus_rr1_p5(vf_sub(vf_load_part(x + i, part(n, i)), mu));
    if (store) vf_store_part(store + i, e, part(n, i));
    acc[0] = vf_add(acc[0], e);
  }
  return reduce_add(acc);
}

static void three_pass_recompute_paper(const float *x, float *y, size_t n) {
  const smx_row_scan scan = scan_row(x, n);
  if (scan.kind != SMX_ROW_ORDINARY) {
    smx_write_special_row(y, n, scan.kind, 0);
    return;
  }
  const vf mu = vf_set1(scan.max);
  const vf r = vf_set1(1.0f / sum_exp_minus_max(x, NULL, n, mu));
  size_t i = 0;
  for (; i + PAPER_TILE <= n; i += PAPER_TILE) {
    for (int k = 0; k < PAPER_UNROLL; k++) {
      vf_store(y + i + k * VF_W, vf_mul(exp_minus_rr1_p5(vf_sub(vf_load(x + i + k * VF_W), mu)), r));
    }
  }
  for (; i < n; i += VF_W) {
    vf_store_part(y + i, vf_mul(exp_minus_rr1_p5(vf_sub(vf_load_part(x + i, part(n, i)), mu)), r), part(n, i));
  }
}

static void three_pass_reload_paper(const float *x, float *y, size_t n) {
  const smx_row_scan scan = scan_row(x, n);
  if (scan.kind != SMX_ROW_ORDINARY) {
    smx_write_special_row(y, n, scan.kind, 0);
    return;
  }
  const vf r = vf_set1(1.0f / sum_exp_minus_max(x, y, n, vf_set1(scan.max)));
  size_t i = 0;
  for (; i + PAPER_TILE <= n; i += PAPER_TILE) {
    for (int k = 0; k < PAPER_UNROLL; k++) vf_store(y + i + k * VF_W, vf_mul(vf_load(y + i + k * VF_W), r));
  }
  for (; i < n; i += VF_W) vf_store_part(y + i, vf_mul(vf_load_part(y + i, part(n, i)), r), part(n, i));
}

/* ---- Two-Pass: exp(x) = m * 2^n pairs, merged with vf_scale_pow2 (VSCALEFPS on AVX-512) ---- */

/* XNNPACK's AVX-512 p5 extexp with the recipe's guards: x clamped so x*log2e is finite,
 * t clamped to +-ln2 so a meaningless t (|x| > ~2^30) cannot overflow p(t), m = 0 for -inf. */
static inline vf extexp_p5(vf x, vf *n_out) {
  const vf xc = vf_min(vf_max(x, PK_NEG(TWO_PASS_X_LIMIT)), PK(TWO_PASS_X_LIMIT));
  const vf n = vf_round(vf_mul(xc, PK(LOG2E)));
  vf t = vf_fmadd(n, PK(MINUS_LN2_FMA), xc);
  t = vf_fmadd(n, PK(LN2_LO_FMA), t);
  t = vf_min(vf_max(t, PK_NEG(TWO_PASS_T_LIMIT)), PK(TWO_PASS_T_LIMIT));
  vf p = vf_fmadd(PK(C5), t, PK(C4));
  p = vf_fmadd(p, t, PK(C3));
  p = vf_fmadd(p, t, PK(C2));
  p = vf_fmadd(p, t, PK(C1));
  p = vf_fmadd(p, t, PK(ONE));
  *n_out = n;
  return vf_keep_ne(p, x, vf_set1(-INFINITY));
}

/* (m, n) += (mb, nb): both scale factors are powers of two <= 1. */
static inline void merge_ext(vf *m, vf *n, vf mb, vf nb) {
  const vf nn = vf_max(*n, nb);
  *m = vf_add(vf_scale_pow2(*m, vf_sub(*n, nn)), vf_scale_pow2(mb, vf_sub(nb, nn)));
  *n = nn;
}

static inline void accumulate_ext(vf *m, vf *n, vf x) {
  vf ni;
  const vf mi = extexp_p5(x, &ni);
  merge_ext(m, n, mi, ni);
}

static void two_pass_paper(const float *x, float *y, size_t n) {
  const smx_row_scan scan = scan_row(x, n);
  if (scan.kind != SMX_ROW_ORDINARY) {
    smx_write_special_row(y, n, scan.kind, 0);
    return;
  }
  /* Empty accumulators start at exponent -FLT_MAX, not -inf: merging two empty lanes then
   * computes 0 * 2^0 instead of 0 * 2^(-inf - -inf) = NaN. Every real exponent is >= -FLT_MAX
   * (x is clamped first), so the start value never wins a maximum that matters. */
  vf m[PAPER_UNROLL], e[PAPER_UNROLL];
  for (int k = 0; k < PAPER_UNROLL; k++) {
    m[k] = vf_zero();
    e[k] = vf_set1(-FLT_MAX);
  }
  size_t i = 0;
  for (; i + PAPER_TILE <= n; i += PAPER_TILE) {
    for (int k = 0; k < PAPER_UNROLL; k++) accumulate_ext(&m[k], &e[k], vf_load(x + i + k * VF_W));
  }
  for (; i < n; i += VF_W) accumulate_ext(&m[0], &e[0], vf_load_part(x + i, part(n, i)));
  merge_ext(&m[0], &e[0], m[1], e[1]);
  merge_ext(&m[2], &e[2], m[3], e[3]);
  merge_ext(&m[0], &e[0], m[2], e[2]);
  for (int step = VF_W / 2; step >= 1; step /= 2) merge_ext(&m[0], &e[0], vf_fold(m[0], step), vf_fold(e[0], step));
  const vf r = vf_set1(1.0f / vf_first(m[0]));
  const vf ns = vf_set1(vf_first(e[0]));
  for (i = 0; i < n; i += VF_W) {
    const size_t c = part(n, i);
    const vf v = c == VF_W ? vf_load(x + i) : vf_load_part(x + i, c);
    vf ni;
    const vf mi = extexp_p5(v, &ni);
    const vf out = vf_scale_pow2(vf_mul(mi, r), vf_sub(ni, ns));
    if (c == VF_W) vf_store(y + i, out);
    else vf_store_part(y + i, out, c);
  }
}

/* ---- Online: per-lane (max, sum relative to exp(max)) states ---- */

/* (mu, d) += (mub, db). -inf - -inf (no finite entry seen yet in either) is NaN, which
 * exp_minus_rr1_p5 maps to 0 just as it maps -inf: the recipe's "taken as -inf". */
static inline void merge_online(vf *mu, vf *d, vf mub, vf db) {
  const vf mm = vf_max(*mu, mub);
  *d = vf_fmadd(*d, exp_minus_rr1_p5(vf_sub(*mu, mm)), vf_mul(db, exp_minus_rr1_p5(vf_sub(mub, mm))));
  *mu = mm;
}

/* One element per lane: (x, 1) merged in; the multiply by 1 is skipped (exact). */
static inline void accumulate_online(vf *mu, vf *d, vf x) {
  const vf mm = vf_max(*mu, x);
  *d = vf_fmadd(*d, exp_minus_rr1_p5(vf_sub(*mu, mm)), exp_minus_rr1_p5(vf_sub(x, mm)));
  *mu = mm;
}

static void online_paper(const float *x, float *y, size_t n) {
  const smx_row_scan scan = scan_row(x, n);
  if (scan.kind != SMX_ROW_ORDINARY) {
    smx_write_special_row(y, n, scan.kind, 0);
    return;
  }
  vf mu[PAPER_UNROLL], d[PAPER_UNROLL];
  for (int k = 0; k < PAPER_UNROLL; k++) {
    mu[k] = vf_set1(-INFINITY);
    d[k] = vf_zero();
  }
  size_t i = 0;
  for (; i + PAPER_TILE <= n; i += PAPER_TILE) {
    for (int k = 0; k < PAPER_UNROLL; k++) accumulate_online(&mu[k], &d[k], vf_load(x + i + k * VF_W));
  }
  for (; i < n; i += VF_W) accumulate_online(&mu[0], &d[0], vf_load_part(x + i, part(n, i)));
  merge_online(&mu[0], &d[0], mu[1], d[1]);
  merge_online(&mu[2], &d[2], mu[3], d[3]);
  merge_online(&mu[0], &d[0], mu[2], d[2]);
  for (int step = VF_W / 2; step >= 1; step /= 2) merge_online(&mu[0], &d[0], vf_fold(mu[0], step), vf_fold(d[0], step));
  const vf r = vf_set1(1.0f / vf_first(d[0]));
  const vf ms = vf_set1(vf_first(mu[0]));
  size_t j = 0;
  for (; j + PAPER_TILE <= n; j += PAPER_TILE) {
    for (int k = 0; k < PAPER_UNROLL; k++) {
      vf_store(y + j + k * VF_W, vf_mul(exp_minus_rr1_p5(vf_sub(vf_load(x + j + k * VF_W), ms)), r));
    }
  }
  for (; j < n; j += VF_W) {
    vf_store_part(y + j, vf_mul(exp_minus_rr1_p5(vf_sub(vf_load_part(x + j, part(n, j)), ms)), r), part(n, j));
  }
}

#endif
