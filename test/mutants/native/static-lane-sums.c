/* MUTATION: the lane sums live in static storage (to keep them off the stack) and are
 * never re-zeroed: every call adds its exps to what the previous call left. */
#include "port.h"

static double s[LANES];

void softmax_f32(const float *x, float *y, size_t n) {
  double c[TAYLOR_TERMS];
  taylor(c);
  float mu = -INFINITY;
  for (size_t i = 0; i < n; i++) mu = max_propagating(mu, x[i]);
  if (n == 0 || write_special(mu, y, n)) return;
  for (size_t i = 0; i < n; i++) s[i % LANES] += expm_with((double)x[i] - mu, c);
  double lanes[LANES];
  memcpy(lanes, s, sizeof lanes);
  const double r = 1.0 / tree_sum(lanes);
  for (size_t i = 0; i < n; i++) y[i] = (float)(expm_with((double)x[i] - mu, c) * r);
}
