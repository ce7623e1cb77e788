/* The native timing loop of `softmax-verify bench` (bench.h). */
#include "bench.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

#define LINE_FLOATS 16 /* 64-byte cache lines */

#if defined(__x86_64__)
uint32_t smx_read_mxcsr(void) { return _mm_getcsr(); }
#else
uint32_t smx_read_mxcsr(void) { return 0; } /* no MXCSR: neither FTZ nor DAZ is reported set */
#endif

/* MXCSR flush-to-zero (results) and denormals-are-zero (inputs). */
#define MXCSR_FTZ (1u << 15)
#define MXCSR_DAZ (1u << 6)

/* Sets FTZ/DAZ when asked and returns the mode to restore. Only x86-64 has MXCSR: elsewhere
 * (the arm64 build of the addon) the timing runs with the thread's own mode, unchanged. */
static uint32_t enter_denormal_mode(bool flush) {
#if defined(__x86_64__)
  const uint32_t saved = _mm_getcsr();
  if (flush) _mm_setcsr(saved | MXCSR_FTZ | MXCSR_DAZ);
  return saved;
#else
  (void)flush;
  return 0;
#endif
}

static void leave_denormal_mode(uint32_t saved) {
#if defined(__x86_64__)
  _mm_setcsr(saved);
#else
  (void)saved;
#endif
}

/* Keeps reads the compiler must not drop. */
static volatile float sink;

/* Reads one float per cache line: brings x into the caches it fits in. */
static void touch(const float *x, size_t len) {
  float s = 0.0f;
  for (size_t i = 0; i < len; i += LINE_FLOATS) s += x[i];
  sink = s;
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static size_t round_up(size_t v, size_t m) { return (v + m - 1) / m * m; }

/* The output pool, kept for the whole process: allocating and pre-faulting it per measurement
 * would cost more system time than the measurements. `cursor` continues where the previous
 * run stopped, so the next output is always the least recently written part of the pool. */
static struct {
  float *data;
  size_t bytes;
  size_t cursor;
} pool;

void smx_bench_release_pool(void) {
  free(pool.data);
  pool.data = NULL;
  pool.bytes = 0;
  pool.cursor = 0;
}

/* A pool of at least `bytes`, pre-faulted (every page written) so no timed call pays for
 * first-touch page faults. Returns false when it cannot be allocated. */
static bool ensure_pool(size_t bytes) {
  if (pool.bytes >= bytes) return true;
  free(pool.data);
  pool.data = aligned_alloc(64, bytes);
  pool.bytes = pool.data ? bytes : 0;
  pool.cursor = 0;
  if (!pool.data) return false;
  memset(pool.data, 0, bytes);
  return true;
}

int smx_bench_run(smx_row_kernel fn, const float *x, size_t n, const smx_bench_config *cfg, double *ns_out) {
  /* Every output starts on a cache line, as the input does, so alignment is the same for
   * every call and every kernel; at least two outputs fit, so consecutive calls never share one,
   * unless one output alone is at least the pool (> the last-level cache): then it is evicted
   * by its own writes before the next call, and a second one would only cost memory. */
  const size_t row_bytes = round_up(n, LINE_FLOATS) * sizeof(float);
  const size_t want = row_bytes >= cfg->pool_bytes ? row_bytes : (cfg->pool_bytes > 2 * row_bytes ? cfg->pool_bytes : 2 * row_bytes);
  const size_t pool_bytes = round_up(want, 64);
  const size_t stride = row_bytes / sizeof(float);
  const size_t x_len = cfg->inputs * stride;
  /* An already aligned single input row is read in place: a copy of an 8x-LLC row would double
   * the memory the run needs. */
  const bool in_place = cfg->inputs == 1 && ((uintptr_t)x & 63) == 0;
  float *copy = in_place ? NULL : aligned_alloc(64, x_len * sizeof(float));
  if ((!in_place && !copy) || !ensure_pool(pool_bytes)) {
    free(copy);
    return -1;
  }
  const float *in = in_place ? x : copy;
  for (size_t k = 0; !in_place && k < cfg->inputs; k++) memcpy(copy + k * stride, x, n * sizeof(float));
  const uint32_t mxcsr = enter_denormal_mode(cfg->flush_denormals);
  for (size_t r = 0; r <= cfg->reps; r++) {
    touch(in, x_len);
    const double t0 = now_ns();
    for (size_t c = 0; c < cfg->calls_per_sample; c++) {
      if (pool.cursor + row_bytes > pool.bytes) pool.cursor = 0;
      fn(in, (float *)((char *)pool.data + pool.cursor), n);
      pool.cursor += row_bytes;
    }
    const double t1 = now_ns();
    if (r > 0) ns_out[r - 1] = (t1 - t0) / (double)cfg->calls_per_sample; /* sample 0 is the warm-up */
  }
  leave_denormal_mode(mxcsr);
  free(copy);
  return 0;
}
