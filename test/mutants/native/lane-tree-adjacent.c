/* MUTATION: the 16 lanes reduced in another order: adjacent pairs first (lane 2j + lane
 * 2j+1, then 4j + 4j+2, ...), as a horizontal-add port does, instead of the recipe's
 * lane j + lane j+w for w = 8, 4, 2, 1. Every addition is still binary64; S differs by
 * about an ulp, which moves a float32 output only near a rounding midpoint. */
#include "port.h"

static double tree_sum_adjacent(double s[LANES]) {
  for (int w = 1; w < LANES; w *= 2)
    for (int j = 0; j < LANES; j += 2 * w) s[j] = s[j] + s[j + w];
  return s[0];
}

void softmax_f32(const float *x, float *y, size_t n) {
  double c[TAYLOR_TERMS];
  taylor(c);
  float mu = -INFINITY;
  for (size_t i = 0; i < n; i++) mu = max_propagating(mu, x[i]);
  if (n == 0 || write_special(mu, y, n)) return;
  double s[LANES] = {0};
  for (size_t i = 0; i < n; i++) s[i % LANES] += expm_with((double)x[i] - mu, c);
  const double r = 1.0 / tree_sum_adjacent(s);
  for (size_t i = 0; i < n; i++) y[i] = (float)(expm_with((double)x[i] - mu, c) * r);
}
