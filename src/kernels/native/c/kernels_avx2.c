/* The avx2 kernels: the recipe templates instantiated with the avx2 vector vocabulary.
 * Compiled with this ISA's flags only (binding.gyp), and only ever called after
 * dispatch.c has checked the CPU and OS support it. */
#include "simd_avx2.h"

#include "kernel_accurate.h"
#include "kernel_paper.h"

const smx_kernel_set smx_avx2_kernels = {{
    [SMX_RECIPE_PAPER] = {three_pass_recompute_paper, three_pass_reload_paper, two_pass_paper, online_paper},
    [SMX_RECIPE_ACCURATE] = {three_pass_recompute_accurate, three_pass_reload_accurate, two_pass_accurate, online_accurate},
}};
