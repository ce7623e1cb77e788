/* Output of rows that are not ordinary: the canonical quiet NaN for a NaN/+inf row (and,
 * in the paper recipe, for an all -inf row), +0 for an all -inf row in the accurate recipe.
 * Written as bit patterns so every row gets exactly 0x7FC00000, whatever NaN came in. */
#include <stdint.h>
#include <string.h>

#include "constants.h"
#include "kernels.h"

void smx_write_special_row(float *y, size_t n, smx_row_kind kind, int masked_is_zero) {
  const uint32_t bits = kind == SMX_ROW_MASKED && masked_is_zero ? 0u : SMX_PAPER_CANONICAL_NAN;
  for (size_t i = 0; i < n; i++) memcpy(&y[i], &bits, sizeof bits);
}
