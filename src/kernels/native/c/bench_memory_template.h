/* Template (included by bench_memory.c once per ISA, inside that ISA's `#pragma GCC target`,
 * after defining MEM(name), MV, W and the MV_* operations): the memory-only kernels of one
 * ISA. Four independent vectors per loop step, as the softmax kernels' main loops; scalar
 * tails (the figures are for long rows). Each pass's scale factor depends on the previous
 * pass's result, as in the algorithms, so no pass can be dropped or reordered. */

/* A value depending on every element of x[0..n). */
static float MEM(read)(const float *x, size_t n) {
  MV a0 = MV_ZERO(), a1 = MV_ZERO(), a2 = MV_ZERO(), a3 = MV_ZERO();
  size_t i = 0;
  for (; i + 4 * W <= n; i += 4 * W) {
    a0 = MV_ADD(a0, MV_LOAD(x + i));
    a1 = MV_ADD(a1, MV_LOAD(x + i + W));
    a2 = MV_ADD(a2, MV_LOAD(x + i + 2 * W));
    a3 = MV_ADD(a3, MV_LOAD(x + i + 3 * W));
  }
  float s = MV_FIRST(MV_ADD(MV_ADD(a0, a1), MV_ADD(a2, a3)));
  for (; i < n; i++) s += x[i];
  return s;
}

/* y = c * x (y may be x). */
static void MEM(scale)(const float *x, float *y, size_t n, float c) {
  const MV vc = MV_SET1(c);
  size_t i = 0;
  for (; i + 4 * W <= n; i += 4 * W) {
    MV_STORE(y + i, MV_MUL(MV_LOAD(x + i), vc));
    MV_STORE(y + i + W, MV_MUL(MV_LOAD(x + i + W), vc));
    MV_STORE(y + i + 2 * W, MV_MUL(MV_LOAD(x + i + 2 * W), vc));
    MV_STORE(y + i + 3 * W, MV_MUL(MV_LOAD(x + i + 3 * W), vc));
  }
  for (; i < n; i++) y[i] = x[i] * c;
}

static void MEM(two_pass)(const float *x, float *y, size_t n) { MEM(scale)(x, y, n, factor(MEM(read)(x, n))); }

static void MEM(recompute)(const float *x, float *y, size_t n) {
  const float s = MEM(read)(x, n);
  MEM(scale)(x, y, n, factor(s + MEM(read)(x, n)));
}

static void MEM(reload)(const float *x, float *y, size_t n) {
  const float c = factor(MEM(read)(x, n));
  MEM(scale)(x, y, n, c);
  MEM(scale)(y, y, n, c);
}

static void MEM(copy)(const float *x, float *y, size_t n) { MEM(scale)(x, y, n, 1.0f); }

/* y = a + 3 b with a = x[0..n), b = the second input row, one aligned stride later. */
static void MEM(triad)(const float *x, float *y, size_t n) {
  const float *b = x + second_row_offset(n);
  const MV three = MV_SET1(3.0f);
  size_t i = 0;
  for (; i + 4 * W <= n; i += 4 * W) {
    MV_STORE(y + i, MV_ADD(MV_LOAD(x + i), MV_MUL(MV_LOAD(b + i), three)));
    MV_STORE(y + i + W, MV_ADD(MV_LOAD(x + i + W), MV_MUL(MV_LOAD(b + i + W), three)));
    MV_STORE(y + i + 2 * W, MV_ADD(MV_LOAD(x + i + 2 * W), MV_MUL(MV_LOAD(b + i + 2 * W), three)));
    MV_STORE(y + i + 3 * W, MV_ADD(MV_LOAD(x + i + 3 * W), MV_MUL(MV_LOAD(b + i + 3 * W), three)));
  }
  for (; i < n; i++) y[i] = x[i] + 3.0f * b[i];
}

static const smx_row_kernel MEM(kernels)[SMX_MEM_PATTERN_COUNT] = {
    [SMX_MEM_TWO_PASS] = MEM(two_pass), [SMX_MEM_RECOMPUTE] = MEM(recompute), [SMX_MEM_RELOAD] = MEM(reload),
    [SMX_MEM_COPY] = MEM(copy),         [SMX_MEM_TRIAD] = MEM(triad),
};
