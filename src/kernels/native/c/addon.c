/* Node-API entry points. Every argument is validated here, in native code, before any
 * kernel touches memory; a bad argument becomes a JS TypeError or RangeError naming the
 * argument, never a crash. Batched rows run in one call; this layer does no per-element work.
 *
 * Exports:
 *   kernelIds: string[]           kernel k has id kernelIds[k] ("two-pass/avx512/accurate"), in spec-table order
 *   softmax(k, x, y)              one row, x and y Float32Array of equal length (y may be x)
 *   softmaxRows(k, x, y, rows, cols, xStride, yStride)
 *   selectIsa(cap?)               "avx512" | "avx2" | "scalar" (no native ISA allowed)
 *   isaUnavailableReason(isa)     null, or why the policy may not pick isa here
 *   cpuFeatures()                 the detected CPU/OS feature flags
 *   benchKernel(k, x, reps, callsPerSample, poolBytes, flushDenormals)  Float64Array of ns per call (bench.h)
 *   benchMemory(pattern, isa, x, reps, callsPerSample, poolBytes, flushDenormals)  the same for a memory-only kernel
 *   benchReleasePool()            frees the timing loop's output pool (bench.h)
 *   memoryPatterns: string[]      the memory-only patterns' names (bench.h)
 *   denormalMode()                { mxcsr, ftz, daz } of the calling thread */
#define NAPI_VERSION 8
#include <node_api.h>

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "cpu_features.h"
#include "dispatch.h"
#include "kernels.h"

/* Kernel k of kernelIds, softmax and softmaxRows: row k of the spec table's native kernels, in
 * its order (SMX_NATIVE_KERNELS of the generated kernel_table.h); its function is slot k of its
 * ISA's table (kernels_<isa>.c). */
typedef struct {
  const char *id;
  smx_isa isa;
} kernel_row;

#define KERNEL_ROW(k, id, isa, function) [k] = {id, isa},
static const kernel_row KERNELS[SMX_NATIVE_KERNEL_COUNT] = {SMX_NATIVE_KERNELS(KERNEL_ROW)};
#undef KERNEL_ROW

/* ---- errors ---- */

typedef napi_status (*thrower)(napi_env, const char *, const char *);

static napi_value throw_fmt(napi_env env, thrower kind, const char *code, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  kind(env, code, msg);
  return NULL;
}
#define TYPE_ERROR(env, ...) throw_fmt(env, napi_throw_type_error, "ERR_INVALID_ARG_TYPE", __VA_ARGS__)
#define RANGE_ERROR(env, ...) throw_fmt(env, napi_throw_range_error, "ERR_OUT_OF_RANGE", __VA_ARGS__)

/* A Node-API call that should not fail; if it does, a JS exception is pending or thrown. */
#define NAPI_OK(env, call)                                                      \
  do {                                                                          \
    if ((call) != napi_ok) {                                                    \
      bool pending = false;                                                     \
      napi_is_exception_pending((env), &pending);                               \
      if (!pending) napi_throw_error((env), "ERR_NAPI", "Node-API call failed: " #call); \
      return NULL;                                                              \
    }                                                                           \
  } while (0)

/* What a value is, for messages: "a Float64Array", "a DataView", "a number", ... */
static void describe(napi_env env, napi_value v, char *buf, size_t size) {
  bool flag = false;
  if (napi_is_typedarray(env, v, &flag) == napi_ok && flag) {
    static const char *const names[] = {"an Int8Array",    "a Uint8Array",   "a Uint8ClampedArray", "an Int16Array",
                                        "a Uint16Array",   "an Int32Array",  "a Uint32Array",       "a Float32Array",
                                        "a Float64Array",  "a BigInt64Array", "a BigUint64Array"};
    napi_typedarray_type type;
    size_t length;
    if (napi_get_typedarray_info(env, v, &type, &length, NULL, NULL, NULL) == napi_ok &&
        (size_t)type < sizeof names / sizeof names[0]) {
      snprintf(buf, size, "%s", names[type]);
      return;
    }
  }
  if (napi_is_dataview(env, v, &flag) == napi_ok && flag) return (void)snprintf(buf, size, "a DataView");
  if (napi_is_arraybuffer(env, v, &flag) == napi_ok && flag) return (void)snprintf(buf, size, "an ArrayBuffer");
  if (napi_is_array(env, v, &flag) == napi_ok && flag) return (void)snprintf(buf, size, "an Array");
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok) t = napi_undefined;
  static const char *const kinds[] = {"undefined", "null",      "a boolean", "a number",  "a string",
                                      "a symbol",  "an object", "a function", "an external", "a bigint"};
  snprintf(buf, size, "%s", (size_t)t < sizeof kinds / sizeof kinds[0] ? kinds[t] : "an unknown value");
}

