// The public barrel: everything a user of the package imports, by name.
export { softmax, softmaxRows, type RowsLayout } from './api.js';
export { listKernels, matchKernels, registerBackend, registerKernel, unregisterKernel, type KernelEntry, type Backend } from './registry.js';
export { KERNELS, findKernelSpec, type KernelSpec, type SpecialValuePolicy } from './spec/kernels.js';
export { parseKernelId, formatKernelId, ALGORITHMS, ISAS, RECIPES, type Algorithm, type Isa, type KernelIsa, type Recipe } from './spec/kernel-id.js';
export type { ErrorBound, BoundContext } from './spec/error-bounds.js';
