/* MUTATION: an AVX port written for buffers from aligned_alloc: whole 8-float groups are
 * stored with _mm256_store_ps, which requires 32-byte alignment. The C ABI promises only
 * 4-byte alignment; the runner places y so that it ends at a page boundary, so y is
 * misaligned whenever n is not a multiple of 8, and the store faults (SIGSEGV, general
 * protection) on such rows of 8 or more elements. */
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
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    float out[8];
    for (size_t k = 0; k < 8; k++) out[k] = (float)(expm_with((double)x[i + k] - mu, c) * r);
    _mm256_store_ps(y + i, _mm256_loadu_ps(out));
  }
  for (; i < n; i++) y[i] = (float)(expm_with((double)x[i] - mu, c) * r);
}