/* ---- argument readers: each returns false with a pending JS exception on a bad argument ---- */

typedef struct {
  float *data;
  size_t length;
} f32_view;

static bool read_f32(napi_env env, napi_value v, const char *name, f32_view *out) {
  bool is_typed = false;
  napi_typedarray_type type = napi_int8_array;
  napi_value buffer;
  void *data = NULL;
  char got[64];
  if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, v, &type, &out->length, &data, &buffer, NULL) != napi_ok ||
      type != napi_float32_array) {
    describe(env, v, got, sizeof got);
    TYPE_ERROR(env, "%s: expected a Float32Array, got %s", name, got);
    return false;
  }
  bool detached = false;
  if (napi_is_detached_arraybuffer(env, buffer, &detached) != napi_ok || detached) {
    TYPE_ERROR(env, "%s: the Float32Array's buffer is detached", name);
    return false;
  }
  out->data = data;
  return true;
}

/* A non-negative integer count or stride (a safe integer, so it is exact as a double). */
static bool read_count(napi_env env, napi_value v, const char *name, size_t *out) {
  napi_valuetype t;
  double d;
  char got[64];
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_number || napi_get_value_double(env, v, &d) != napi_ok) {
    describe(env, v, got, sizeof got);
    TYPE_ERROR(env, "%s: expected a non-negative integer, got %s", name, got);
    return false;
  }
  if (!(fabs(d) <= 9007199254740991.0) || d != floor(d)) {
    TYPE_ERROR(env, "%s: expected a non-negative integer, got %.17g", name, d);
    return false;
  }
  if (d < 0) {
    RANGE_ERROR(env, "%s: expected a non-negative integer, got %.17g", name, d);
    return false;
  }
  if (d > (double)SIZE_MAX) {
    RANGE_ERROR(env, "%s: %.17g does not fit this platform's address space", name, d);
    return false;
  }
  *out = (size_t)d;
  return true;
}

/* The kernel number, checked against the table and against what this CPU can execute. */
static bool read_kernel(napi_env env, napi_value v, smx_row_kernel *out) {
  size_t k;
  if (!read_count(env, v, "kernel", &k)) return false;
  if (k >= SMX_NATIVE_KERNEL_COUNT) {
    RANGE_ERROR(env, "kernel: expected an index below %u (kernelIds.length), got %zu", (unsigned)SMX_NATIVE_KERNEL_COUNT, k);
    return false;
  }
  const kernel_row *row = &KERNELS[k];
  const char *missing = smx_hardware_missing(row->isa);
  if (missing) {
    throw_fmt(env, napi_throw_error, "ERR_CPU_UNSUPPORTED", "kernel: %s cannot run on this machine: %s", row->id, missing);
    return false;
  }
  *out = smx_kernels_of(row->isa)[k];
  return true;
}

static bool get_args(napi_env env, napi_callback_info info, size_t expected, napi_value *argv) {
  size_t argc = expected;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return false;
  if (argc < expected) {
    TYPE_ERROR(env, "expected %zu arguments, got %zu", expected, argc);
    return false;
  }
  return true;
}

/* [p, p + bytes) and [q, q + bytes') overlap. */
static bool overlaps(const float *p, size_t p_elems, const float *q, size_t q_elems) {
  const uintptr_t a = (uintptr_t)p, b = (uintptr_t)q;
  return a < b + q_elems * sizeof(float) && b < a + p_elems * sizeof(float);
}

/* ---- exports ---- */

static napi_value js_softmax(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  smx_row_kernel kernel;
  f32_view x, y;
  if (!get_args(env, info, 3, argv) || !read_kernel(env, argv[0], &kernel) || !read_f32(env, argv[1], "x", &x) ||
      !read_f32(env, argv[2], "y", &y)) {
    return NULL;
  }
  if (y.length != x.length) return RANGE_ERROR(env, "y: expected length %zu (x.length), got %zu", x.length, y.length);
  if (x.length == 0) return NULL;
  if (x.data != y.data && overlaps(x.data, x.length, y.data, y.length)) {
    return RANGE_ERROR(env, "y: overlaps x without being the same elements; use disjoint buffers or exactly y = x");
  }
  kernel(x.data, y.data, x.length);
  return NULL;
}

