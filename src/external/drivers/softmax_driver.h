/*
 * softmax_driver.h: a header-only driver that turns softmax functions with the C ABI of
 * docs/porting.md into a program speaking softmax-verify's process ABI, version 1
 * (docs/process-abi.md), so that `softmax-verify check --exec 'CMD ARGS'` can check them
 * wherever CMD runs them: here, under qemu-user, over ssh or adb.
 *
 * One kernel:
 *
 *   #define SOFTMAX_DRIVER_KERNEL my_softmax            // void my_softmax(const float *x, float *y, size_t n)
 *   #define SOFTMAX_DRIVER_KERNEL_ROWS my_softmax_rows  // optional: (x, y, rows, cols, x_stride, y_stride)
 *   #include "softmax_driver.h"                         // defines main()
 *
 * Several kernels in one program, chosen by its first argument (`./driver two-pass`;
 * `./driver --list` prints the names):
 *
 *   #include "softmax_driver.h"
 *   static const struct softmax_driver_kernel kernels[] = {
 *     {"two-pass", two_pass_neon, NULL}, {"online", online_neon, NULL}, {NULL, NULL, NULL}};
 *   int main(int argc, char **argv) { return softmax_driver_main(argc, argv, kernels); }
 *
 * What it does for the kernel: the protocol moves off fds 0 and 1 before anything else, so
 * the kernel may print (its stdout goes to stderr, which softmax-verify shows); x and y end
 * at PROT_NONE guard pages, so reading x[n] or writing y[n] is reported with the index; a
 * change to x and a fatal signal are reported too. POSIX, little-endian (as the protocol).
 * C99 or later, or C++. In strict modes (-std=c99, -std=c11) include it before other
 * headers or compile with -D_DEFAULT_SOURCE (it needs mmap, sigaltstack, clock_gettime).
 */
#ifndef SOFTMAX_DRIVER_H
#define SOFTMAX_DRIVER_H

/* mmap(MAP_ANONYMOUS) and sigaltstack are not in strict ISO C modes (-std=c99): ask for them.
 * This only takes effect when no system header came before this one. */
#if !defined(_DEFAULT_SOURCE) && !defined(_GNU_SOURCE)
#define _DEFAULT_SOURCE 1
#endif

#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "softmax_driver.h: process ABI version 1 is little-endian; this target is not"
#endif

typedef void (*softmax_driver_row_fn)(const float *x, float *y, size_t n);
typedef void (*softmax_driver_rows_fn)(const float *x, float *y, size_t rows, size_t cols, size_t x_stride, size_t y_stride);

struct softmax_driver_kernel {
  const char *name;
  softmax_driver_row_fn row;   /* required */
  softmax_driver_rows_fn rows; /* optional: NULL calls row once per row */
};

/* Process ABI version 1 (docs/process-abi.md). */
enum { SMXD_VERSION = 1, SMXD_FLAG_ROWS = 1, SMXD_FLAG_TIME = 2, SMXD_OP_EACH_ROW = 1, SMXD_OP_ROWS = 2, SMXD_OP_TIME = 3 };
enum { SMXD_OK = 0, SMXD_OUT_OF_BOUNDS = 1, SMXD_SIGNAL = 2, SMXD_X_MODIFIED = 3, SMXD_BAD_REQUEST = 10 };
#define SMXD_Y_CANARY 0xff5a5a5au
/* Larger requests are refused (BAD_REQUEST): 2^28 floats is 1 GiB per buffer. */
#define SMXD_MAX_ELEMENTS ((size_t)1 << 28)

struct smxd_guarded {
  uint8_t *base;
  size_t cap;
  float *data;
};

static struct smxd_guarded smxd_x, smxd_y;
static size_t smxd_page;
static int smxd_in = 0, smxd_out = 1;

static int smxd_read(void *p, size_t n) {
  uint8_t *b = (uint8_t *)p;
  while (n) {
    ssize_t r = read(smxd_in, b, n);
    if (r <= 0) return 0;
    b += r;
    n -= (size_t)r;
  }
  return 1;
}

/* Async-signal-safe: the fault handler answers through it. */
static void smxd_write(const void *p, size_t n) {
  const uint8_t *b = (const uint8_t *)p;
  while (n) {
    ssize_t w = write(smxd_out, b, n);
    if (w <= 0) _exit(4);
    b += w;
    n -= (size_t)w;
  }
}

static void smxd_respond(int32_t status, int32_t a, int32_t b, const char *text) {
  uint32_t len = text ? (uint32_t)strlen(text) : 0;
  int32_t head[4] = {status, a, b, (int32_t)len};
  smxd_write(head, sizeof head);
  if (len) smxd_write(text, len);
}

