// Runtime dispatch: the kernel of an algorithm and recipe this machine gets. The policy
// itself lives in src/kernels/native/c/dispatch.c; `maxIsa` caps it for one call (tests use it to
// exercise every level on one machine), on top of the SOFTMAX_MAX_ISA environment cap.

import type { RowKernel } from '../row-kernel.js';
import { SCALAR_IMPLEMENTATIONS } from '../scalar/index.js';
import { formatKernelId, type Algorithm, type DispatchLevel, type Recipe } from '../../spec/kernel-id.js';
import { loadNativeAddon, type NativeChoice } from './addon.js';

export interface Dispatched {
  isa: NativeChoice;
  id: string;
  row: RowKernel;
}

/** The ISA the policy picks under min(SOFTMAX_MAX_ISA, maxIsa); 'scalar' without the addon. */
export function selectIsa(maxIsa?: DispatchLevel): NativeChoice {
  const { addon } = loadNativeAddon();
  return addon ? addon.selectIsa(maxIsa) : 'scalar';
}

export function dispatchKernel(algorithm: Exclude<Algorithm, 'naive'>, recipe: Recipe, maxIsa?: DispatchLevel): Dispatched {
  const isa = selectIsa(maxIsa);
  const id = formatKernelId({ algorithm, isa, recipe });
  const { addon } = loadNativeAddon();
  if (isa === 'scalar' || !addon) return { isa: 'scalar', id, row: SCALAR_IMPLEMENTATIONS[`${algorithm}/${recipe}`] };
  const k = addon.kernelIds.indexOf(id);
  return { isa, id, row: (x, y) => addon.softmax(k, x, y) };
}
