/* Dispatch policy: which ISA's kernels this machine gets, under the cap of the
 * SOFTMAX_MAX_ISA environment variable (like ONEDNN_MAX_CPU_ISA) and of the caller. */
#ifndef SMX_DISPATCH_H
#define SMX_DISPATCH_H

#include <stddef.h>

#include "kernels.h"

/* Ordered: a cap at level L allows every level <= L. Names as ISAS in src/spec/kernel-id.ts. */
typedef enum { SMX_ISA_SCALAR, SMX_ISA_WASM_SIMD128, SMX_ISA_AVX2, SMX_ISA_AVX512, SMX_ISA_COUNT } smx_isa;

const char *smx_isa_name(smx_isa isa);

/* Parses an ISA name; returns 0 on success, -1 when the name is not one of the levels. */
int smx_parse_isa(const char *name, smx_isa *out);

/* The kernel table of a native ISA (avx2, avx512), or NULL for the portable levels. */
const smx_row_kernel *smx_kernels_of(smx_isa isa);

/* NULL when this CPU and OS can execute the ISA's kernels; otherwise why not, e.g. "CPU lacks AVX-512F". */
const char *smx_hardware_missing(smx_isa isa);

/* NULL when the policy may pick `isa` here (hardware and SOFTMAX_MAX_ISA allow it); otherwise the
 * reason, written to buf. */
const char *smx_isa_unavailable(smx_isa isa, char *buf, size_t size);

/* The highest native ISA the policy picks under min(SOFTMAX_MAX_ISA, cap); SMX_ISA_SCALAR when no
 * native ISA is allowed (the portable kernels then apply). */
smx_isa smx_select_isa(smx_isa cap);

#endif
