/**
 * One row: y[0..n) = softmax(x[0..n)), x.length === y.length === n. y may be x itself
 * when the kernel declares in-place support. Arguments are validated by the API
 * layer (src/api.ts) before a kernel sees them.
 */
export type RowKernel = (x: Float32Array, y: Float32Array) => void;

/** Rows of a matrix: row r is x[r*xStride .. r*xStride+cols) -> y[r*yStride ..). */
export type BatchKernel = (x: Float32Array, y: Float32Array, rows: number, cols: number, xStride: number, yStride: number) => void;

/** Runs a row kernel over rows, for backends without a native batched entry point. */
export function batchFromRows(row: RowKernel): BatchKernel {
  return (x, y, rows, cols, xStride, yStride) => {
    for (let r = 0; r < rows; r++) {
      row(x.subarray(r * xStride, r * xStride + cols), y.subarray(r * yStride, r * yStride + cols));
    }
  };
}
