/* Native peers of `softmax-verify bench --peers`: XNNPACK's softmax operator (the library of
 * the Two-Pass paper's authors) and oneDNN's softmax primitive, timed by the same loop as our
 * native kernels (src/kernels/native/c/bench.c, compiled into this program), so a figure
 * means the same thing as ours: pool of outputs, input warmed before each sample, ns per call.
 *
 *   smx-native-peers list
 *   smx-native-peers PEER X.f32 REPS CALLS_PER_SAMPLE POOL_BYTES FLUSH_DENORMALS(0|1) [Y.f32]
 *
 * PEER: xnnpack | onednn. X.f32: one row of raw float32. Prints one line of JSON,
 * {"samples":[ns per call, ...]}, and with Y.f32 writes the softmax of X (one more call) there.
 * Operator / primitive creation is outside the timing; one timed call is what a user does per
 * row once it exists: XNNPACK setup (binds the pointers) + run; oneDNN set the two data handles
 * + execute + stream wait. Single thread: XNNPACK without a thread pool; oneDNN with
 * OMP_NUM_THREADS=1 (set by the caller). Exit 2 on a usage error, 1 when a library call fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <oneapi/dnnl/dnnl.h>
#include <xnnpack.h>

#include "bench.h"

static void die(int code, const char *what) {
  fprintf(stderr, "smx-native-peers: %s\n", what);
  exit(code);
}

/* ---- XNNPACK ---- */
static xnn_operator_t xnn_op;

static void xnn_softmax(const float *x, float *y, size_t n) {
  (void)n;
  /* Setup binds this call's pointers; batch 1, no thread pool: one thread, as our kernels. */
  if (xnn_setup_softmax_nc_f32(xnn_op, 1, x, y, NULL) != xnn_status_success) die(1, "xnn_setup_softmax_nc_f32 failed");
  if (xnn_run_operator(xnn_op, NULL) != xnn_status_success) die(1, "xnn_run_operator failed");
}

static void xnn_prepare(size_t n) {
  if (xnn_initialize(NULL) != xnn_status_success) die(1, "xnn_initialize failed (CPU not supported?)");
  if (xnn_create_softmax_nc_f32(n, n, n, 0, &xnn_op) != xnn_status_success) die(1, "xnn_create_softmax_nc_f32 failed");
}

/* ---- oneDNN ---- */
static dnnl_engine_t dnnl_eng;
static dnnl_stream_t dnnl_str;
static dnnl_primitive_t dnnl_prim;
static dnnl_memory_t dnnl_src, dnnl_dst;

static void dnnl_check(dnnl_status_t s, const char *what) {
  if (s != dnnl_success) die(1, what);
}

static void onednn_softmax(const float *x, float *y, size_t n) {
  (void)n;
  dnnl_check(dnnl_memory_set_data_handle(dnnl_src, (void *)x), "dnnl_memory_set_data_handle(src) failed");
  dnnl_check(dnnl_memory_set_data_handle(dnnl_dst, y), "dnnl_memory_set_data_handle(dst) failed");
  const dnnl_exec_arg_t args[2] = {{DNNL_ARG_SRC, dnnl_src}, {DNNL_ARG_DST, dnnl_dst}};
  dnnl_check(dnnl_primitive_execute(dnnl_prim, dnnl_str, 2, args), "dnnl_primitive_execute failed");
  dnnl_check(dnnl_stream_wait(dnnl_str), "dnnl_stream_wait failed");
}

