/* The dispatch policy, in one place: hardware support from cpu_features.c, then the caps.
 * An unrecognized SOFTMAX_MAX_ISA caps at scalar: a typo must not silently enable more. */
#include "dispatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu_features.h"

#define MAX_ISA_ENV "SOFTMAX_MAX_ISA"

static const char *const ISA_NAMES[SMX_ISA_COUNT] = {"scalar", "wasm-simd128", "avx2", "avx512"};

const char *smx_isa_name(smx_isa isa) { return ISA_NAMES[isa]; }

int smx_parse_isa(const char *name, smx_isa *out) {
  for (int i = 0; i < SMX_ISA_COUNT; i++) {
    if (strcmp(name, ISA_NAMES[i]) == 0) {
      *out = (smx_isa)i;
      return 0;
    }
  }
  return -1;
}

const smx_row_kernel *smx_kernels_of(smx_isa isa) {
#if SMX_X86_KERNELS
  switch (isa) {
    case SMX_ISA_AVX2: return smx_avx2_kernels;
    case SMX_ISA_AVX512: return smx_avx512_kernels;
    default: return NULL;
  }
#else
  (void)isa;
  return NULL;
#endif
}

const char *smx_hardware_missing(smx_isa isa) {
  const smx_cpu_features *f = smx_cpu();
  if (isa == SMX_ISA_SCALAR || isa == SMX_ISA_WASM_SIMD128) return "not a native ISA";
  if (!SMX_X86_KERNELS) return "this addon was built for a non-x86-64 architecture: AVX2/AVX-512 kernels are x86-64 only";
  if (!f->avx2) return "CPU lacks AVX2";
  if (!f->fma) return "CPU lacks FMA";
  if (!f->os_ymm) return "OS does not enable AVX (YMM) state (XGETBV)";
  if (isa == SMX_ISA_AVX2) return NULL;
  if (!f->avx512f) return "CPU lacks AVX-512F";
  if (!f->avx512dq) return "CPU lacks AVX-512DQ";
  if (!f->avx512bw) return "CPU lacks AVX-512BW";
  if (!f->avx512vl) return "CPU lacks AVX-512VL";
  if (!f->os_zmm) return "OS does not enable AVX-512 (ZMM/opmask) state (XGETBV)";
  return NULL;
}

/* The environment cap; *raw is the variable's value (NULL when unset). Returns -1 when invalid. */
static int env_cap(smx_isa *cap, const char **raw) {
  *raw = getenv(MAX_ISA_ENV);
  *cap = SMX_ISA_AVX512;
  if (*raw == NULL || **raw == '\0') return 0;
  return smx_parse_isa(*raw, cap);
}

const char *smx_isa_unavailable(smx_isa isa, char *buf, size_t size) {
  const char *missing = smx_hardware_missing(isa);
  if (missing) return missing;
  smx_isa cap;
  const char *raw;
  if (env_cap(&cap, &raw) != 0) {
    snprintf(buf, size, "%s=%s is not one of scalar, wasm-simd128, avx2, avx512 (capping at scalar)", MAX_ISA_ENV, raw);
    return buf;
  }
  if (isa > cap) {
    snprintf(buf, size, "capped by %s=%s", MAX_ISA_ENV, raw);
    return buf;
  }
  return NULL;
}

smx_isa smx_select_isa(smx_isa cap) {
  smx_isa env;
  const char *raw;
  if (env_cap(&env, &raw) != 0) env = SMX_ISA_SCALAR;
  const smx_isa limit = env < cap ? env : cap;
  for (smx_isa isa = SMX_ISA_AVX512; isa >= SMX_ISA_AVX2; isa--) {
    if (isa <= limit && smx_hardware_missing(isa) == NULL) return isa;
  }
  return SMX_ISA_SCALAR;
}
