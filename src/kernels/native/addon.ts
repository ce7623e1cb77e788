// Loads the Node-API addon built from src/kernels/native/c (a local build or the prebuild for
// this platform, artifacts.ts), once, synchronously. A missing or unloadable addon is not an
// error for the package: the native backends then report why they are unavailable (`list`
// shows it) and everything else still works.

import { createRequire } from 'node:module';
import type { Isa } from '../../spec/kernel-id.js';
import { findNativeArtifact, NATIVE_ADDON_FILE } from './artifacts.js';

/** The ISA the native dispatch policy picks; 'scalar' when it may pick no native ISA. */
export type NativeChoice = 'avx512' | 'avx2' | 'scalar';

/** The addon's exports (src/kernels/native/c/addon.c). Every call validates its arguments natively. */
export interface NativeAddon {
  /** Kernel k of softmax/softmaxRows has id kernelIds[k], e.g. "two-pass/avx512/accurate". */
  readonly kernelIds: readonly string[];
  softmax(kernel: number, x: Float32Array, y: Float32Array): void;
  softmaxRows(kernel: number, x: Float32Array, y: Float32Array, rows: number, cols: number, xStride: number, yStride: number): void;
  /** The policy's ISA under min(SOFTMAX_MAX_ISA, cap). */
  selectIsa(cap?: Isa): NativeChoice;
  /** null when the policy may pick `isa` here; otherwise why not ("CPU lacks AVX-512F", "capped by ..."). */
  isaUnavailableReason(isa: Isa): string | null;
  cpuFeatures(): Readonly<Record<'fma' | 'avx2' | 'avx512f' | 'avx512dq' | 'avx512bw' | 'avx512vl' | 'osYmm' | 'osZmm', boolean>>;
}

export type AddonLoad = { addon: NativeAddon; error: null } | { addon: null; error: string };

let loaded: AddonLoad | null = null;

export function loadNativeAddon(): AddonLoad {
  if (loaded) return loaded;
  const found = findNativeArtifact(NATIVE_ADDON_FILE);
  if (found.path === null) {
    loaded = { addon: null, error: `native addon unavailable: ${found.missing}` };
    return loaded;
  }
  try {
    loaded = { addon: createRequire(import.meta.url)(found.path) as NativeAddon, error: null };
  } catch (e) {
    loaded = { addon: null, error: `native addon ${found.path} failed to load: ${(e as Error).message}` };
  }
  return loaded;
}
