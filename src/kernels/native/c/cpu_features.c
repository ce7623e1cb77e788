/* The one place that asks the hardware what it has. */
#include "cpu_features.h"

#include <pthread.h>
#include <stdint.h>

static smx_cpu_features detected;
static pthread_once_t detect_once = PTHREAD_ONCE_INIT;

#if defined(__x86_64__)
#include <cpuid.h>

/* XGETBV(0) as an instruction, so this file needs no -mxsave and runs on any x86-64. */
static uint64_t read_xcr0(void) {
  uint32_t lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return ((uint64_t)hi << 32) | lo;
}

static void detect(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return;
  const bool osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
  detected.fma = (c >> 12) & 1;
  if (osxsave && avx) {
    const uint64_t xcr0 = read_xcr0();
    detected.os_ymm = (xcr0 & 0x6) == 0x6;   /* bits 1-2: SSE, AVX */
    detected.os_zmm = (xcr0 & 0xE6) == 0xE6; /* plus bits 5-7: opmask, ZMM0-15 upper, ZMM16-31 */
  }
  if (__get_cpuid_max(0, 0) < 7) return;
  __cpuid_count(7, 0, a, b, c, d);
  detected.avx2 = (b >> 5) & 1;
  detected.avx512f = (b >> 16) & 1;
  detected.avx512dq = (b >> 17) & 1;
  detected.avx512bw = (b >> 30) & 1;
  detected.avx512vl = (b >> 31) & 1;
}
#else
/* Not x86-64: none of the x86 features exist; every flag stays false. */
static void detect(void) {}
#endif

const smx_cpu_features *smx_cpu(void) {
  pthread_once(&detect_once, detect);
  return &detected;
}
