/* Standalone harness for the NEON kernels (built by scripts/build-neon.sh, run under
 * qemu-aarch64 by neon.test.ts): runs one kernel over every row of an input file and writes
 * the outputs, checking memory safety on the way.
 *
 *   neon-harness --list                       the kernel ids it runs, one a line
 *   neon-harness KERNEL IN OUT                IN: rows framed as u32 LE length n, then n float32 LE;
 *                                             OUT: the outputs, framed the same way
 *   neon-harness KERNEL IN OUT --cols N       IN, OUT: raw float32 LE rows of N (the CLI's run/oracle format)
 *
 * Every row is copied into a buffer with CANARY_PAD canary elements on each side, at an
 * element offset that cycles through 0..3 (so the kernels see every alignment mod 16 bytes),
 * run out of place, then again in place. A row fails when the kernel writes a canary, changes
 * x, or its in-place output differs from the out-of-place one; failures go to stderr and the
 * exit code is 3 (after every row has been written). Usage and input errors exit 2, writing
 * nothing. `canary-control` is a deliberately broken kernel (it writes y[n]) that shows the
 * checks can fail. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels_neon.h"

#define CANARY 0x7FA5A5A5u /* a signalling-NaN pattern no kernel produces */
#define CANARY_PAD 16      /* elements each side: four NEON vectors */
#define OFFSETS 4

typedef void (*kernel_fn)(const float *x, float *y, size_t n);

/* Writes one element past the end; exists only to prove the canary check fires. */
static void canary_control(const float *x, float *y, size_t n) {
  for (size_t i = 0; i < n; i++) y[i] = x[i] == x[i] ? 0.0f : x[i];
  y[n] = 0.0f;
}

static const struct {
  const char *id;
  kernel_fn fn;
} KERNELS[] = {
    {"three-pass-recompute/neon/paper", smx_three_pass_recompute_neon_paper},
    {"three-pass-reload/neon/paper", smx_three_pass_reload_neon_paper},
    {"two-pass/neon/paper", smx_two_pass_neon_paper},
    {"online/neon/paper", smx_online_neon_paper},
    {"three-pass-recompute/neon/accurate", smx_three_pass_recompute_neon_accurate},
    {"three-pass-reload/neon/accurate", smx_three_pass_reload_neon_accurate},
    {"two-pass/neon/accurate", smx_two_pass_neon_accurate},
    {"online/neon/accurate", smx_online_neon_accurate},
};
#define KERNEL_COUNT (sizeof KERNELS / sizeof KERNELS[0])

static void fail_usage(const char *msg, const char *arg) {
  fprintf(stderr, "neon-harness: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
  exit(2);
}

static kernel_fn find_kernel(const char *id) {
  if (strcmp(id, "canary-control") == 0) return canary_control;
  for (size_t k = 0; k < KERNEL_COUNT; k++) {
    if (strcmp(id, KERNELS[k].id) == 0) return KERNELS[k].fn;
  }
  return NULL;
}

static unsigned char *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) fail_usage(strerror(errno), path);
  size_t cap = 1 << 16, len = 0;
  unsigned char *buf = malloc(cap);
  for (;;) {
    if (!buf) fail_usage("out of memory reading", path);
    len += fread(buf + len, 1, cap - len, f);
    if (len < cap) break;
    cap *= 2;
    buf = realloc(buf, cap);
  }
  if (ferror(f)) fail_usage("cannot read", path);
  fclose(f);
  *size = len;
  return buf;
}

static void fill_canaries(uint32_t *b, size_t count) {
  for (size_t i = 0; i < count; i++) b[i] = CANARY;
}

/* Index of the first canary outside [start, start + n) that was overwritten, or -1. */
static long broken_canary(const uint32_t *b, size_t count, size_t start, size_t n) {
  for (size_t i = 0; i < count; i++) {
    if ((i < start || i >= start + n) && b[i] != CANARY) return (long)i - (long)start;
  }
  return -1;
}

