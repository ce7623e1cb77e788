/* MUTATION: c3 = 1/6 written as a float literal (1.0f / 6), rounded to float32: a
 * 1.5e-8 relative error in one Taylor coefficient, invisible to a 1-ULP bound. */
#include "port.h"

void softmax_f32(const float *x, float *y, size_t n) {
  double c[TAYLOR_TERMS];
  taylor(c);
  c[3] = 1.0f / 6;
  float mu = -INFINITY;
  for (size_t i = 0; i < n; i++) mu = max_propagating(mu, x[i]);
  if (n == 0 || write_special(mu, y, n)) return;
  double s[LANES] = {0};
  for (size_t i = 0; i < n; i++) s[i % LANES] += expm_with((double)x[i] - mu, c);
  const double r = 1.0 / tree_sum(s);
  for (size_t i = 0; i < n; i++) y[i] = (float)(expm_with((double)x[i] - mu, c) * r);
}
