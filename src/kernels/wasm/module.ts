// Loads src/kernels/wasm/build/kernels.wasm (built from src/kernels/wasm/assembly/ by `npm run build:wasm`)
// synchronously at import, and owns its linear memory: rows are copied into one
// reusable region starting at dataStart(), computed in place there, and copied out.
// Memory grows only when a call needs more than any call before it, and is reused.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../package-root.js';

/** Row entry: y[0..n) = softmax(x[0..n)) at byte addresses; y may equal x. */
export type WasmRowExport = (x: number, y: number, n: number) => void;
/** Batched entry: strides in elements. */
export type WasmRowsExport = (x: number, y: number, rows: number, cols: number, xStride: number, yStride: number) => void;

export interface KernelsInstance {
  memory: WebAssembly.Memory;
  /** First byte the wrapper may use (after the module's static data), 16-aligned. */
  dataStart: number;
  exports: Record<string, unknown>;
}

export const WASM_RELATIVE_PATH = 'src/kernels/wasm/build/kernels.wasm';

/** (module (func (result v128) v128.const i32x4 0 0 0 0)): validates only where SIMD128 is supported. */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x03, 0x02, 0x01, 0x00, // function section
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x0b, // code: v128.const 0; end
]);

/** The compiled module, kept so more instances (each with its own memory) can be made from it. */
let compiled: WebAssembly.Module | null = null;

function instantiate(module: WebAssembly.Module): KernelsInstance {
  const instance = new WebAssembly.Instance(module, {});
  const exports = instance.exports as Record<string, unknown>;
  const memory = exports.memory as WebAssembly.Memory;
  return { memory, dataStart: (exports.dataStart as () => number)(), exports };
}

function load(): { instance: KernelsInstance; reason: null } | { instance: null; reason: string } {
  if (typeof WebAssembly !== 'object') return { instance: null, reason: 'this JavaScript engine has no WebAssembly' };
  if (!WebAssembly.validate(SIMD_PROBE)) return { instance: null, reason: 'this WebAssembly engine does not support SIMD128' };
  const path = join(packageRoot(), WASM_RELATIVE_PATH);
  if (!existsSync(path)) return { instance: null, reason: `${WASM_RELATIVE_PATH} not built: run npm run build:wasm` };
  try {
    // Synchronous compile and instantiation: Node allows it for modules of any size.
    const module = new WebAssembly.Module(readFileSync(path));
    const instance = instantiate(module);
    compiled = module;
    return { instance, reason: null };
  } catch (e) {
    return { instance: null, reason: `${WASM_RELATIVE_PATH} failed to load (${(e as Error).message}): run npm run build:wasm` };
  }
}

const loaded = load();

/** The instantiated kernels module, or null (see wasmUnavailableReason()). */
export const kernelsInstance: KernelsInstance | null = loaded.instance;

export function wasmUnavailableReason(): string | null {
  return loaded.reason;
}

/** A fresh instance of the kernels module with a memory of its own (null when wasm is unavailable). */
export function newKernelsInstance(): KernelsInstance | null {
  return compiled ? instantiate(compiled) : null;
}

export const PAGE = 65536;
/** wasm32 addresses: at most 2^32 bytes of linear memory. */
export const MAX_BYTES = 2 ** 32;

/**
 * The one data region of the instance. `heap` is a Float32Array over the whole memory,
 * replaced only after a grow (which detaches the old buffer); `window(n)` caches the view
 * of the first n elements so repeated calls of one size allocate nothing.
 */
export class Arena {
  private heap: Float32Array;
  private windowView: Float32Array;

  constructor(private readonly inst: KernelsInstance) {
    this.heap = new Float32Array(inst.memory.buffer);
    this.windowView = this.heap.subarray(0, 0);
  }

  /** Byte address of element 0 of the region. */
  get base(): number {
    return this.inst.dataStart;
  }

  /** Makes the region hold at least `elements` floats; throws a RangeError past wasm32's 4 GiB. */
  reserve(elements: number): Float32Array {
    const end = this.inst.dataStart + 4 * elements;
    if (end > MAX_BYTES) throw new RangeError(`wasm-simd128: ${elements} floats exceed the 4 GiB wasm32 address space`);
    const have = this.inst.memory.buffer.byteLength;
    if (end > have) {
      this.inst.memory.grow(Math.ceil((end - have) / PAGE));
      this.heap = new Float32Array(this.inst.memory.buffer);
      this.windowView = this.heap.subarray(0, 0);
    }
    return this.heap;
  }

  /** The first n elements of the region (cached for the last n used). */
  window(n: number): Float32Array {
    if (this.windowView.length !== n || this.windowView.buffer !== this.heap.buffer) {
      const first = this.inst.dataStart >>> 2;
      this.windowView = this.heap.subarray(first, first + n);
    }
    return this.windowView;
  }
}