/* Runs the kernel on row r (n elements at x) as described above; the out-of-place output goes to y. */
static int check_row(kernel_fn fn, size_t r, const float *x, float *y, size_t n) {
  const size_t ox = r % OFFSETS, oy = (r + 1) % OFFSETS;
  const size_t count = n + OFFSETS + 2 * CANARY_PAD;
  uint32_t *xb = malloc(count * sizeof *xb), *yb = malloc(count * sizeof *yb);
  if (!xb || !yb) fail_usage("out of memory", NULL);
  int ok = 1;
  fill_canaries(xb, count);
  fill_canaries(yb, count);
  float *xv = (float *)(xb + CANARY_PAD + ox), *yv = (float *)(yb + CANARY_PAD + oy);
  memcpy(xv, x, n * sizeof *x);
  fn(xv, yv, n);
  long at;
  if ((at = broken_canary(xb, count, CANARY_PAD + ox, n)) != -1) {
    fprintf(stderr, "row %zu (n=%zu): x canary at element %ld overwritten\n", r, n, at);
    ok = 0;
  }
  if ((at = broken_canary(yb, count, CANARY_PAD + oy, n)) != -1) {
    fprintf(stderr, "row %zu (n=%zu): y canary at element %ld overwritten\n", r, n, at);
    ok = 0;
  }
  if (memcmp(xv, x, n * sizeof *x) != 0) {
    fprintf(stderr, "row %zu (n=%zu): x changed\n", r, n);
    ok = 0;
  }
  memcpy(y, yv, n * sizeof *y);
  /* In place: the same bits as out of place. */
  fill_canaries(xb, count);
  memcpy(xv, x, n * sizeof *x);
  fn(xv, xv, n);
  if ((at = broken_canary(xb, count, CANARY_PAD + ox, n)) != -1) {
    fprintf(stderr, "row %zu (n=%zu): in-place canary at element %ld overwritten\n", r, n, at);
    ok = 0;
  }
  if (memcmp(xv, y, n * sizeof *y) != 0) {
    fprintf(stderr, "row %zu (n=%zu): in-place output differs from out-of-place\n", r, n);
    ok = 0;
  }
  free(xb);
  free(yb);
  return ok;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    for (size_t k = 0; k < KERNEL_COUNT; k++) puts(KERNELS[k].id);
    return 0;
  }
  if (argc != 4 && !(argc == 6 && strcmp(argv[4], "--cols") == 0)) {
    fail_usage("usage: neon-harness --list | KERNEL IN OUT [--cols N]", NULL);
  }
  const kernel_fn fn = find_kernel(argv[1]);
  if (!fn) fail_usage("unknown kernel (see --list)", argv[1]);
  size_t cols = 0;
  if (argc == 6) {
    char *end;
    errno = 0;
    const unsigned long long c = strtoull(argv[5], &end, 10);
    if (errno || *end || c == 0 || argv[5][0] == '-') fail_usage("--cols: expected a positive integer", argv[5]);
    cols = (size_t)c;
  }
  size_t size;
  unsigned char *in = read_file(argv[2], &size);
  /* Validate the whole file before writing anything. */
  size_t rows = 0;
  if (cols) {
    if (size % (cols * sizeof(float)) != 0) fail_usage("IN: size is not a multiple of 4 * cols bytes", argv[2]);
    rows = size / (cols * sizeof(float));
  } else {
    for (size_t at = 0; at < size; rows++) {
      uint32_t n;
      if (size - at < sizeof n) fail_usage("IN: truncated row length", argv[2]);
      memcpy(&n, in + at, sizeof n);
      at += sizeof n;
      if ((size - at) / sizeof(float) < n) fail_usage("IN: row shorter than its length", argv[2]);
      at += (size_t)n * sizeof(float);
    }
  }
  unsigned char *out = malloc(size ? size : 1);
  if (!out) fail_usage("out of memory", NULL);
  int failures = 0;
  size_t at = 0;
  for (size_t r = 0; r < rows; r++) {
    size_t n = cols;
    if (!cols) {
      uint32_t n32;
      memcpy(&n32, in + at, sizeof n32);
      memcpy(out + at, &n32, sizeof n32);
      at += sizeof n32;
      n = n32;
    }
    /* Copies in and out keep every access aligned, whatever the framing did to the offsets. */
    float *x = malloc((n ? n : 1) * sizeof *x), *y = malloc((n ? n : 1) * sizeof *y);
    if (!x || !y) fail_usage("out of memory", NULL);
    memcpy(x, in + at, n * sizeof *x);
    if (!check_row(fn, r, x, y, n)) failures++;
    memcpy(out + at, y, n * sizeof *y);
    at += n * sizeof(float);
    free(x);
    free(y);
  }
  FILE *f = fopen(argv[3], "wb");
  if (!f) fail_usage(strerror(errno), argv[3]);
  if (fwrite(out, 1, size, f) != size || fclose(f) != 0) fail_usage("cannot write", argv[3]);
  if (failures) fprintf(stderr, "neon-harness: %s: %d of %zu rows failed the memory checks\n", argv[1], failures, rows);
  return failures ? 3 : 0;
}
