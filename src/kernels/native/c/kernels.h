/* The native kernel family: one row-kernel signature, one table per ISA, the row
 * classification every kernel performs in pass 1 (docs/recipes.md, "Special values"). */
#ifndef SMX_KERNELS_H
#define SMX_KERNELS_H

#include <stddef.h>

/* y[0..n) = softmax(x[0..n)); y may be exactly x. Arguments are validated by the caller. */
typedef void (*smx_row_kernel)(const float *x, float *y, size_t n);

/* Order matches ALGORITHMS in src/spec/kernel-id.ts (without the naive control). */
typedef enum {
  SMX_THREE_PASS_RECOMPUTE,
  SMX_THREE_PASS_RELOAD,
  SMX_TWO_PASS,
  SMX_ONLINE,
  SMX_ALGORITHM_COUNT
} smx_algorithm;

typedef enum { SMX_RECIPE_PAPER, SMX_RECIPE_ACCURATE, SMX_RECIPE_COUNT } smx_recipe;

/* One ISA's kernels, indexed [recipe][algorithm]. */
typedef struct {
  smx_row_kernel fn[SMX_RECIPE_COUNT][SMX_ALGORITHM_COUNT];
} smx_kernel_set;

/* The AVX2/AVX-512 kernels exist only in x86-64 builds (binding.gyp builds their libraries
 * only when target_arch is x64); elsewhere the addon has no native kernels (dispatch.c). */
#if defined(__x86_64__)
#define SMX_X86_KERNELS 1
extern const smx_kernel_set smx_avx2_kernels;   /* kernels_avx2.c */
extern const smx_kernel_set smx_avx512_kernels; /* kernels_avx512.c */
#else
#define SMX_X86_KERNELS 0
#endif

typedef enum { SMX_ROW_ORDINARY, SMX_ROW_POISONED, SMX_ROW_MASKED } smx_row_kind;

typedef struct {
  smx_row_kind kind;
  float max; /* the largest entry; meaningful for ordinary rows only */
} smx_row_scan;

/* Writes the declared output of a poisoned or all -inf row (special_rows.c).
 * masked_is_zero: the accurate recipe's masked-safe policy (+0); the paper recipe writes NaN. */
void smx_write_special_row(float *y, size_t n, smx_row_kind kind, int masked_is_zero);

#endif
