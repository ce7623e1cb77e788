/* Template (included after a simd_*.h): the paper recipe (docs/recipes.md), float32
 * throughout with FMA, as the reference XNNPACK kernels for AVX2 / AVX-512.
 *
 * Every main loop takes PAPER_UNROLL vectors per step into PAPER_UNROLL independent
 * accumulators (tile = PAPER_UNROLL * VF_W elements); the remaining vectors, the last
 * one partial and padded with -inf (exp(-inf - max) = 0, an identity for every
 * accumulator), go into accumulator 0. Accumulators are then combined pairwise (0+1, 2+3,
 * ..., then (01)+(23), ...) and folded in register (lane j += lane j + w, w = VF_W/2 .. 1).
 * PAPER_UNROLL, PAPER_TILE and VF_W are the ISA's rows of the spec table (simd_<isa>.h,
 * from the generated kernel_table.h), so the declared tile and bounds follow this loop. */
#ifndef SMX_KERNEL_PAPER_H
#define SMX_KERNEL_PAPER_H

#include <float.h>

#include "constants.h"
#include "kernel_scan.h"

_Static_assert(PAPER_ACCUMULATORS == PAPER_UNROLL, "spec table: the paper template feeds vector k of a step into accumulator k");
_Static_assert(PAPER_TILE == PAPER_UNROLL * VF_W, "spec table: a paper tile is PAPER_UNROLL vectors");
_Static_assert(PAPER_UNROLL > 0 && (PAPER_UNROLL & (PAPER_UNROLL - 1)) == 0, "spec table: the accumulator merge tree needs a power-of-two unroll");

/* The accumulator merge tree: acc[k] combines acc[k + s] for s = 1, 2, 4, ..., so 4 accumulators
 * merge as 0+1, 2+3, then (01)+(23). MERGE(a, b) is a statement. */
#define PAPER_MERGE_TREE(MERGE)                                           \
  do {                                                                    \
    for (int s_ = 1; s_ < PAPER_UNROLL; s_ *= 2)                          \
      for (int k_ = 0; k_ + s_ < PAPER_UNROLL; k_ += 2 * s_) MERGE(k_, k_ + s_); \
  } while (0)
#define PK(name) vf_bits(SMX_PAPER_##name)
/* The negative of a positive constant: its bit pattern with the sign bit set. */
#define PK_NEG(name) vf_bits(SMX_PAPER_##name | 0x80000000u)

static inline size_t part(size_t n, size_t i) { return n - i < VF_W ? n - i : VF_W; }

/* The lines of one PAPER_TILE, SMX_PREFETCH_AHEAD floats ahead of p (kernel_scan.h). */
static inline void smx_prefetch_tile(const float *p, const float *end) {
  for (int o = 0; o < PAPER_TILE; o += 16) smx_prefetch_ahead(p + o, end);
}

/* exp(d) for d <= 0, XNNPACK's rr1-p5 with magic-bias reconstruction of 2^n: n = round(d log2e)
 * lands in the low mantissa bits of d*log2e + MAGIC_BIAS (pre-biased by 127), so its bits
 * shifted left by 23 are 2^n for n in [-126, 0]; below DENORM_CUTOFF (and for -inf, and the
 * NaN of -inf - -inf) the result is +0. */
static inline vf exp_minus_rr1_p5(vf d_in) {
  /* Lanes below the cutoff (and NaN) compute exp(0) and are zeroed at the end: run on d itself,
   * their meaningless 2^n would make subnormal products, each a microcode assist with denormals on. */
  const vf d = vf_keep_ge(d_in, d_in, PK(DENORM_CUTOFF));
  vf n = vf_fmadd(d, PK(LOG2E), PK(MAGIC_BIAS));
  const vf s = vf_shl23(n);
  n = vf_sub(n, PK(MAGIC_BIAS));
  vf t = vf_fmadd(n, PK(MINUS_LN2_FMA), d);
  vf p = vf_fmadd(PK(C5), t, PK(C4));
  p = vf_fmadd(p, t, PK(C3));
  p = vf_fmadd(p, t, PK(C2));
  p = vf_fmadd(p, t, PK(C1));
  t = vf_mul(t, s);
  return vf_keep_ge(vf_fmadd(t, p, s), d_in, PK(DENORM_CUTOFF));
}

static float reduce_add(vf acc[PAPER_UNROLL]) {
#define SUM_ACCUMULATORS(a, b) acc[a] = vf_add(acc[a], acc[b])
  PAPER_MERGE_TREE(SUM_ACCUMULATORS);
#undef SUM_ACCUMULATORS
  vf s = acc[0];
  for (int step = VF_W / 2; step >= 1; step /= 2) s = vf_add(s, vf_fold(s, step));
  return vf_first(s);
}

