// The zero-copy wasm API: the caller's rows live in a wasm module's memory, so a call runs the
// kernel on them directly, with none of the copies the registry's RowKernel makes (x into the
// module, y out of it). Each WasmRowBuffers has an instance of the kernels module of its own,
// grown once to hold x and y: nothing else ever grows that memory, so the views never detach.

import { exportName } from './index.js';
import { MAX_BYTES, newKernelsInstance, PAGE, wasmUnavailableReason, type WasmRowExport } from './module.js';
import { findKernelSpec } from '../../spec/kernels.js';

export interface WasmRowBuffers {
  /** Row length. */
  readonly n: number;
  /** The input row, a view into the module's memory: write x here. */
  readonly x: Float32Array;
  /** The output row, a view into the module's memory, disjoint from x. */
  readonly y: Float32Array;
  /** y = softmax(x) with a wasm-simd128 kernel, e.g. "two-pass/wasm-simd128/paper"; no copies. */
  softmax(kernelId: string): void;
  /** x = softmax(x) in place, for kernels whose spec allows it. */
  softmaxInPlace(kernelId: string): void;
}

/** Row buffers of n floats in a wasm memory of their own, for `softmax`/`softmaxInPlace` without copies. */
export function wasmBuffers(n: number): WasmRowBuffers {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw new RangeError(`n: expected an integer >= 1, got ${String(n)}`);
  const why = wasmUnavailableReason();
  if (why) throw new Error(`wasmBuffers: wasm-simd128 cannot run here: ${why}`);
  const inst = newKernelsInstance()!;
  // x and y each start on a 64-byte line, as the native bench's rows do.
  const xAt = Math.ceil(inst.dataStart / 64) * 64;
  const yAt = xAt + Math.ceil((4 * n) / 64) * 64;
  const end = yAt + 4 * n;
  if (end > MAX_BYTES) throw new RangeError(`n: x and y (${2 * n} floats) exceed the 4 GiB wasm32 address space`);
  const have = inst.memory.buffer.byteLength;
  if (end > have) inst.memory.grow(Math.ceil((end - have) / PAGE));
  const x = new Float32Array(inst.memory.buffer, xAt, n);
  const y = new Float32Array(inst.memory.buffer, yAt, n);
  const kernels = new Map<string, WasmRowExport>();
  const kernel = (kernelId: string, inPlace: boolean): WasmRowExport => {
    const cached = kernels.get(kernelId);
    if (cached && !inPlace) return cached;
    const spec = typeof kernelId === 'string' ? findKernelSpec(kernelId) : undefined;
    if (!spec || spec.isa !== 'wasm-simd128' || spec.origin !== 'builtin') throw new RangeError(`kernelId: expected a built-in wasm-simd128 kernel such as "two-pass/wasm-simd128/paper", got ${JSON.stringify(kernelId)}`);
    if (inPlace && !spec.inPlace) throw new RangeError(`kernelId: ${kernelId} does not support in-place operation`);
    const run = inst.exports[exportName(spec)];
    if (typeof run !== 'function') throw new RangeError(`kernelId: the wasm module has no export for ${kernelId}`);
    kernels.set(kernelId, run as WasmRowExport);
    return run as WasmRowExport;
  };
  return {
    n,
    x,
    y,
    softmax: (kernelId) => kernel(kernelId, false)(xAt, yAt, n),
    softmaxInPlace: (kernelId) => kernel(kernelId, true)(xAt, xAt, n),
  };
}