/* Elements a rows x cols matrix with this row stride spans: (rows - 1) * stride + cols, or
 * false on size_t overflow. rows > 0. */
static bool extent(size_t rows, size_t cols, size_t stride, size_t *out) {
  size_t skip;
  return !__builtin_mul_overflow(rows - 1, stride, &skip) && !__builtin_add_overflow(skip, cols, out);
}

static napi_value js_softmax_rows(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  smx_row_kernel kernel;
  f32_view x, y;
  size_t rows, cols, xs, ys;
  if (!get_args(env, info, 7, argv) || !read_kernel(env, argv[0], &kernel) || !read_f32(env, argv[1], "x", &x) ||
      !read_f32(env, argv[2], "y", &y) || !read_count(env, argv[3], "rows", &rows) ||
      !read_count(env, argv[4], "cols", &cols) || !read_count(env, argv[5], "xStride", &xs) ||
      !read_count(env, argv[6], "yStride", &ys)) {
    return NULL;
  }
  if (xs < cols) return RANGE_ERROR(env, "xStride: expected an integer >= cols (%zu), got %zu", cols, xs);
  if (ys < cols) return RANGE_ERROR(env, "yStride: expected an integer >= cols (%zu), got %zu", cols, ys);
  if (rows == 0 || cols == 0) return NULL;
  size_t x_need, y_need;
  if (!extent(rows, cols, xs, &x_need) || x_need > x.length) {
    return RANGE_ERROR(env, "x: %zu rows of %zu with stride %zu do not fit its %zu elements", rows, cols, xs, x.length);
  }
  if (!extent(rows, cols, ys, &y_need) || y_need > y.length) {
    return RANGE_ERROR(env, "y: %zu rows of %zu with stride %zu do not fit its %zu elements", rows, cols, ys, y.length);
  }
  if (overlaps(x.data, x_need, y.data, y_need) && !(x.data == y.data && xs == ys)) {
    return RANGE_ERROR(env, "y: overlaps x without being the same elements; use disjoint buffers or exactly y = x with equal strides");
  }
  for (size_t r = 0; r < rows; r++) kernel(x.data + r * xs, y.data + r * ys, cols);
  return NULL;
}

/* An ISA name argument: one of scalar, wasm-simd128, avx2, avx512. */
static bool read_isa(napi_env env, napi_value v, const char *name, smx_isa *out) {
  char buf[32];
  size_t len;
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_string) {
    describe(env, v, buf, sizeof buf);
    TYPE_ERROR(env, "%s: expected one of \"scalar\", \"wasm-simd128\", \"avx2\", \"avx512\", got %s", name, buf);
    return false;
  }
  if (napi_get_value_string_utf8(env, v, buf, sizeof buf, &len) != napi_ok || len >= sizeof buf - 1 ||
      smx_parse_isa(buf, out) != 0) {
    RANGE_ERROR(env, "%s: expected one of \"scalar\", \"wasm-simd128\", \"avx2\", \"avx512\", got \"%s\"", name, buf);
    return false;
  }
  return true;
}

static napi_value make_string(napi_env env, const char *s) {
  napi_value v;
  NAPI_OK(env, napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v));
  return v;
}

static napi_value js_select_isa(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc = 1;
  NAPI_OK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  smx_isa cap = SMX_ISA_AVX512;
  if (argc >= 1) {
    napi_valuetype t;
    NAPI_OK(env, napi_typeof(env, argv[0], &t));
    if (t != napi_undefined && !read_isa(env, argv[0], "cap", &cap)) return NULL;
  }
  return make_string(env, smx_isa_name(smx_select_isa(cap)));
}

static napi_value js_isa_unavailable_reason(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  smx_isa isa;
  if (!get_args(env, info, 1, argv) || !read_isa(env, argv[0], "isa", &isa)) return NULL;
  char buf[160];
  const char *why = smx_isa_unavailable(isa, buf, sizeof buf);
  if (why) return make_string(env, why);
  napi_value null;
  NAPI_OK(env, napi_get_null(env, &null));
  return null;
}

