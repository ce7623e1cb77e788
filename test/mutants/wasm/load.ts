// Builds the AssemblyScript mutants (test/mutants/wasm/) with the installed asc and
// wraps each export as a RowKernel. The wrapper mirrors the caller's whole ArrayBuffer(s)
// into linear memory, runs the kernel on the mirrored x and y, and copies the buffers
// back: the kernel sees the caller's memory as a native kernel would, so a store past
// y[n) lands on the caller's canaries and a load past x[n) reads what follows x there.
// (The shipped wrapper, src/kernels/wasm/, copies only x[0..n) and y[0..n), which would
// hide exactly the bugs these mutants model.) Gaps between mirrored buffers are zeroed
// on every call, so what an out-of-bounds access finds there is deterministic.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RowKernel } from '../../../src/kernels/row-kernel.js';
import { packageRoot } from '../../../src/package-root.js';

type WasmRow = (x: number, y: number, n: number) => void;

/** Bytes of zeroed memory before, between and after mirrored buffers: more than any stray access here. */
const GAP = 64;
const PAGE = 65536;

export function buildWasmMutants(outDir: string): string {
  const root = packageRoot();
  const out = join(outDir, 'mutants.wasm');
  execFileSync(
    join(root, 'node_modules/.bin/asc'),
    ['test/mutants/wasm/index.ts', '--enable', 'simd', '--runtime', 'stub', '--use', 'abort=', '-O3', '--noAssert', '-o', out],
    { cwd: root, stdio: 'pipe' },
  );
  return out;
}

/** Instantiates the module and returns one RowKernel per exported kernel name. */
export function loadWasmMutants(file: string): Record<string, RowKernel> {
  const exports = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), {}).exports as Record<string, unknown>;
  const memory = exports.memory as WebAssembly.Memory;
  const dataStart = (exports.dataStart as () => number)();
  const kernels: Record<string, RowKernel> = {};
  for (const [name, fn] of Object.entries(exports)) {
    if (name === 'memory' || name === 'dataStart') continue;
    kernels[name] = mirrored(fn as WasmRow, memory, dataStart);
  }
  return kernels;
}

function mirrored(run: WasmRow, memory: WebAssembly.Memory, dataStart: number): RowKernel {
  return (x, y) => {
    if (x.length === 0) return;
    const buffers = x.buffer === y.buffer ? [x.buffer] : [x.buffer, y.buffer];
    const base: number[] = [];
    let end = dataStart + GAP;
    for (const b of buffers) {
      base.push(end);
      end += ((b.byteLength + 15) & ~15) + GAP;
    }
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    const heap = new Uint8Array(memory.buffer);
    heap.fill(0, dataStart, end);
    buffers.forEach((b, k) => heap.set(new Uint8Array(b), base[k]));
    const yBase = base[buffers.length - 1];
    run(base[0] + x.byteOffset, yBase + y.byteOffset, x.length);
    buffers.forEach((b, k) => new Uint8Array(b).set(heap.subarray(base[k], base[k] + b.byteLength)));
  };
}
