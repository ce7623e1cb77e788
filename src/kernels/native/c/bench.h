/* The benchmark's native timing loop (bench.c) and memory-only roofline kernels
 * (bench_memory.c), used by `softmax-verify bench` through addon.c. Timing runs here, in
 * native code, so no per-call JavaScript overhead enters the figures. */
#ifndef SMX_BENCH_H
#define SMX_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dispatch.h"
#include "kernels.h"

typedef struct {
  size_t reps;             /* timed samples */
  size_t calls_per_sample; /* kernel calls per sample; each sample reports elapsed / calls */
  size_t pool_bytes;       /* outputs rotate through at least this many bytes (> last-level cache) */
  size_t inputs;           /* input rows the function reads (1, or 2 for the triad) */
  bool flush_denormals;    /* time with MXCSR FTZ and DAZ set (restored after); else as the caller runs */
} smx_bench_config;

/* Times `fn` on x[0..n): in place when x is 64-byte aligned and inputs = 1, else on a 64-byte
 * aligned copy (with inputs = 2, a second copy follows at the next cache line). Before each
 * sample the input is read once (brought into cache, as the paper prefetches it); every call
 * writes the next, least recently written, part of a pre-faulted output pool of at least
 * pool_bytes and two rows (one row when it alone is at least pool_bytes) that lives for the
 * whole process, so each call writes cold memory when the pool exceeds the last-level cache.
 * One untimed sample runs first. With flush_denormals, the calling thread's MXCSR has FTZ and
 * DAZ set for the samples (the warm-up included) and is restored before returning.
 * Writes reps nanoseconds-per-call figures to ns_out. Not thread-safe (one pool).
 * Returns 0, or -1 when memory could not be allocated. */
int smx_bench_run(smx_row_kernel fn, const float *x, size_t n, const smx_bench_config *cfg, double *ns_out);

/* Frees the output pool (the next smx_bench_run allocates it again): the bench gives its
 * memory back before a child process (a native peer) needs as much for a pool of its own. */
void smx_bench_release_pool(void);

/* Memory-only access patterns: the traffic of each algorithm with no arithmetic but one
 * multiply per stored element, with the same vector width and ordinary stores as the kernels. */
typedef enum {
  SMX_MEM_TWO_PASS,    /* read x; read x, write y            (Two-Pass, Online, naive) */
  SMX_MEM_RECOMPUTE,   /* read x; read x; read x, write y    (Three-Pass recompute)    */
  SMX_MEM_RELOAD,      /* read x; read x, write y; read y, write y (Three-Pass reload) */
  SMX_MEM_COPY,        /* read x, write y */
  SMX_MEM_TRIAD,       /* y = a + s * b: reads x[0..n) and x[n..2n), writes y */
  SMX_MEM_PATTERN_COUNT
} smx_mem_pattern;

extern const char *const SMX_MEM_PATTERN_NAMES[SMX_MEM_PATTERN_COUNT];

/* The memory-only kernel of a pattern at a native ISA (avx2, avx512), or NULL for others.
 * The caller checks smx_hardware_missing(isa) first. */
smx_row_kernel smx_memory_kernel(smx_mem_pattern pattern, smx_isa isa);

/* Input rows a pattern reads (2 for the triad). */
size_t smx_memory_inputs(smx_mem_pattern pattern);

/* The MXCSR register of the calling thread (FTZ is bit 15, DAZ bit 6). */
uint32_t smx_read_mxcsr(void);

#endif