static napi_value js_cpu_features(napi_env env, napi_callback_info info) {
  (void)info;
  const smx_cpu_features *f = smx_cpu();
  const struct {
    const char *name;
    bool value;
  } flags[] = {{"fma", f->fma},           {"avx2", f->avx2},         {"avx512f", f->avx512f}, {"avx512dq", f->avx512dq},
               {"avx512bw", f->avx512bw}, {"avx512vl", f->avx512vl}, {"osYmm", f->os_ymm},    {"osZmm", f->os_zmm}};
  napi_value obj;
  NAPI_OK(env, napi_create_object(env, &obj));
  for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
    napi_value b;
    NAPI_OK(env, napi_get_boolean(env, flags[i].value, &b));
    NAPI_OK(env, napi_set_named_property(env, obj, flags[i].name, b));
  }
  return obj;
}

/* ---- benchmark entry points (bench.h) ---- */

/* Ceilings on the timing arguments: beyond them a call would allocate or loop without bound. */
#define SMX_BENCH_MAX_REPS 1000000u
#define SMX_BENCH_MAX_CALLS_PER_SAMPLE 1000000000u
#define SMX_BENCH_MAX_POOL_BYTES ((size_t)1 << 34)

/* reps, callsPerSample, poolBytes (positive counts below their ceilings) and flushDenormals (a boolean) at argv[0..3]. */
static bool read_bench_config(napi_env env, napi_value *argv, smx_bench_config *cfg) {
  if (!read_count(env, argv[0], "reps", &cfg->reps) || !read_count(env, argv[1], "callsPerSample", &cfg->calls_per_sample) ||
      !read_count(env, argv[2], "poolBytes", &cfg->pool_bytes)) {
    return false;
  }
  napi_valuetype t;
  if (napi_typeof(env, argv[3], &t) != napi_ok || t != napi_boolean || napi_get_value_bool(env, argv[3], &cfg->flush_denormals) != napi_ok) {
    TYPE_ERROR(env, "flushDenormals: expected a boolean");
    return false;
  }
  if (cfg->reps == 0 || cfg->calls_per_sample == 0) {
    RANGE_ERROR(env, "%s: expected a positive integer, got 0", cfg->reps == 0 ? "reps" : "callsPerSample");
    return false;
  }
  if (cfg->reps > SMX_BENCH_MAX_REPS || cfg->calls_per_sample > SMX_BENCH_MAX_CALLS_PER_SAMPLE || cfg->pool_bytes > SMX_BENCH_MAX_POOL_BYTES) {
    RANGE_ERROR(env, "reps, callsPerSample, poolBytes: expected at most %u, %u and %zu, got %zu, %zu and %zu", SMX_BENCH_MAX_REPS,
                SMX_BENCH_MAX_CALLS_PER_SAMPLE, SMX_BENCH_MAX_POOL_BYTES, (size_t)cfg->reps, (size_t)cfg->calls_per_sample, (size_t)cfg->pool_bytes);
    return false;
  }
  return true;
}

/* Runs the timing loop and returns its samples as a Float64Array. */
static napi_value bench_samples(napi_env env, smx_row_kernel fn, const f32_view *x, smx_bench_config *cfg) {
  if (x->length == 0) return RANGE_ERROR(env, "x: expected at least one element");
  napi_value buffer, samples;
  void *data;
  NAPI_OK(env, napi_create_arraybuffer(env, cfg->reps * sizeof(double), &data, &buffer));
  if (smx_bench_run(fn, x->data, x->length, cfg, data) != 0) {
    return throw_fmt(env, napi_throw_error, "ERR_MEMORY", "benchmark: cannot allocate %zu-element rows and a %zu-byte output pool",
                     x->length, cfg->pool_bytes);
  }
  NAPI_OK(env, napi_create_typedarray(env, napi_float64_array, cfg->reps, buffer, 0, &samples));
  return samples;
}

static napi_value js_bench_kernel(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  smx_row_kernel kernel;
  f32_view x;
  smx_bench_config cfg = {.inputs = 1};
  if (!get_args(env, info, 6, argv) || !read_kernel(env, argv[0], &kernel) || !read_f32(env, argv[1], "x", &x) ||
      !read_bench_config(env, argv + 2, &cfg)) {
    return NULL;
  }
  return bench_samples(env, kernel, &x, &cfg);
}

