/* Node-API glue of a native mutant: exports softmax(x, y) calling the mutant's
 * void softmax_f32(const float *x, float *y, size_t n) directly on the caller's memory
 * (no copy), as a native port is called. Arguments were validated by src/api.ts. */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stddef.h>

void softmax_f32(const float *x, float *y, size_t n);

static float *float_data(napi_env env, napi_value v, size_t *length) {
  napi_typedarray_type type;
  void *data = NULL;
  napi_get_typedarray_info(env, v, &type, length, &data, NULL, NULL);
  return (float *)data;
}

static napi_value softmax(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  size_t n = 0, ny = 0;
  const float *x = float_data(env, argv[0], &n);
  float *y = float_data(env, argv[1], &ny);
  softmax_f32(x, y, n);
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "softmax", NAPI_AUTO_LENGTH, softmax, NULL, &fn);
  napi_set_named_property(env, exports, "softmax", fn);
  return exports;
}
