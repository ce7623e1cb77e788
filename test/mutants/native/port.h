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

/* The Taylor coefficients c0..c4 of the recipe (mutants may change one). */
#define TAYLOR_TERMS 5
static const uint64_t TAYLOR_BITS[TAYLOR_TERMS] = {SMX_ACC_C0, SMX_ACC_C1, SMX_ACC_C2, SMX_ACC_C3, SMX_ACC_C4};

static inline void taylor(double c[TAYLOR_TERMS]) {
  for (int k = 0; k < TAYLOR_TERMS; k++) c[k] = f64_of(TAYLOR_BITS[k]);
}

static const uint64_t EXP2_TABLE_BITS[SMX_ACC_EXP2_TABLE_SIZE] = SMX_ACC_EXP2_TABLE;

/* m of exp(x) = m * 2^n (golden extExpD) for k = roundEven(x 16/ln2) and n = floor(k/16):
 * T[k - 16 n] * p4(t), with t and the index 0 for |x| >= 2^31, -inf and NaN. */
static inline double mantissa_with(double x, double k, double n, const double c[TAYLOR_TERMS]) {
  const int reduced = fabs(x) < f64_of(SMX_ACC_REDUCTION_LIMIT);
  const double t = reduced ? x - k * f64_of(SMX_ACC_LN2_16_HI) - k * f64_of(SMX_ACC_LN2_16_LO) : 0.0;
  const int j = reduced ? (int)(k - n * f64_of(SMX_ACC_TABLE_SIZE)) : 0;
  double p = c[4] * t + c[3];
  for (int i = 2; i >= 0; i--) p = p * t + c[i];
  return f64_of(EXP2_TABLE_BITS[j]) * p;
}

/* 2^k for integer-valued k <= 0 or -inf: +0 below 2^-1022 (golden pow2Clamped). */
static inline double pow2_clamped(double k) {
  return k < -1022 ? 0.0 : f64_of((uint64_t)(int64_t)(k + 1023) << 52);
}

static inline double expm_with(double d, const double c[TAYLOR_TERMS]) {
  const double k = nearbyint(d * f64_of(SMX_ACC_LOG2E_16)); /* default rounding mode: ties to even */
  const double n = floor(k * f64_of(SMX_ACC_INV_TABLE_SIZE));
  return mantissa_with(d, k, n, c) * pow2_clamped(n);
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
