// The scalar TypeScript implementations, keyed by `algorithm/recipe`.

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