/* The last element of the buffer is the last word before a PROT_NONE page. */
static float *smxd_place(struct smxd_guarded *g, size_t count) {
  size_t bytes = count * sizeof(float);
  if (!g->base || bytes > g->cap) {
    if (g->base) munmap(g->base, g->cap + smxd_page);
    size_t cap = bytes ? (bytes + smxd_page - 1) / smxd_page * smxd_page : smxd_page;
    void *m = mmap(NULL, cap + smxd_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED || mprotect((uint8_t *)m + cap, smxd_page, PROT_NONE) != 0) {
      fprintf(stderr, "softmax_driver: cannot map %zu bytes\n", cap + smxd_page);
      _exit(5);
    }
    g->base = (uint8_t *)m;
    g->cap = cap;
  }
  g->data = (float *)(g->base + g->cap - bytes);
  return g->data;
}

static int smxd_in_guard(const struct smxd_guarded *g, const uint8_t *addr) {
  return g->base && addr >= g->base + g->cap && addr < g->base + g->cap + smxd_page;
}

static void smxd_on_fault(int sig, siginfo_t *si, void *uctx) {
  (void)uctx;
  const uint8_t *addr = (const uint8_t *)si->si_addr;
  if (sig == SIGSEGV && smxd_in_guard(&smxd_x, addr)) smxd_respond(SMXD_OUT_OF_BOUNDS, 0, (int32_t)((addr - (const uint8_t *)smxd_x.data) / 4), NULL);
  else if (sig == SIGSEGV && smxd_in_guard(&smxd_y, addr)) smxd_respond(SMXD_OUT_OF_BOUNDS, 1, (int32_t)((addr - (const uint8_t *)smxd_y.data) / 4), NULL);
  else smxd_respond(SMXD_SIGNAL, sig, 0, NULL);
  _exit(0);
}

