/* The correct C port of the accurate Three-Pass recompute (the mutants' control). */
#include "port.h"

void softmax_f32(const float *x, float *y, size_t n) {
  double c[TAYLOR_TERMS];
  taylor(c);
  float mu = -INFINITY;
  for (size_t i = 0; i < n; i++) mu = max_propagating(mu, x[i]);
  if (n == 0 || write_special(mu, y, n)) return;
  double s[LANES] = {0};
  for (size_t i = 0; i < n; i++) s[i % LANES] += expm_with((double)x[i] - mu, c);
  const double r = 1.0 / tree_sum(s);
  for (size_t i = 0; i < n; i++) y[i] = (float)(expm_with((double)x[i] - mu, c) * r);
}