/* Pass 2 of both Three-Pass kernels: sum of exp(x_i - max); with store, also y_i = exp(x_i - max). */
static float sum_exp_minus_max(const float *x, float *store, size_t n, vf mu) {
  vf acc[PAPER_UNROLL];
  for (int k = 0; k < PAPER_UNROLL; k++) acc[k] = vf_zero();
  size_t i = 0;
  for (; i + PAPER_TILE <= n; i += PAPER_TILE) {
    smx_prefetch_tile(x + i, x + n);
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
    smx_prefetch_tile(x + i, x + n);
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
    smx_prefetch_tile(y + i, y + n);
    for (int k = 0; k < PAPER_UNROLL; k++) vf_store(y + i + k * VF_W, vf_mul(vf_load(y + i + k * VF_W), r));
  }
  for (; i < n; i += VF_W) vf_store_part(y + i, vf_mul(vf_load_part(y + i, part(n, i)), r), part(n, i));
}

/* ---- Two-Pass: exp(x) = m * 2^n pairs, merged with vf_scale_pow2 (VSCALEFPS on AVX-512) ---- */

#ifndef SMX_HAVE_SCALE_POW2_TERM
/* Vocabularies without a cheaper form of a sum's minor term scale it exactly. */
static inline vf vf_scale_pow2_term(vf m, vf d) { return vf_scale_pow2(m, d); }
#endif
#ifndef SMX_SCALE_POW2_DROPS_MINUS_INF
/* 1 when the vocabulary's vf_scale_pow2_term and vf_scale_pow2_out return +0 for d = -inf
 * whatever m is (NaN included). */
#define SMX_SCALE_POW2_DROPS_MINUS_INF 0
#endif
#ifndef SMX_HAVE_SCALE_POW2_OUT
/* Vocabularies without a cheaper form of pass 2's scaling scale every output exactly. */
typedef struct {
  int unused;
} vf_out_scale;
static inline vf_out_scale vf_out_scale_init(float r) {
  (void)r;
  const vf_out_scale c = {0};
  return c;
}
static inline vf vf_scale_pow2_out(vf m, vf d, const vf_out_scale *c) {
  (void)c;
  return vf_scale_pow2(m, d);
}
#endif
#ifndef SMX_HAVE_PREFETCH
static inline void vf_prefetch(const float *p) { __builtin_prefetch(p, 0, 3); }
#endif
/* Two-Pass's loops prefetch x (and nothing past x + n) this many floats ahead of the loads:
 * with ~20 vector operations per loaded vector, too few loads are in flight to stream x at
 * the memory's speed from the out-of-order window alone. Prefetches change no result. The
 * other loops of both recipes do the same (smx_prefetch_tile, kernel_scan.h). */
#ifndef SMX_TWO_PASS_PREFETCH
#define SMX_TWO_PASS_PREFETCH 2048
#endif

/* XNNPACK's AVX-512 p5 extexp with the recipe's guards: x clamped so x*log2e is finite,
 * t clamped to +-T_LIMIT so a meaningless t (|x| > ~2^30) cannot overflow p(t), m = 0 for -inf.
 *
 * `guarded` = 0 (a constant at every call) drops both clamps. The unguarded (m, n) has the
 * same bits as the guarded one for every x with |x| <= X_LIMIT and t in [-T_LIMIT, T_LIMIT]
 * (the clamps are then identities), and m is +0 for x = -inf either way (n is then -inf
 * instead of a finite minimum, which only ever scales that +0). For any other x, the caller
 * sees it in *t1_out and *t_out: x > X_LIMIT gives n = +inf; x < -X_LIMIT gives n = -inf and
 * t1 = +inf (x = -inf gives t1 = NaN); a t outside the interval is itself visible. */