static void smxd_setup(void) {
  smxd_page = (size_t)sysconf(_SC_PAGESIZE);
  /* The protocol keeps the streams as started; the kernel gets /dev/null and stderr. */
  smxd_in = dup(0);
  smxd_out = dup(1);
  int devnull = open("/dev/null", O_RDONLY);
  if (smxd_in < 0 || smxd_out < 0 || devnull < 0 || dup2(devnull, 0) < 0 || dup2(2, 1) < 0) {
    fprintf(stderr, "softmax_driver: cannot set up the protocol channel\n");
    _exit(5);
  }
  close(devnull);
  setvbuf(stdout, NULL, _IOLBF, 0);
  static uint8_t alt[1 << 16];
  stack_t ss;
  memset(&ss, 0, sizeof ss);
  ss.ss_sp = alt;
  ss.ss_size = sizeof alt;
  sigaltstack(&ss, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = smxd_on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
}

static double smxd_now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static volatile float smxd_sink;

/*
 * The TIME op, with the method of softmax-verify bench (docs/bench.md): `reps` samples after
 * one warm-up sample, each of `calls` calls on the same x brought into cache first (one read
 * per 64-byte line), every call writing the next, least recently written, part of an output
 * pool of `pool` floats (pre-faulted). Answers reps float64: ns per call of each sample.
 */
static void smxd_time(const struct softmax_driver_kernel *k, const float *x, size_t n, uint32_t reps, uint32_t calls, size_t pool_floats) {
  size_t stride = (n + 15) / 16 * 16;
  if (pool_floats < 2 * stride) pool_floats = 2 * stride;
  float *pool = (float *)malloc((pool_floats ? pool_floats : 1) * sizeof(float));
  double *ns = (double *)malloc(((size_t)reps + 1) * sizeof(double));
  if (!pool || !ns) _exit(5);
  memset(pool, 0, pool_floats * sizeof(float));
  size_t cursor = 0;
  for (uint32_t r = 0; r <= reps; r++) {
    float s = 0;
    for (size_t i = 0; i < n; i += 16) s += x[i];
    smxd_sink = s;
    double t0 = smxd_now_ns();
    for (uint32_t c = 0; c < calls; c++) {
      if (cursor + stride > pool_floats) cursor = 0;
      k->row(x, pool + cursor, n);
      cursor += stride;
    }
    ns[r] = (smxd_now_ns() - t0) / (double)calls;
  }
  smxd_respond(SMXD_OK, 0, 0, NULL);
  smxd_write(ns + 1, (size_t)reps * sizeof(double)); /* sample 0 was the warm-up */
  free(pool);
  free(ns);
}

/* Serves one kernel until the host closes the channel; returns the exit status. */
static int softmax_driver_serve(const struct softmax_driver_kernel *k) {
  smxd_setup();
  uint32_t hello[4] = {0, (uint32_t)SMXD_VERSION, (k->rows ? (uint32_t)SMXD_FLAG_ROWS : 0u) | (uint32_t)SMXD_FLAG_TIME, 0};
  memcpy(&hello[0], "SMXP", 4);
  smxd_write(hello, sizeof hello);
  float *x_copy = NULL;
  size_t copy_cap = 0;
  char why[160];
  for (;;) {
    uint32_t h[5];
    if (!smxd_read(h, sizeof h)) return 0;
    uint32_t op = h[0], rows = h[1], cols = h[2], xs = h[3], ys = h[4];
    why[0] = 0;
    if (op == SMXD_OP_TIME) {
      /* rows: samples, cols: n, x_stride: calls per sample, y_stride: output pool in floats. */
      float *x = smxd_place(&smxd_x, cols);
      if (!smxd_read(x, (size_t)cols * sizeof(float))) return 0;
      if (rows == 0 || xs == 0 || cols > SMXD_MAX_ELEMENTS) {
        smxd_respond(SMXD_BAD_REQUEST, 0, 0, "time: samples and calls must be >= 1, n at most 2^28");
        return 3;
      }
      smxd_time(k, x, cols, rows, xs, ys);
      continue;
    }
    size_t xlen = rows ? (size_t)(rows - 1) * xs + cols : 0;
    size_t ylen = rows ? (size_t)(rows - 1) * ys + cols : 0;
    if (op != SMXD_OP_EACH_ROW && op != SMXD_OP_ROWS) snprintf(why, sizeof why, "unknown op %u (version 1 has 1, 2 and 3)", op);
    else if (rows > 1 && (xs < cols || ys < cols)) snprintf(why, sizeof why, "strides %u, %u shorter than the %u columns", xs, ys, cols);
    else if (xlen > SMXD_MAX_ELEMENTS || ylen > SMXD_MAX_ELEMENTS) snprintf(why, sizeof why, "%zu/%zu elements: more than this driver takes", xlen, ylen);
    if (why[0]) {
      smxd_respond(SMXD_BAD_REQUEST, 0, 0, why);
      return 3;
    }
    float *x = smxd_place(&smxd_x, xlen);
    if (!smxd_read(x, xlen * sizeof(float))) return 0;
    if (xlen > copy_cap) {
      free(x_copy);
      x_copy = (float *)malloc(xlen * sizeof(float));
      if (!x_copy) _exit(5);
      copy_cap = xlen;
    }
    if (xlen) memcpy(x_copy, x, xlen * sizeof(float));
    float *y = smxd_place(&smxd_y, ylen);
    uint32_t canary = SMXD_Y_CANARY;
    for (size_t i = 0; i < ylen; i++) memcpy(&y[i], &canary, sizeof canary);

    if (op == SMXD_OP_ROWS && k->rows) k->rows(x, y, rows, cols, xs, ys);
    else for (uint32_t r = 0; r < rows; r++) k->row(x + (size_t)r * xs, y + (size_t)r * ys, cols);
    fflush(stdout);

    size_t changed = xlen;
    for (size_t i = 0; i < xlen && changed == xlen; i++)
      if (memcmp(&x[i], &x_copy[i], sizeof(float)) != 0) changed = i;
    if (changed < xlen) {
      smxd_respond(SMXD_X_MODIFIED, (int32_t)changed, 0, NULL);
      continue;
    }
    /* The gaps between rows go back as they are: the host checks they still hold the canary. */
    smxd_respond(SMXD_OK, 0, 0, NULL);
    smxd_write(y, ylen * sizeof(float));
  }
}

/* Picks the kernel named by argv[1] (or the only one), or lists them; then serves it. */
static int softmax_driver_main(int argc, char **argv, const struct softmax_driver_kernel *table) {
  size_t count = 0;
  while (table[count].name) count++;
  if (argc > 1 && strcmp(argv[1], "--list") == 0) {
    for (size_t i = 0; i < count; i++) printf("%s\n", table[i].name);
    return 0;
  }
  if (argc < 2 && count == 1) return softmax_driver_serve(&table[0]);
  for (size_t i = 0; argc >= 2 && i < count; i++)
    if (strcmp(argv[1], table[i].name) == 0) return softmax_driver_serve(&table[i]);
  fprintf(stderr, "%s: %s; this driver serves:", argv[0], argc < 2 ? "name the kernel to serve" : "no such kernel");
  for (size_t i = 0; i < count; i++) fprintf(stderr, " %s", table[i].name);
  fprintf(stderr, "\n");
  return 2;
}

#ifdef SOFTMAX_DRIVER_KERNEL
void SOFTMAX_DRIVER_KERNEL(const float *x, float *y, size_t n);
#ifdef SOFTMAX_DRIVER_KERNEL_ROWS
void SOFTMAX_DRIVER_KERNEL_ROWS(const float *x, float *y, size_t rows, size_t cols, size_t x_stride, size_t y_stride);
#define SMXD_ROWS_ENTRY SOFTMAX_DRIVER_KERNEL_ROWS
#else
#define SMXD_ROWS_ENTRY NULL
#endif
#define SMXD_STR2(s) #s
#define SMXD_STR(s) SMXD_STR2(s)
int main(int argc, char **argv) {
  static const struct softmax_driver_kernel table[] = {{SMXD_STR(SOFTMAX_DRIVER_KERNEL), SOFTMAX_DRIVER_KERNEL, SMXD_ROWS_ENTRY}, {NULL, NULL, NULL}};
  return softmax_driver_main(argc, argv, table);
}
#endif

#endif /* SOFTMAX_DRIVER_H */
