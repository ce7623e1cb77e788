// What each ISA's backend gives the registry: its availability here and the implementation
// of each spec-table kernel of its ISA.

import type { Isa } from '../spec/kernel-id.js';
import type { KernelSpec } from '../spec/kernel-spec.js';
import type { BatchKernel, RowKernel } from './row-kernel.js';

export interface Backend {
  isa: Isa;
  /** null when the backend is usable; otherwise the reason it is not. */
  unavailableReason(): string | null;
  implementation(spec: KernelSpec): { row: RowKernel; batch?: BatchKernel } | null;
}
