// An example port for `softmax-verify check --external`: Three-Pass softmax in C with the
// C ABI of docs/porting.md. It keeps exp values in double between passes, so its outputs
// are faithfully rounded (declare --bound 1), and returns an all-NaN row for an all -inf
// row (--policy nan).
//
//   gcc -O2 -shared -fPIC -o softmax_port.so softmax_port.c -lm
//   npx softmax-verify check --external ./softmax_port.so --algorithm three-pass-recompute --bound 1 --policy nan

#include <math.h>
#include <stddef.h>

void softmax_f32(const float *x, float *y, size_t n) {
  if (n == 0) return;
  // Pass 1: the maximum. A NaN or +inf anywhere makes the whole row NaN (docs/contract.md).
  float max = -INFINITY;
  for (size_t i = 0; i < n; i++) {
    if (isnan(x[i]) || x[i] == INFINITY) {
      for (size_t j = 0; j < n; j++) y[j] = NAN;
      return;
    }
    if (x[i] > max) max = x[i];
  }
  // Pass 2: the sum of exp(x - max) <= n, in double: x - max is exact there, and -inf
  // entries contribute exp(-inf) = 0. An all -inf row gives -inf - -inf = NaN everywhere.
  double sum = 0;
  for (size_t i = 0; i < n; i++) sum += exp((double)x[i] - (double)max);
  // Pass 3: recompute each exp and normalise; one final rounding to float.
  double scale = 1 / sum;
  for (size_t i = 0; i < n; i++) y[i] = (float)(exp((double)x[i] - (double)max) * scale);
}

void softmax_f32_rows(const float *x, float *y, size_t rows, size_t cols, size_t x_stride, size_t y_stride) {
  for (size_t r = 0; r < rows; r++) softmax_f32(x + r * x_stride, y + r * y_stride, cols);
}
