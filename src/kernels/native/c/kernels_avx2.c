/* The avx2 kernels: the recipe templates instantiated with the avx2 vector vocabulary.
 * Compiled with this ISA's flags only (binding.gyp), and only ever called after
 * dispatch.c has checked the CPU and OS support it. */
#include "simd_avx2.h"

#include "kernel_accurate.h"
#include "kernel_paper.h"

/* The avx2 rows of the spec table, from the generated kernel_table.h. */
#define SLOT(k, function) [k] = function,
const smx_kernel_table smx_avx2_kernels = {SMX_AVX2_KERNEL_FUNCTIONS(SLOT)};
#undef SLOT
