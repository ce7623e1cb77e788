/* The native kernel family: one row-kernel signature, one table per ISA, the row
 * classification every kernel performs in pass 1 (docs/recipes.md, "Special values"). */
#ifndef SMX_KERNELS_H
#define SMX_KERNELS_H

#include <stddef.h>

#include "kernel_table.h"

/* y[0..n) = softmax(x[0..n)); y may be exactly x. Arguments are validated by the caller. */
typedef void (*smx_row_kernel)(const float *x, float *y, size_t n);

/* One ISA's kernels, indexed by the addon's kernel number k (SMX_NATIVE_KERNELS of the
 * generated kernel_table.h, in spec-table order): slot k holds kernel k's function when kernel
 * k is of this ISA, NULL otherwise. */
typedef smx_row_kernel smx_kernel_table[SMX_NATIVE_KERNEL_COUNT];

/* The AVX2/AVX-512 kernels exist only in x86-64 builds (binding.gyp builds their libraries
 * only when target_arch is x64); elsewhere the addon has no native kernels (dispatch.c). */
#if defined(__x86_64__)
#define SMX_X86_KERNELS 1
extern const smx_kernel_table smx_avx2_kernels;   /* kernels_avx2.c */
extern const smx_kernel_table smx_avx512_kernels; /* kernels_avx512.c */
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
