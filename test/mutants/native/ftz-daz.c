/* MUTATION: the kernel turns on flush-to-zero and denormals-are-zero (MXCSR, as
 * -ffast-math's startup code does) for speed: subnormal outputs become +0. It restores
 * MXCSR on return, so the rest of the process is unaffected. */
#include <xmmintrin.h>

#include "port.h"

void softmax_f32(const float *x, float *y, size_t n) {
  const unsigned int saved = _mm_getcsr();
  _mm_setcsr(saved | 0x8040); /* FTZ (bit 15) | DAZ (bit 6) */
  double c[TAYLOR_TERMS];
  taylor(c);
  float mu = -INFINITY;
  for (size_t i = 0; i < n; i++) mu = max_propagating(mu, x[i]);
  if (n > 0 && !write_special(mu, y, n)) {
    double s[LANES] = {0};
    for (size_t i = 0; i < n; i++) s[i % LANES] += expm_with((double)x[i] - mu, c);
    const double r = 1.0 / tree_sum(s);
    for (size_t i = 0; i < n; i++) y[i] = (float)(expm_with((double)x[i] - mu, c) * r);
  }
  _mm_setcsr(saved);
}
