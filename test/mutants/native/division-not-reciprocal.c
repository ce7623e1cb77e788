/* MUTATION: outputs e / S instead of e * (1 / S): one correctly rounded division per
 * element instead of the recipe's reciprocal and product. Both are within an ulp of
 * binary64; they differ in the last bit of some outputs, which moves a float32 output
 * only near a rounding midpoint. */
#include "port.h"

void softmax_f32(const float *x, float *y, size_t n) {
  double c[TAYLOR_TERMS];
  taylor(c);
  float mu = -INFINITY;
  for (size_t i = 0; i < n; i++) mu = max_propagating(mu, x[i]);
  if (n == 0 || write_special(mu, y, n)) return;
  double s[LANES] = {0};
  for (size_t i = 0; i < n; i++) s[i % LANES] += expm_with((double)x[i] - mu, c);
  const double sum = tree_sum(s);
  for (size_t i = 0; i < n; i++) y[i] = (float)(expm_with((double)x[i] - mu, c) / sum);
}