static void onednn_prepare(size_t n, const float *x) {
  dnnl_check(dnnl_engine_create(&dnnl_eng, dnnl_cpu, 0), "dnnl_engine_create failed");
  dnnl_check(dnnl_stream_create(&dnnl_str, dnnl_eng, dnnl_stream_default_flags), "dnnl_stream_create failed");
  const dnnl_dims_t dims = {1, (dnnl_dim_t)n};
  dnnl_memory_desc_t md;
  dnnl_check(dnnl_memory_desc_init_by_tag(&md, 2, dims, dnnl_f32, dnnl_ab), "dnnl_memory_desc_init_by_tag failed");
  dnnl_softmax_v2_desc_t sd;
  /* Softmax over axis 1 (the row), the "accurate" algorithm (max-subtracting; not log-softmax). */
  dnnl_check(dnnl_softmax_v2_forward_desc_init(&sd, dnnl_forward_inference, dnnl_softmax_accurate, &md, &md, 1), "dnnl_softmax_v2_forward_desc_init failed");
  dnnl_primitive_desc_t pd;
  dnnl_check(dnnl_primitive_desc_create(&pd, &sd, NULL, dnnl_eng, NULL), "dnnl_primitive_desc_create failed");
  dnnl_check(dnnl_primitive_create(&dnnl_prim, pd), "dnnl_primitive_create failed");
  dnnl_check(dnnl_memory_create(&dnnl_src, &md, dnnl_eng, (void *)x), "dnnl_memory_create(src) failed");
  dnnl_check(dnnl_memory_create(&dnnl_dst, &md, dnnl_eng, DNNL_MEMORY_NONE), "dnnl_memory_create(dst) failed");
}

static size_t count_arg(const char *s, const char *name) {
  char *end;
  const unsigned long long v = strtoull(s, &end, 10);
  if (*s == '\0' || *end != '\0' || v == 0) {
    fprintf(stderr, "smx-native-peers: %s: expected a positive integer, got \"%s\"\n", name, s);
    exit(2);
  }
  return (size_t)v;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "list") == 0) {
    puts("xnnpack\nonednn");
    return 0;
  }
  if (argc != 7 && argc != 8) die(2, "usage: smx-native-peers PEER X.f32 REPS CALLS_PER_SAMPLE POOL_BYTES FLUSH_DENORMALS [Y.f32]");
  const char *peer = argv[1];
  FILE *f = fopen(argv[2], "rb");
  if (!f) die(2, "X.f32: cannot open");
  fseek(f, 0, SEEK_END);
  const long bytes = ftell(f);
  fseek(f, 0, SEEK_SET);
  if (bytes <= 0 || bytes % 4 != 0) die(2, "X.f32: expected a positive multiple of 4 bytes");
  const size_t n = (size_t)bytes / 4;
  float *x = aligned_alloc(64, ((size_t)bytes + 63) / 64 * 64);
  if (!x || fread(x, 4, n, f) != n) die(1, "X.f32: cannot read");
  fclose(f);
  smx_bench_config cfg = {.inputs = 1};
  cfg.reps = count_arg(argv[3], "REPS");
  cfg.calls_per_sample = count_arg(argv[4], "CALLS_PER_SAMPLE");
  cfg.pool_bytes = count_arg(argv[5], "POOL_BYTES");
  cfg.flush_denormals = strcmp(argv[6], "1") == 0;
  smx_row_kernel fn;
  if (strcmp(peer, "xnnpack") == 0) {
    xnn_prepare(n);
    fn = xnn_softmax;
  } else if (strcmp(peer, "onednn") == 0) {
    onednn_prepare(n, x);
    fn = onednn_softmax;
  } else {
    die(2, "PEER: expected xnnpack or onednn");
  }
  double *ns = malloc(cfg.reps * sizeof(double));
  if (!ns || smx_bench_run(fn, x, n, &cfg, ns) != 0) die(1, "cannot allocate the rows and the output pool");
  printf("{\"samples\":[");
  for (size_t r = 0; r < cfg.reps; r++) printf("%s%.1f", r ? "," : "", ns[r]);
  printf("]}\n");
  if (argc == 8) {
    float *y = aligned_alloc(64, ((size_t)bytes + 63) / 64 * 64);
    if (!y) die(1, "cannot allocate y");
    fn(x, y, n);
    FILE *o = fopen(argv[7], "wb");
    if (!o || fwrite(y, 4, n, o) != n || fclose(o) != 0) die(1, "Y.f32: cannot write");
  }
  return 0;
}