static inline vf extexp_p5_core(vf x, vf *n_out, vf *t1_out, vf *t_out, int guarded) {
  const vf xc = guarded ? vf_min(vf_max(x, PK_NEG(TWO_PASS_X_LIMIT)), PK(TWO_PASS_X_LIMIT)) : x;
  const vf n = vf_round(vf_mul(xc, PK(LOG2E)));
  const vf t1 = vf_fmadd(n, PK(MINUS_LN2_FMA), xc);
  vf t = vf_fmadd(n, PK(LN2_LO_FMA), t1);
  if (guarded) t = vf_min(vf_max(t, PK_NEG(TWO_PASS_T_LIMIT)), PK(TWO_PASS_T_LIMIT));
  vf p = vf_fmadd(PK(C5), t, PK(C4));
  p = vf_fmadd(p, t, PK(C3));
  p = vf_fmadd(p, t, PK(C2));
  p = vf_fmadd(p, t, PK(C1));
  p = vf_fmadd(p, t, PK(ONE));
  *n_out = n;
  *t1_out = t1;
  *t_out = t;
  /* Unguarded, x = -inf has n = -inf, so every scaling of its m has d = -inf: a vocabulary that
   * maps d = -inf to +0 needs no m = 0 (guarded, n is finite and m = 0 is needed). */
  if (!guarded && SMX_SCALE_POW2_DROPS_MINUS_INF) return p;
  return vf_keep_ne(p, x, vf_set1(-INFINITY));
}

/* (m, n) += (mb, nb): both scale factors are powers of two <= 1. The state with exponent nn is
 * unscaled, and its m is 0 or >= min p(t) over [-T_LIMIT, T_LIMIT] (0.0717, over every float t
 * there) > 2^-4, so a scaled term below 2^-126 is under half its ulp and adds nothing:
 * vf_scale_pow2_term may return 0 for it (the same sum, bit for bit). Every m is +0 or in
 * [2^-4, 2^64): a term's p(t) < 7.27, and a sum of n < 2^60 of them, each scaled by <= 1, is
 * < 2^63. A side whose m is +0 has d = 0 only if the other side's d is 0 as well (the empty
 * state's exponent -FLT_MAX and a -inf entry's are the least of any). */
static inline void merge_ext(vf *m, vf *n, vf mb, vf nb) {
  const vf nn = vf_max(*n, nb);
  *m = vf_add(vf_scale_pow2_term(*m, vf_sub(*n, nn)), vf_scale_pow2_term(mb, vf_sub(nb, nn)));
  *n = nn;
}

#ifndef SMX_HAVE_CLEAN_LANES
/* Which lanes have seen only entries below +inf (no NaN, no +inf), as poison flags. */
typedef vf_flags vf_clean;
static inline vf_clean vf_clean_init(void) { return vf_flags_none(); }
static inline vf_clean vf_clean_add(vf_clean c, vf v) { return vf_flags_or(c, vf_poison(v)); }
static inline int vf_clean_all(vf_clean c) { return !vf_flags_any(c); }
#endif

#ifndef SMX_HAVE_ABS_MAX
/* The range of t as its least and largest values (NaN ignored: the running value is MINPS/MAXPS's
 * second operand). */
typedef struct {
  vf lo, hi;
} t_range;
static inline t_range t_range_init(void) {
  const t_range r = {vf_zero(), vf_zero()};
  return r;
}
static inline void t_range_add(t_range *r, vf t) {
  r->lo = vf_min(t, r->lo);
  r->hi = vf_max(t, r->hi);
}
static inline int t_range_within(t_range r, float limit) {
  for (int step = VF_W / 2; step >= 1; step /= 2) {
    r.lo = vf_min(vf_fold(r.lo, step), r.lo);
    r.hi = vf_max(vf_fold(r.hi, step), r.hi);
  }
  return vf_first(r.lo) >= -limit && vf_first(r.hi) <= limit;
}
#else
/* The range of t as the largest |t| (vf_abs_max: one operation per vector). */
typedef struct {
  vf abs_hi;
} t_range;
static inline t_range t_range_init(void) {
  const t_range r = {vf_zero()};
  return r;
}
static inline void t_range_add(t_range *r, vf t) { r->abs_hi = vf_abs_max(t, r->abs_hi); }
static inline int t_range_within(t_range r, float limit) {
  for (int step = VF_W / 2; step >= 1; step /= 2) r.abs_hi = vf_abs_max(vf_fold(r.abs_hi, step), r.abs_hi);
  return vf_first(r.abs_hi) <= limit;
}
#endif

/* Pass 1's state: PAPER_UNROLL (m, n) accumulators; the guarded pass classifies the row (cls) as
 * scan_row does, the unguarded one records only what two_pass_paper needs to trust it: the clean
 * lanes, the range of t and the largest t1 seen (NaN ignored, as above). */
typedef struct {
  vf m[PAPER_UNROLL], e[PAPER_UNROLL];
  row_class cls;
  vf_clean clean;
  t_range t;
  vf t1_hi;
} two_pass_state;

