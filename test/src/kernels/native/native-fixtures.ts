// Shared by the native tests: the loaded addon (or why it is missing), the native rows of the
// spec table with their golden models, and a deterministic input grid covering every row family.

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

/** Deterministic LCG in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FLT_MAX = 3.4028234663852886e38;

export interface GridRow {
  family: string;
  x: Float32Array;
}

/** Every row family of the contract (docs/contract.md), at every length 0..70, plus long rows. */
export function inputGrid(): GridRow[] {
  const rnd = lcg(20240229);
  const rows: GridRow[] = [];
  const families: Array<[string, (i: number, n: number) => number]> = [
    ['normal', () => (rnd() - 0.5) * 20],
    ['overflow band', () => 88 + rnd() * 12],
    ['up to FLT_MAX', (i) => (i % 3 === 0 ? FLT_MAX * rnd() : i % 3 === 1 ? -FLT_MAX * rnd() : (rnd() - 0.5) * 1e30)],
    ['ties', (i) => (i % 4 === 0 ? 7.25 : 7.25 - rnd() * 4)],
    ['offset 1e3', () => 1e3 + (rnd() - 0.5) * 20],
    ['offset -1e5', () => -1e5 + (rnd() - 0.5) * 20],
    ['offset 1e7', () => 1e7 + (rnd() - 0.5) * 40],
    ['underflow band', (i) => (i === 0 ? 3 : 3 - 87 - rnd() * 17)],
    ['-inf entries', (i) => (i % 3 === 1 ? -Infinity : (rnd() - 0.5) * 30)],
    ['all -inf', () => -Infinity],
    ['NaN', (i, n) => (i === n >> 1 ? NaN : rnd())],
    ['+inf', (i, n) => (i === n - 1 ? Infinity : rnd())],
    ['huge 2^31 and beyond', () => (rnd() < 0.5 ? 1 : -1) * 2 ** (30 + rnd() * 8)],
  ];
  for (const [family, f] of families) {
    for (let n = 0; n <= 70; n++) rows.push({ family, x: Float32Array.from({ length: n }, (_, i) => f(i, n)) });
  }
  for (const n of [1000, 4099, 100_000]) {
    for (const [family, f] of [families[0], families[3], families[7], families[8]] as const) {
      rows.push({ family: `${family} n=${n}`, x: Float32Array.from({ length: n }, (_, i) => f(i, n)) });
    }
  }
  return rows;
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

export function hex(v: number): string {
  const f = new Float32Array([v]);
  return '0x' + new Uint32Array(f.buffer)[0].toString(16).padStart(8, '0');
}
