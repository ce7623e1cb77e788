/* MUTATION: an AVX port whose output pass stores whole 8-float vectors: the last, partial
 * group is computed -inf-padded (outputs +0) and stored with _mm256_storeu_ps, writing
 * y[n..] up to the next multiple of 8. The isolated runner's guard page right after y[n)
 * turns the first such store into "accessed y[n], past the end". */
#include <immintrin.h>

#include "port.h"

__attribute__((target("avx"))) void softmax_f32(const float *x, float *y, size_t n) {
  double c[TAYLOR_TERMS];
  taylor(c);
  float mu = -INFINITY;
  for (size_t i = 0; i < n; i++) mu = max_propagating(mu, x[i]);
  if (n == 0 || write_special(mu, y, n)) return;
  double s[LANES] = {0};
  for (size_t i = 0; i < n; i++) s[i % LANES] += expm_with((double)x[i] - mu, c);
  const double r = 1.0 / tree_sum(s);
  for (size_t i = 0; i < n; i += 8) {
    float out[8];
    for (size_t k = 0; k < 8; k++) out[k] = i + k < n ? (float)(expm_with((double)x[i + k] - mu, c) * r) : 0.0f;
    _mm256_storeu_ps(y + i, _mm256_loadu_ps(out));
  }
}