static inline void accumulate_ext(two_pass_state *s, int k, vf x, int guarded) {
  vf ni, t1, t;
  const vf mi = extexp_p5_core(x, &ni, &t1, &t, guarded);
  if (guarded) {
    row_class_add(&s->cls, x);
  } else {
    s->clean = vf_clean_add(s->clean, x);
    t_range_add(&s->t, t);
    s->t1_hi = vf_max(t1, s->t1_hi);
  }
  merge_ext(&s->m[k], &s->e[k], mi, ni);
}

/* Pass 1 into s; returns the merged (m_s, n_s) in lane 0 of s->m[0], s->e[0]. */
static inline void two_pass_sum(const float *x, size_t n, two_pass_state *s, int guarded) {
  /* Empty accumulators start at exponent -FLT_MAX, not -inf: merging two empty lanes then
   * computes 0 * 2^0 instead of 0 * 2^(-inf - -inf) = NaN. Every real exponent is >= -FLT_MAX
   * (x is clamped first), so the start value never wins a maximum that matters. */
  for (int k = 0; k < PAPER_UNROLL; k++) {
    s->m[k] = vf_zero();
    s->e[k] = vf_set1(-FLT_MAX);
  }
  s->cls = row_class_init();
  s->clean = vf_clean_init();
  s->t = t_range_init();
  s->t1_hi = vf_zero();
  size_t i = 0;
  for (; i + PAPER_TILE <= n; i += PAPER_TILE) {
    if (i + PAPER_TILE + SMX_TWO_PASS_PREFETCH <= n) {
      for (int k = 0; k < PAPER_UNROLL; k++) vf_prefetch(x + i + SMX_TWO_PASS_PREFETCH + k * VF_W);
    }
    for (int k = 0; k < PAPER_UNROLL; k++) accumulate_ext(s, k, vf_load(x + i + k * VF_W), guarded);
  }
  for (; i < n; i += VF_W) accumulate_ext(s, 0, vf_load_part(x + i, part(n, i)), guarded);
#define MERGE_PAIRS(a, b) merge_ext(&s->m[a], &s->e[a], s->m[b], s->e[b])
  PAPER_MERGE_TREE(MERGE_PAIRS);
#undef MERGE_PAIRS
  for (int step = VF_W / 2; step >= 1; step /= 2) {
    merge_ext(&s->m[0], &s->e[0], vf_fold(s->m[0], step), vf_fold(s->e[0], step));
  }
}

/* mi is in [2^-4, 2^3) for every x but -inf (t in [-T_LIMIT, T_LIMIT], guarded or checked by
 * pass 1), as vf_scale_pow2_out requires. */
static inline vf two_pass_output(vf v, vf r, vf ns, const vf_out_scale *c, int guarded) {
  vf ni, t1, t;
  const vf mi = extexp_p5_core(v, &ni, &t1, &t, guarded);
  return vf_scale_pow2_out(vf_mul(mi, r), vf_sub(ni, ns), c);
}

/* Pass 2, PAPER_UNROLL vectors per step like pass 1: elementwise, so the grouping changes no bit. */
static inline void two_pass_scale(const float *x, float *y, size_t n, float r_s, vf ns, int guarded) {
  const vf r = vf_set1(r_s);
  const vf_out_scale c = vf_out_scale_init(r_s);
  size_t i = 0;
  for (; i + PAPER_TILE <= n; i += PAPER_TILE) {
    if (i + PAPER_TILE + SMX_TWO_PASS_PREFETCH <= n) {
      for (int k = 0; k < PAPER_UNROLL; k++) vf_prefetch(x + i + SMX_TWO_PASS_PREFETCH + k * VF_W);
    }
    for (int k = 0; k < PAPER_UNROLL; k++) vf_store(y + i + k * VF_W, two_pass_output(vf_load(x + i + k * VF_W), r, ns, &c, guarded));
  }
  for (; i < n; i += VF_W) vf_store_part(y + i, two_pass_output(vf_load_part(x + i, part(n, i)), r, ns, &c, guarded), part(n, i));
}

/* Two reads of x, no separate scan: pass 1 also classifies the row, so Two-Pass moves 12, not
 * 16, bytes per element. Both passes first run without extexp's guards, which cost 4 of the ~20
 * vector operations per vector and change nothing for |x| <= ~2^30; when pass 1 shows a row where
 * they could matter (an infinite exponent or t1, or t outside [-T_LIMIT, T_LIMIT]: see
 * extexp_p5_core), pass 1 is redone with them and pass 2 keeps them. Every output has the bits of
 * the guarded kernel.
 *
 * The unguarded pass tells a poisoned row (NaN or +inf) by its clean lanes, and needs no maximum
 * of x for the rest: in a row without NaN and +inf, every n is finite or -inf (x = -inf, or
 * x * log2e = -inf), so an n_s above the empty lanes' -FLT_MAX comes from a finite entry and the
 * row is ordinary. A row whose n_s stays -FLT_MAX (all -inf, or entries near -FLT_MAX) takes the
 * guarded pass, which classifies it as scan_row does. */
