/* Template (included after a simd_*.h): pass 1's row classification and maximum.
 * Shared by both recipes; max over float32 is exact and order-independent (up to the
 * sign of a zero maximum, which no consumer distinguishes; docs/recipes.md). */
#ifndef SMX_KERNEL_SCAN_H
#define SMX_KERNEL_SCAN_H

#include "kernels.h"

/* Streaming loops that do many vector operations per loaded line (an exp per element; in the
 * accurate recipe 2 binary64 vectors per 16 floats) prefetch their input this many floats
 * (8 KiB) ahead: the out-of-order window alone keeps too few loads in flight to stream x at
 * the memory's speed, and the hardware prefetchers do not make up for it on every machine
 * (docs/bench.md, "Software prefetch": accurate kernels 1.5 to 2.6 times faster out of cache
 * on an Intel Xeon). Prefetches change no result. */
#define SMX_PREFETCH_AHEAD 2048

/* Prefetches the line of p[SMX_PREFETCH_AHEAD] when it lies before end (nothing past the row). */
static inline void smx_prefetch_ahead(const float *p, const float *end) {
  if ((size_t)(end - p) > SMX_PREFETCH_AHEAD) __builtin_prefetch(p + SMX_PREFETCH_AHEAD, 0, 3);
}

/* Independent maximum chains per step of the main loop. */
#define SCAN_UNROLL 4

static smx_row_scan scan_row(const float *x, size_t n) {
  vf acc[SCAN_UNROLL];
  for (int k = 0; k < SCAN_UNROLL; k++) acc[k] = vf_set1(-INFINITY);
  vf_flags poison = vf_flags_none();
  size_t i = 0;
  for (; i + SCAN_UNROLL * VF_W <= n; i += SCAN_UNROLL * VF_W) {
    for (int k = 0; k < SCAN_UNROLL; k++) {
      const vf v = vf_load(x + i + k * VF_W);
      poison = vf_flags_or(poison, vf_poison(v));
      acc[k] = vf_max(v, acc[k]);
    }
  }
  for (; i < n; i += VF_W) {
    const vf v = vf_load_part(x + i, n - i < VF_W ? n - i : VF_W);
    poison = vf_flags_or(poison, vf_poison(v));
    acc[0] = vf_max(v, acc[0]);
  }
  vf m = vf_max(vf_max(acc[0], acc[1]), vf_max(acc[2], acc[3]));
  for (int step = VF_W / 2; step >= 1; step /= 2) m = vf_max(m, vf_fold(m, step));
  smx_row_scan scan = {SMX_ROW_ORDINARY, vf_first(m)};
  if (vf_flags_any(poison)) scan.kind = SMX_ROW_POISONED;
  else if (scan.max == -INFINITY) scan.kind = SMX_ROW_MASKED;
  return scan;
}

/* scan_row's classification as a state a kernel can fold into its own first pass, so that
 * pass need not be preceded by a separate read of x: feed every loaded vector (tails padded
 * with -inf, as vf_load_part does) to row_class_add, then row_class_kind gives scan_row's kind. */
typedef struct {
  vf max;
  vf_flags poison;
} row_class;

static inline row_class row_class_init(void) {
  const row_class c = {vf_set1(-INFINITY), vf_flags_none()};
  return c;
}

static inline void row_class_add(row_class *c, vf v) {
  c->poison = vf_flags_or(c->poison, vf_poison(v));
  c->max = vf_max(v, c->max);
}

static smx_row_kind row_class_kind(row_class c) {
  if (vf_flags_any(c.poison)) return SMX_ROW_POISONED;
  vf m = c.max;
  for (int step = VF_W / 2; step >= 1; step /= 2) m = vf_max(m, vf_fold(m, step));
  return vf_first(m) == -INFINITY ? SMX_ROW_MASKED : SMX_ROW_ORDINARY;
}

#endif
