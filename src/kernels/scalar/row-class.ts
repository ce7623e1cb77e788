// Special-value handling shared by every scalar kernel except the naive control.
// Pass 1 of each kernel classifies the row; rows that are not ordinary get their
// declared output here, so the arithmetic paths only ever see finite values and
// -inf (masked) entries.

import { PAPER_F32_BITS } from '../../constants.js';

export type MaskedPolicy = 'nan' | 'zero';

export interface RowScan {
  /** 'poisoned': a NaN or +inf is present; 'masked': every entry is -inf; 'ordinary' otherwise. */
  kind: 'ordinary' | 'poisoned' | 'masked';
  /** Largest entry (meaningful for 'ordinary' rows). */
  max: number;
}

export function scanRow(x: Float32Array): RowScan {
  let max = -Infinity;
  let poisoned = false;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v || v === Infinity) poisoned = true;
    else if (v > max) max = v;
  }
  if (poisoned) return { kind: 'poisoned', max: NaN };
  return { kind: max === -Infinity ? 'masked' : 'ordinary', max };
}

/** Writes the declared output of a non-ordinary row. Returns true when it did. */
export function writeSpecialRow(scan: RowScan, y: Float32Array, policy: MaskedPolicy): boolean {
  if (scan.kind === 'ordinary') return false;
  const bits = scan.kind === 'masked' && policy === 'zero' ? 0 : PAPER_F32_BITS.CANONICAL_NAN;
  // Through the bits: a NaN stored via a Float32Array may not keep one pattern everywhere.
  new Uint32Array(y.buffer, y.byteOffset, y.length).fill(bits);
  return true;
}
