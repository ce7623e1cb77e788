/* The avx512 kernels: the recipe templates instantiated with the avx512 vector vocabulary.
 * Compiled with this ISA's flags only (binding.gyp), and only ever called after
 * dispatch.c has checked the CPU and OS support it. */
#include "simd_avx512.h"

#include "kernel_accurate.h"
#include "kernel_paper.h"

/* The avx512 rows of the spec table, from the generated kernel_table.h. */
#define SLOT(k, function) [k] = function,
const smx_kernel_table smx_avx512_kernels = {SMX_AVX512_KERNEL_FUNCTIONS(SLOT)};
#undef SLOT
