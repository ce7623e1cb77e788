/* What this CPU and OS can run: CPUID feature bits plus XGETBV, because an AVX or
 * AVX-512 instruction also needs the OS to save YMM/ZMM state on context switches. */
#ifndef SMX_CPU_FEATURES_H
#define SMX_CPU_FEATURES_H

#include <stdbool.h>

typedef struct {
  bool fma, avx2;
  bool avx512f, avx512dq, avx512bw, avx512vl;
  bool os_ymm; /* XCR0 has SSE and AVX state enabled */
  bool os_zmm; /* XCR0 also has opmask and both ZMM state components enabled */
} smx_cpu_features;

/* Detected once per process; later calls return the cached result. */
const smx_cpu_features *smx_cpu(void);

#endif