static napi_value js_bench_memory(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  f32_view x;
  smx_isa isa;
  char name[32];
  size_t len;
  if (!get_args(env, info, 7, argv)) return NULL;
  if (napi_get_value_string_utf8(env, argv[0], name, sizeof name, &len) != napi_ok) {
    return TYPE_ERROR(env, "pattern: expected a string (one of memoryPatterns)");
  }
  smx_mem_pattern pattern = SMX_MEM_PATTERN_COUNT;
  for (int p = 0; p < SMX_MEM_PATTERN_COUNT; p++) {
    if (strcmp(name, SMX_MEM_PATTERN_NAMES[p]) == 0) pattern = (smx_mem_pattern)p;
  }
  if (pattern == SMX_MEM_PATTERN_COUNT) return RANGE_ERROR(env, "pattern: \"%s\" is not one of memoryPatterns", name);
  if (!read_isa(env, argv[1], "isa", &isa)) return NULL;
  const char *missing = smx_hardware_missing(isa);
  if (missing) return throw_fmt(env, napi_throw_error, "ERR_CPU_UNSUPPORTED", "isa: %s cannot run here: %s", smx_isa_name(isa), missing);
  smx_bench_config cfg = {.inputs = smx_memory_inputs(pattern)};
  if (!read_f32(env, argv[2], "x", &x) || !read_bench_config(env, argv + 3, &cfg)) return NULL;
  return bench_samples(env, smx_memory_kernel(pattern, isa), &x, &cfg);
}

static napi_value js_bench_release_pool(napi_env env, napi_callback_info info) {
  (void)info;
  smx_bench_release_pool();
  napi_value undefined;
  NAPI_OK(env, napi_get_undefined(env, &undefined));
  return undefined;
}

static napi_value js_denormal_mode(napi_env env, napi_callback_info info) {
  (void)info;
  const uint32_t mxcsr = smx_read_mxcsr();
  napi_value obj, v;
  NAPI_OK(env, napi_create_object(env, &obj));
  NAPI_OK(env, napi_create_uint32(env, mxcsr, &v));
  NAPI_OK(env, napi_set_named_property(env, obj, "mxcsr", v));
  NAPI_OK(env, napi_get_boolean(env, (mxcsr >> 15) & 1, &v));
  NAPI_OK(env, napi_set_named_property(env, obj, "ftz", v));
  NAPI_OK(env, napi_get_boolean(env, (mxcsr >> 6) & 1, &v));
  NAPI_OK(env, napi_set_named_property(env, obj, "daz", v));
  return obj;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value ids;
  NAPI_OK(env, napi_create_array_with_length(env, SMX_NATIVE_KERNEL_COUNT, &ids));
  for (uint32_t k = 0; k < SMX_NATIVE_KERNEL_COUNT; k++) NAPI_OK(env, napi_set_element(env, ids, k, make_string(env, KERNELS[k].id)));
  NAPI_OK(env, napi_object_freeze(env, ids));
  napi_value patterns;
  NAPI_OK(env, napi_create_array_with_length(env, SMX_MEM_PATTERN_COUNT, &patterns));
  for (uint32_t p = 0; p < SMX_MEM_PATTERN_COUNT; p++) {
    NAPI_OK(env, napi_set_element(env, patterns, p, make_string(env, SMX_MEM_PATTERN_NAMES[p])));
  }
  NAPI_OK(env, napi_object_freeze(env, patterns));
  const napi_property_descriptor props[] = {
      {"kernelIds", NULL, NULL, NULL, NULL, ids, napi_enumerable, NULL},
      {"softmax", NULL, js_softmax, NULL, NULL, NULL, napi_enumerable, NULL},
      {"softmaxRows", NULL, js_softmax_rows, NULL, NULL, NULL, napi_enumerable, NULL},
      {"selectIsa", NULL, js_select_isa, NULL, NULL, NULL, napi_enumerable, NULL},
      {"isaUnavailableReason", NULL, js_isa_unavailable_reason, NULL, NULL, NULL, napi_enumerable, NULL},
      {"cpuFeatures", NULL, js_cpu_features, NULL, NULL, NULL, napi_enumerable, NULL},
      {"benchKernel", NULL, js_bench_kernel, NULL, NULL, NULL, napi_enumerable, NULL},
      {"benchMemory", NULL, js_bench_memory, NULL, NULL, NULL, napi_enumerable, NULL},
      {"benchReleasePool", NULL, js_bench_release_pool, NULL, NULL, NULL, napi_enumerable, NULL},
      {"memoryPatterns", NULL, NULL, NULL, NULL, patterns, napi_enumerable, NULL},
      {"denormalMode", NULL, js_denormal_mode, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  NAPI_OK(env, napi_define_properties(env, exports, sizeof props / sizeof props[0], props));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
