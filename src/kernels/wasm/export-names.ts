// The AssemblyScript export names of a wasm-simd128 kernel, derived from its spec row. Kept
// apart from the backend (index.ts), which instantiates the module at import, so that
// scripts/gen-kernel-tables.ts can generate the module's export list from the same names.

import type { KernelSpec } from '../../spec/kernel-spec.js';

/** `three-pass-recompute` + `paper` -> `threePassRecomputePaper` (the row entry). */
export function exportName(spec: Pick<KernelSpec, 'algorithm' | 'recipe'>): string {
  return `${spec.algorithm}-${spec.recipe}`.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The batched entry of the same kernel: `threePassRecomputePaperRows`. */
export function rowsExportName(spec: Pick<KernelSpec, 'algorithm' | 'recipe'>): string {
  return `${exportName(spec)}Rows`;
}
