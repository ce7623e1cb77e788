// The zero-copy wasm API: rows in the module's memory give the same bits as the copying call of
// the same kernel, in place too, and bad arguments are typed errors naming the argument.

import { describe, expect, it } from 'vitest';
import { softmax, wasmBuffers } from '../../../../src/index.js';
import { wasmUnavailableReason } from '../../../../src/kernels/wasm/module.js';
import { KERNELS } from '../../../../src/spec/kernels.js';

const why = wasmUnavailableReason();
const WASM_KERNELS = KERNELS.filter((k) => k.isa === 'wasm-simd128').map((k) => k.id);

function row(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 30 - (i % 7 === 0 ? 200 : 0));
}

// Without wasm SIMD128 there is no module to put the rows in.
describe.skipIf(why !== null)('wasmBuffers', () => {
  it.each(WASM_KERNELS)('%s: y has the bits of softmax() on a copy, for every tail length', (id) => {
    for (const n of [1, 3, 16, 17, 63, 1000, 4099]) {
      const b = wasmBuffers(n);
      const x = row(n);
      b.x.set(x);
      b.softmax(id);
      const want = new Float32Array(n);
      softmax(id, x, want);
      expect(new Uint32Array(b.y.buffer, b.y.byteOffset, n)).toEqual(new Uint32Array(want.buffer));
      expect(Array.from(b.x)).toEqual(Array.from(x)); // x is read, never written
      b.softmaxInPlace(id);
      expect(new Uint32Array(b.x.buffer, b.x.byteOffset, n)).toEqual(new Uint32Array(want.buffer));
    }
  });

  it('keeps x and y disjoint, on 64-byte lines, and valid across other wasm calls that grow memory', () => {
    const b = wasmBuffers(100);
    expect(b.x.byteOffset % 64).toBe(0);
    expect(b.y.byteOffset % 64).toBe(0);
    expect(b.y.byteOffset).toBeGreaterThanOrEqual(b.x.byteOffset + 400);
    b.x.set(row(100));
    softmax('two-pass/wasm-simd128/paper', row(1 << 20), new Float32Array(1 << 20)); // grows the shared arena, not this memory
    b.softmax('two-pass/wasm-simd128/paper');
    expect(b.y.length).toBe(100);
    expect(b.y.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
  });

  it('rejects bad arguments with typed errors naming them', () => {
    expect(() => wasmBuffers(0)).toThrow(/n: expected an integer >= 1, got 0/);
    expect(() => wasmBuffers(1.5)).toThrow(RangeError);
    expect(() => wasmBuffers(2 ** 31)).toThrow(/n: x and y .* exceed the 4 GiB wasm32 address space/);
    const b = wasmBuffers(8);
    expect(() => b.softmax('two-pass/avx2/paper')).toThrow(/kernelId: expected a built-in wasm-simd128 kernel/);
    expect(() => b.softmax('nope')).toThrow(RangeError);
  });
});
