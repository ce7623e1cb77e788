// The scalar TypeScript implementations, keyed by `algorithm/recipe`, and their backend.

import type { Backend } from '../backend.js';
import type { RowKernel } from '../row-kernel.js';
import { onlineAccurate, threePassRecomputeAccurate, threePassReloadAccurate, twoPassAccurate } from './accurate.js';
import { naivePaper, onlinePaper, threePassRecomputePaper, threePassReloadPaper, twoPassPaper } from './paper.js';

export const SCALAR_IMPLEMENTATIONS: Readonly<Record<string, RowKernel>> = {
  'naive/paper': naivePaper,
  'three-pass-recompute/paper': threePassRecomputePaper,
  'three-pass-reload/paper': threePassReloadPaper,
  'two-pass/paper': twoPassPaper,
  'online/paper': onlinePaper,
  'three-pass-recompute/accurate': threePassRecomputeAccurate,
  'three-pass-reload/accurate': threePassReloadAccurate,
  'two-pass/accurate': twoPassAccurate,
  'online/accurate': onlineAccurate,
};

/** Scalar kernels run everywhere; the batched form is the registry's row-by-row default. */
export const scalarBackend: Backend = {
  isa: 'scalar',
  unavailableReason: () => null,
  implementation: (spec) => {
    const key = `${spec.algorithm}/${spec.recipe}`;
    return key in SCALAR_IMPLEMENTATIONS ? { row: SCALAR_IMPLEMENTATIONS[key] } : null;
  },
};
