// The public barrel: everything a user of the package imports, by name.
export { softmax, softmaxRows, type RowsLayout } from './api.js';
export { wasmBuffers, type WasmRowBuffers } from './kernels/wasm/buffers.js';
export { listKernels, matchKernels, registerKernel, unregisterKernel, type KernelEntry } from './registry.js';
export type { Backend } from './kernels/backend.js';
export { KERNELS, findKernelSpec, type KernelSpec, type SpecialValuePolicy } from './spec/kernels.js';
export { parseKernelId, formatKernelId, ALGORITHMS, ISAS, RECIPES, type Algorithm, type Isa, type KernelIsa, type Recipe } from './spec/kernel-id.js';
export type { ErrorBound, BoundContext } from './spec/error-bounds.js';
