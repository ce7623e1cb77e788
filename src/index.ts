// The public barrel: everything a user of the package imports, by name.
export { softmax, softmaxRows, type RowsLayout } from './api.js';
export { wasmBuffers, type WasmRowBuffers } from './kernels/wasm/buffers.js';
export { listKernels, matchKernels, registerKernel, unregisterKernel, type KernelEntry } from './registry.js';
export type { Backend } from './kernels/backend.js';
export { KERNELS, findKernelSpec, type KernelSpec, type SpecialValuePolicy } from './spec/kernels.js';
export { parseKernelId, formatKernelId, ALGORITHMS, ISAS, RECIPES, type Algorithm, type Isa, type KernelIsa, type Recipe } from './spec/kernel-id.js';
export type { ErrorBound, BoundContext } from './spec/error-bounds.js';

// The contract, the oracle and the row families for users' own tests. The barrel is the one
// module of src/ that may import properties/ and oracles/ (the package's public surface is
// all of it); nothing else in the src/ foundation does.
export { verifySoftmax, assertSoftmaxContract, describeReport, SoftmaxContractError, VERIFY_DEFAULTS, type ContractReport, type KernelUnderTest, type VerifyOptions } from '../properties/check/verify-kernel.js';
export type { Failure, PropertyResult, KernelResult, CheckReport, KernelReport } from '../properties/check/check-report.js';
export { runCheck, type CheckOptions, type CheckHooks } from '../properties/check/run-check.js';
export type { Verdict } from '../properties/check/verdict.js';
export type { AccuracySummary } from '../properties/core/accuracy-stats.js';
export { PROPERTIES } from '../properties/laws/all-properties.js';
export type { Property } from '../properties/core/property.js';
export { FAMILY_NAMES, SPEC_FAMILIES, familyArbitrary, type FamilyName, type FamilyOptions, type Row } from '../properties/families/row-families.js';
export { softmaxOracle, exactSoftmax, ulp32, ulpError, ulpDistance, sumToOneDeviation, type OracleOptions, type OracleResult, type AllMaskedPolicy } from '../oracles/index.js';
export { registerExternalKernel, registerFunctionKernel, type ExternalKernel, type ExternalKernelOptions, type FunctionKernelOptions } from './external/external-kernel.js';
export type { RowKernel } from './kernels/row-kernel.js';
