// Loads the Node-API addon built from native/ (build/Release/softmax_native.node), once,
// synchronously. A missing or unloadable addon is not an error for the package: the
// native backends then report why they are unavailable and everything else still works.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { DispatchLevel } from '../../spec/kernel-id.js';
import { packageRoot } from '../../package-root.js';

/** The ISA the native dispatch policy picks; 'scalar' when it may pick no native ISA. */
export type NativeChoice = 'avx512' | 'avx2' | 'scalar';

/** The addon's exports (src/kernels/native/c/addon.c). Every call validates its arguments natively. */
export interface NativeAddon {
  /** Kernel k of softmax/softmaxRows has id kernelIds[k], e.g. "two-pass/avx512/accurate". */
  readonly kernelIds: readonly string[];
  softmax(kernel: number, x: Float32Array, y: Float32Array): void;
  softmaxRows(kernel: number, x: Float32Array, y: Float32Array, rows: number, cols: number, xStride: number, yStride: number): void;
  /** The policy's ISA under min(SOFTMAX_MAX_ISA, cap). */
  selectIsa(cap?: DispatchLevel): NativeChoice;
  /** null when the policy may pick `isa` here; otherwise why not ("CPU lacks AVX-512F", "capped by ..."). */
  isaUnavailableReason(isa: DispatchLevel): string | null;
  cpuFeatures(): Readonly<Record<'fma' | 'avx2' | 'avx512f' | 'avx512dq' | 'avx512bw' | 'avx512vl' | 'osYmm' | 'osZmm', boolean>>;
}

export const NATIVE_ADDON_PATH = 'build/Release/softmax_native.node';

export type AddonLoad = { addon: NativeAddon; error: null } | { addon: null; error: string };

let loaded: AddonLoad | null = null;

export function loadNativeAddon(): AddonLoad {
  if (loaded) return loaded;
  const file = join(packageRoot(), NATIVE_ADDON_PATH);
  if (!existsSync(file)) {
    loaded = { addon: null, error: `native addon not built: ${NATIVE_ADDON_PATH} missing (run npm run build:native)` };
    return loaded;
  }
  try {
    loaded = { addon: createRequire(import.meta.url)(file) as NativeAddon, error: null };
  } catch (e) {
    loaded = { addon: null, error: `native addon ${NATIVE_ADDON_PATH} failed to load: ${(e as Error).message}` };
  }
  return loaded;
}
