/* A scalar C port of the accurate Three-Pass recompute golden model
 * (src/kernels/scalar/accurate.ts, docs/recipes.md): binary64, no FMA (built with
 * -ffp-contract=off), 16 lanes, the pairwise tree. baseline.c is the correct port (the
 * test checks it passes the contract); each mutant .c file reuses these pieces and
 * replaces one. Constants come from the generated src/kernels/native/c/constants.h. */
#ifndef MUTANT_PORT_H
#define MUTANT_PORT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../../src/kernels/native/c/constants.h"

#define LANES 16

static inline double f64_of(uint64_t bits) {
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}

static inline uint64_t bits_of(double d) {
  uint64_t b;
  memcpy(&b, &d, sizeof b);
  return b;
}

/* m of exp(x) = m * 2^n (golden extExpD), with the Taylor coefficients as given. */
static inline double mantissa_with(double x, double n, const double c[10]) {
  const double t = fabs(x) < f64_of(SMX_ACC_REDUCTION_LIMIT) ? x - n * f64_of(SMX_ACC_LN2_HI) - n * f64_of(SMX_ACC_LN2_LO) : 0.0;
  double p = c[9] * t + c[8];
  for (int k = 7; k >= 0; k--) p = p * t + c[k];
  return p;
}

static const uint64_t TAYLOR_BITS[10] = {SMX_ACC_C0, SMX_ACC_C1, SMX_ACC_C2, SMX_ACC_C3, SMX_ACC_C4,
                                         SMX_ACC_C5, SMX_ACC_C6, SMX_ACC_C7, SMX_ACC_C8, SMX_ACC_C9};

static inline void taylor(double c[10]) {
  for (int k = 0; k < 10; k++) c[k] = f64_of(TAYLOR_BITS[k]);
}

/* 2^k for integer-valued k <= 0 or -inf: +0 below 2^-1022 (golden pow2Clamped). */
static inline double pow2_clamped(double k) {
  return k < -1022 ? 0.0 : f64_of((uint64_t)(int64_t)(k + 1023) << 52);
}

static inline double expm_with(double d, const double c[10]) {
  const double n = nearbyint(d * f64_of(SMX_ACC_LOG2E)); /* default rounding mode: ties to even */
  return mantissa_with(d, n, c) * pow2_clamped(n);
}

/* NaN-propagating float max, as wasm's f32.max and the golden scan's classification need. */
static inline float max_propagating(float a, float b) {
  return a != a || b != b ? NAN : (a > b ? a : b);
}

/* Writes the declared output of a special row (canonical NaN, or +0 for all -inf) and
 * returns 1; returns 0 for an ordinary row. */
static inline int write_special(float mu, float *y, size_t n) {
  if (mu == mu && mu != INFINITY && mu != -INFINITY) return 0;
  const uint32_t bits = mu == -INFINITY ? 0u : SMX_PAPER_CANONICAL_NAN;
  for (size_t i = 0; i < n; i++) memcpy(&y[i], &bits, sizeof bits);
  return 1;
}

static inline double tree_sum(double s[LANES]) {
  for (int w = LANES / 2; w >= 1; w /= 2)
    for (int j = 0; j < w; j++) s[j] = s[j] + s[j + w];
  return s[0];
}

#endif
