// The wasm-simd128 backend: the AssemblyScript kernels of src/kernels/wasm/assembly/ behind the
// Backend interface. Each call copies x into the module's memory, runs the kernel in
// place there and copies the result to y, so y may be x, and the kernel never sees the
// caller's neighbouring elements. The API layer (src/api.ts) has validated arguments.

import type { Backend } from '../backend.js';
import type { BatchKernel, RowKernel } from '../row-kernel.js';
import type { KernelSpec } from '../../spec/kernel-spec.js';
import { Arena, kernelsInstance, wasmUnavailableReason, type WasmRowExport, type WasmRowsExport } from './module.js';

const arena = kernelsInstance ? new Arena(kernelsInstance) : null;

/** `three-pass-recompute` + `paper` -> `threePassRecomputePaper` (the AssemblyScript export name). */
export function exportName(spec: Pick<KernelSpec, 'algorithm' | 'recipe'>): string {
  return `${spec.algorithm}-${spec.recipe}`.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
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
  unavailableReason: wasmUnavailableReason,
  implementation: (spec) => {
    if (!kernelsInstance || !arena || spec.isa !== 'wasm-simd128') return null;
    const name = exportName(spec);
    const row = kernelsInstance.exports[name];
    const rows = kernelsInstance.exports[`${name}Rows`];
    if (typeof row !== 'function' || typeof rows !== 'function') return null;
    return { row: rowKernel(row as WasmRowExport, arena), batch: batchKernel(rows as WasmRowsExport, arena) };
  },
};
