// The avx2 and avx512 backends: every kernel of the spec table with that ISA, row and
// batched, runs in the native addon. Availability is the native dispatch policy's answer
// (CPU and OS support, SOFTMAX_MAX_ISA), or the reason the addon did not load.

import type { Backend } from '../backend.js';
import type { NativeAddon } from './addon.js';
import { loadNativeAddon } from './addon.js';

function nativeBackend(isa: 'avx2' | 'avx512'): Backend {
  return {
    isa,
    unavailableReason: () => {
      const { addon, error } = loadNativeAddon();
      return addon ? addon.isaUnavailableReason(isa) : error;
    },
    implementation: (spec) => {
      const { addon } = loadNativeAddon();
      const k = addon ? addon.kernelIds.indexOf(spec.id) : -1;
      return addon && k >= 0 ? nativeKernel(addon, k) : null;
    },
  };
}

function nativeKernel(addon: NativeAddon, k: number) {
  const { softmax, softmaxRows } = addon;
  return {
    row: (x: Float32Array, y: Float32Array) => softmax(k, x, y),
    batch: (x: Float32Array, y: Float32Array, rows: number, cols: number, xStride: number, yStride: number) =>
      softmaxRows(k, x, y, rows, cols, xStride, yStride),
  };
}

export const NATIVE_BACKENDS: readonly Backend[] = [nativeBackend('avx2'), nativeBackend('avx512')];
