// Shared by the native tests: the loaded addon (or why it is missing), the native rows of the
// spec table with their golden models, and bit-level comparison.

import { loadNativeAddon, type NativeAddon } from '../../../../src/kernels/native/index.js';
import type { RowKernel } from '../../../../src/kernels/row-kernel.js';
import { SCALAR_IMPLEMENTATIONS } from '../../../../src/kernels/scalar/index.js';
import type { KernelSpec } from '../../../../src/spec/kernel-spec.js';
import { NATIVE_KERNELS } from '../../../../src/spec/native-kernels.js';

const load = loadNativeAddon();
export const addon: NativeAddon | null = load.addon;
/** Why the native tests are skipped; null when the addon loaded. */
export const skipReason: string | null = load.error;

export interface NativeCase {
  spec: KernelSpec;
  /** Index for addon.softmax / addon.softmaxRows. */
  k: number;
  /** The scalar TypeScript kernel of the same algorithm and recipe (the golden model for accurate). */
  scalar: RowKernel;
  /** Why this machine cannot run the kernel (CPU/OS), or null. */
  cannotRun: string | null;
}

export const CASES: NativeCase[] = NATIVE_KERNELS.map((spec) => ({
  spec,
  k: addon ? addon.kernelIds.indexOf(spec.id) : -1,
  scalar: SCALAR_IMPLEMENTATIONS[`${spec.algorithm}/${spec.recipe}`],
  cannotRun: addon ? hardwareReason(addon, spec.isa) : skipReason,
}));

/** The CPU/OS part of the policy only: tests run every kernel the hardware can execute, whatever SOFTMAX_MAX_ISA says. */
function hardwareReason(a: NativeAddon, isa: KernelSpec['isa']): string | null {
  const f = a.cpuFeatures();
  if (!(f.avx2 && f.fma && f.osYmm)) return 'CPU/OS lacks AVX2+FMA';
  if (isa === 'avx512' && !(f.avx512f && f.avx512dq && f.avx512bw && f.avx512vl && f.osZmm)) return 'CPU/OS lacks AVX-512 F/DQ/BW/VL';
  return null;
}

export function runNative(c: NativeCase, x: Float32Array, y: Float32Array): void {
  addon!.softmax(c.k, x, y);
}

export function bits(v: Float32Array): Uint32Array {
  return new Uint32Array(v.buffer, v.byteOffset, v.length);
}

/** Index of the first element whose bits differ, or -1. */
export function firstDifference(a: Float32Array, b: Float32Array): number {
  const ab = bits(a);
  const bb = bits(b);
  for (let i = 0; i < ab.length; i++) if (ab[i] !== bb[i]) return i;
  return ab.length === bb.length ? -1 : ab.length;
}