static void two_pass_paper(const float *x, float *y, size_t n) {
  two_pass_state s;
  two_pass_sum(x, n, &s, 0);
  if (!vf_clean_all(s.clean)) {
    smx_write_special_row(y, n, SMX_ROW_POISONED, 0);
    return;
  }
  vf hi1 = s.t1_hi;
  for (int step = VF_W / 2; step >= 1; step /= 2) hi1 = vf_max(vf_fold(hi1, step), hi1);
  const float ns = vf_first(s.e[0]);
  const float t_limit = 2.0f; /* SMX_PAPER_TWO_PASS_T_LIMIT */
  const int guarded = !(ns > -FLT_MAX && isfinite(ns) && isfinite(vf_first(hi1)) && t_range_within(s.t, t_limit));
  if (guarded) {
    two_pass_sum(x, n, &s, 1);
    const smx_row_kind kind = row_class_kind(s.cls);
    if (kind != SMX_ROW_ORDINARY) {
      smx_write_special_row(y, n, kind, 0);
      return;
    }
  }
  two_pass_scale(x, y, n, 1.0f / vf_first(s.m[0]), vf_set1(vf_first(s.e[0])), guarded);
}

/* ---- Online: per-lane (max, sum relative to exp(max)) states ---- */

/* (mu, d) += (mub, db). -inf - -inf (no finite entry seen yet in either) is NaN, which
 * exp_minus_rr1_p5 maps to 0 just as it maps -inf: the recipe's "taken as -inf". */
static inline void merge_online(vf *mu, vf *d, vf mub, vf db) {
  const vf mm = vf_max(*mu, mub);
  *d = vf_fmadd(*d, exp_minus_rr1_p5(vf_sub(*mu, mm)), vf_mul(db, exp_minus_rr1_p5(vf_sub(mub, mm))));
  *mu = mm;
}

/* One element per lane: (x, 1) merged in; the multiply by 1 is skipped (exact). Where no lane's
 * maximum grows, mu - mm is +-0 in every lane and exp_minus_rr1_p5(+-0) is exactly 1 (n = 0,
 * t = +-0, so 2^0 * (t p + 1) = 1), so fmadd(d, 1, e) = d + e, one rounding either way: the
 * rescaling exp is skipped then, bit for bit the same result, one exp per element instead of
 * two once the running maximum settles. */
static inline void accumulate_online(vf *mu, vf *d, vf x) {
  const vf mm = vf_max(*mu, x);
  const vf e = exp_minus_rr1_p5(vf_sub(x, mm));
  *d = vf_any_gt(x, *mu) ? vf_fmadd(*d, exp_minus_rr1_p5(vf_sub(*mu, mm)), e) : vf_add(*d, e);
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
    smx_prefetch_tile(x + i, x + n);
    for (int k = 0; k < PAPER_UNROLL; k++) accumulate_online(&mu[k], &d[k], vf_load(x + i + k * VF_W));
  }
  for (; i < n; i += VF_W) accumulate_online(&mu[0], &d[0], vf_load_part(x + i, part(n, i)));
#define MERGE_STATES(a, b) merge_online(&mu[a], &d[a], mu[b], d[b])
  PAPER_MERGE_TREE(MERGE_STATES);
#undef MERGE_STATES
  for (int step = VF_W / 2; step >= 1; step /= 2) merge_online(&mu[0], &d[0], vf_fold(mu[0], step), vf_fold(d[0], step));
  const vf r = vf_set1(1.0f / vf_first(d[0]));
  const vf ms = vf_set1(vf_first(mu[0]));
  size_t j = 0;
  for (; j + PAPER_TILE <= n; j += PAPER_TILE) {
    smx_prefetch_tile(x + j, x + n);
    for (int k = 0; k < PAPER_UNROLL; k++) {
      vf_store(y + j + k * VF_W, vf_mul(exp_minus_rr1_p5(vf_sub(vf_load(x + j + k * VF_W), ms)), r));
    }
  }
  for (; j < n; j += VF_W) {
    vf_store_part(y + j, vf_mul(exp_minus_rr1_p5(vf_sub(vf_load_part(x + j, part(n, j)), ms)), r), part(n, j));
  }
}

#endif
