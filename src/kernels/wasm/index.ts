// The wasm-simd128 backend: the AssemblyScript kernels of src/kernels/wasm/assembly/ behind the
// Backend interface. Each call copies x into the module's memory, runs the kernel in
// place there and copies the result to y, so y may be x, and the kernel never sees the
// caller's neighbouring elements. The API layer (src/api.ts) has validated arguments.

import type { Backend } from '../backend.js';
import type { BatchKernel, RowKernel } from '../row-kernel.js';
import { WASM_KERNELS } from '../../spec/wasm-kernels.js';
import { exportName, rowsExportName } from './export-names.js';
import { Arena, WASM_RELATIVE_PATH, kernelsInstance, wasmUnavailableReason, type KernelsInstance, type WasmRowExport, type WasmRowsExport } from './module.js';

export { exportName, rowsExportName } from './export-names.js';

const arena = kernelsInstance ? new Arena(kernelsInstance) : null;

/**
 * The row and batched exports the spec table's wasm rows need that `inst` lacks. The module's
 * entry (assembly/index.ts) is generated from the same rows, so a gap means a stale build.
 */
export function missingExports(inst: Pick<KernelsInstance, 'exports'>): string[] {
  return WASM_KERNELS.flatMap((spec) => [exportName(spec), rowsExportName(spec)]).filter((name) => typeof inst.exports[name] !== 'function');
}

function unavailableReason(): string | null {
  const reason = wasmUnavailableReason();
  if (reason || !kernelsInstance) return reason;
  const missing = missingExports(kernelsInstance);
  return missing.length ? `${WASM_RELATIVE_PATH} lacks the exports ${missing.join(', ')} of the spec table: run npm run build:wasm` : null;
}

function rowKernel(run: WasmRowExport, mem: Arena): RowKernel {
  return (x, y) => {
    const n = x.length;
    if (n === 0) return;
    mem.reserve(n).set(x, mem.base >>> 2);
    run(mem.base, mem.base, n);
    y.set(mem.window(n));
  };
}

/** Rows are packed (stride cols) in wasm memory: gaps between the caller's rows are never copied or written. */
function batchKernel(run: WasmRowsExport, mem: Arena): BatchKernel {
  return (x, y, rows, cols, xStride, yStride) => {
    const total = rows * cols;
    if (total === 0) return;
    const heap = mem.reserve(total);
    const first = mem.base >>> 2;
    if (xStride === cols) heap.set(x.length === total ? x : x.subarray(0, total), first);
    else for (let r = 0; r < rows; r++) heap.set(x.subarray(r * xStride, r * xStride + cols), first + r * cols);
    run(mem.base, mem.base, rows, cols, cols, cols);
    const out = mem.window(total);
    if (yStride === cols) y.set(out);
    else for (let r = 0; r < rows; r++) y.set(out.subarray(r * cols, (r + 1) * cols), r * yStride);
  };
}

export const wasmBackend: Backend = {
  isa: 'wasm-simd128',
  unavailableReason,
  implementation: (spec) => {
    if (!kernelsInstance || !arena || spec.isa !== 'wasm-simd128') return null;
    const row = kernelsInstance.exports[exportName(spec)];
    const rows = kernelsInstance.exports[rowsExportName(spec)];
    if (typeof row !== 'function' || typeof rows !== 'function') return null;
    return { row: rowKernel(row as WasmRowExport, arena), batch: batchKernel(rows as WasmRowsExport, arena) };
  },
};
