// THE kernel table: every kernel of every ISA, once, with its metadata.
// Registration, tests, the CLI, benchmarks and reports all read this list; each
// ISA's rows live in its own file beside this one.

import type { KernelSpec } from './kernel-spec.js';
import { SCALAR_KERNELS } from './scalar-kernels.js';
import { WASM_KERNELS } from './wasm-kernels.js';
import { NATIVE_KERNELS } from './native-kernels.js';
import { NEON_KERNELS } from './neon-kernels.js';

export type { KernelSpec, SpecialValuePolicy } from './kernel-spec.js';

export const KERNELS: readonly KernelSpec[] = Object.freeze([...SCALAR_KERNELS, ...WASM_KERNELS, ...NATIVE_KERNELS, ...NEON_KERNELS]);

const BY_ID = new Map(KERNELS.map((k) => [k.id, k]));

export function findKernelSpec(id: string): KernelSpec | undefined {
  return BY_ID.get(id);
}
