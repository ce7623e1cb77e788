// Shared fixtures of the wasm-simd128 tests: the kernel table rows, their
// implementations and scalar golden models, and bit-level comparison.

import { hexBits } from '../../../../properties/core/format.js';
import { SCALAR_IMPLEMENTATIONS } from '../../../../src/kernels/scalar/index.js';
import type { BatchKernel, RowKernel } from '../../../../src/kernels/row-kernel.js';
import { wasmBackend } from '../../../../src/kernels/wasm/index.js';
import { WASM_KERNELS } from '../../../../src/spec/wasm-kernels.js';
import type { KernelSpec } from '../../../../src/spec/kernel-spec.js';

/** Why the wasm kernels cannot run here (tests skip with this message), or null. */
export const WASM_UNAVAILABLE = wasmBackend.unavailableReason();
/** Engines without SIMD128 skip; a module that is simply not built fails the availability test. */
export const SIMD_MISSING = WASM_UNAVAILABLE !== null && WASM_UNAVAILABLE.includes('SIMD128');

export interface WasmKernelUnderTest {
  spec: KernelSpec;
  impl: { row: RowKernel; batch: BatchKernel };
  /** The scalar kernel of the same algorithm and recipe (the golden model for `accurate`). */
  scalar: RowKernel;
}

export function kernelsUnderTest(filter: (s: KernelSpec) => boolean = () => true): WasmKernelUnderTest[] {
  if (WASM_UNAVAILABLE) return [];
  return WASM_KERNELS.filter(filter).map((spec) => {
    const impl = wasmBackend.implementation(spec);
    if (!impl?.batch) throw new Error(`wasm backend has no row and batch implementation of ${spec.id}`);
    return { spec, impl: { row: impl.row, batch: impl.batch }, scalar: SCALAR_IMPLEMENTATIONS[`${spec.algorithm}/${spec.recipe}`] };
  });
}

export const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);

/** Index of the first element whose bit pattern differs, or -1. */
export function firstBitDifference(a: Float32Array, b: Float32Array): number {
  const ua = bits(a);
  const ub = bits(b);
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (ua[i] !== ub[i]) return i;
  return -1;
}

/** Asserts bit identity, naming the first differing element and both bit patterns. */
export function expectSameBits(actual: Float32Array, expected: Float32Array, what: string): void {
  const i = firstBitDifference(actual, expected);
  if (i >= 0) {
    throw new Error(`${what}: element ${i} differs: got ${hexBits(bits(actual)[i])}, expected ${hexBits(bits(expected)[i])} (lengths ${actual.length}, ${expected.length})`);
  }
}
