// The same input gives the same bits on every call, and the batched entry point gives
// each row the bits of the one-row call. Batches are drawn around the row: 1..17 rows
// (around 4, 8 and 16, where blocked loops switch), every row different (rotated,
// scaled and shifted copies, so each has its own maximum and sum), and x and y strides
// chosen independently (equal to cols or padded).

import { softmaxRows } from '../../src/api.js';
import { sameBits } from '../core/compare.js';
import type { Property } from '../core/property.js';
import { SPEC_FAMILIES, type Row } from '../families/row-families.js';
import { seededUniform } from '../../src/seeded-random.js';
import { batchRowsCell } from '../check/coverage.js';

/** Rows of a batched call: 1..3, then around the blocked-loop widths 4, 8 and 16. */
const BATCH_ROWS = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17] as const;
/** Padding of a stride beyond cols: 0 (dense) or a few elements, odd and even. */
const STRIDE_PADS = [0, 0, 1, 2, 3, 5, 8, 13, 16, 31] as const;
/** Elements a batched call may hold: long rows get fewer rows, never none. */
const BATCH_ELEMENTS = 1 << 16;
const GAP_CANARY = 0x7fa5a5a5;

/** Row r of the batch: row 0 is the row itself, the others rotated, scaled and shifted copies. */
export function batchRow(x: Float32Array, r: number, u: () => number): Float32Array {
  if (r === 0) return x;
  const n = x.length;
  const rot = n ? Math.floor(u() * n) : 0;
  const scale = [1, 0.5, 2, 1][r % 4];
  const shift = Math.fround((u() - 0.5) * 16);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.fround(x[(i + rot) % n] * scale + shift);
  return out;
}

export interface BatchShape {
  rows: number;
  xStride: number;
  yStride: number;
}

/** The batch of the row's own variant: its digits (bases 11, 10, 10) pick the rows, the x pad and the y pad, independently. */
export function batchShape(n: number, variant: number): BatchShape {
  const wanted = BATCH_ROWS[variant % BATCH_ROWS.length];
  const rows = Math.max(1, Math.min(wanted, Math.floor(BATCH_ELEMENTS / Math.max(1, n))));
  const xStride = n + STRIDE_PADS[Math.floor(variant / BATCH_ROWS.length) % STRIDE_PADS.length];
  const yStride = n + STRIDE_PADS[Math.floor(variant / (BATCH_ROWS.length * STRIDE_PADS.length)) % STRIDE_PADS.length];
  return { rows, xStride, yStride };
}

/**
 * Committed batches checked on every run and seed, whatever --runs: every batch size of
 * BATCH_ROWS once, with dense and padded strides on either side, on tail-length rows.
 */
function coverageBatches(): Row[] {
  return BATCH_ROWS.map((_, i) => {
    const u = seededUniform(1000 + i);
    const x = Float32Array.from({ length: 21 + 7 * i }, () => Math.fround(40 * u() - 20));
    const variant = i + BATCH_ROWS.length * (i % STRIDE_PADS.length) + BATCH_ROWS.length * STRIDE_PADS.length * ((3 * i + 1) % STRIDE_PADS.length);
    return { family: 'tail-lengths' as const, x, variant };
  });
}

export const determinism: Property = {
  name: 'determinism',
  families: SPEC_FAMILIES,
  fixedRows: (_entry, family) => (family === 'tail-lengths' ? coverageBatches() : []),
  check(ctx, row) {
    const first = ctx.run(row.x);
    const again = sameBits(first, ctx.run(row.x), 'second call');
    if (again) return again;
    const n = row.x.length;
    if (n > 100_000) return null; // one-row repeat suffices for long rows; batching is checked on the rest
    const variant = row.variant ?? 0;
    const { rows, xStride, yStride } = batchShape(n, variant);
    const u = seededUniform(variant ^ 0x5bd1e995);
    const content = Array.from({ length: rows }, (_, r) => batchRow(row.x, r, u));
    const xb = new Float32Array(rows ? (rows - 1) * xStride + n : 0);
    content.forEach((c, r) => xb.set(c, r * xStride));
    // y starts as a canary (a NaN pattern): a batched kernel that writes between rows is caught.
    const yb = new Float32Array(new Uint32Array(rows ? (rows - 1) * yStride + n : 0).fill(GAP_CANARY).buffer);
    softmaxRows(ctx.entry.spec.id, xb, yb, { rows, cols: n, xStride, yStride });
    ctx.coverage?.note('batch-rows', batchRowsCell(rows));
    ctx.coverage?.note('batch-stride', xStride === n ? 'x-dense' : 'x-padded');
    ctx.coverage?.note('batch-stride', yStride === n ? 'y-dense' : 'y-padded');
    if (xStride !== yStride) ctx.coverage?.note('batch-stride', 'x-y-differ');
    const gapBits = new Uint32Array(yb.buffer);
    for (let r = 0; r + 1 < rows; r++) {
      for (let c = n; c < yStride; c++) if (gapBits[r * yStride + c] !== GAP_CANARY) return `batched call of ${rows} rows wrote y[${r * yStride + c}], between rows ${r} and ${r + 1} (y stride ${yStride}, cols ${n})`;
    }
    for (let r = 0; r < rows; r++) {
      const alone = r === 0 ? first : ctx.run(content[r]);
      const bad = sameBits(alone, yb.subarray(r * yStride, r * yStride + n), `batched row ${r} of ${rows} (x stride ${xStride}, y stride ${yStride}) vs one-row call`);
      if (bad) return bad;
    }
    return null;
  },
};
