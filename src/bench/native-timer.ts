// The addon's timing entry points (src/kernels/native/c/bench.h): the loop runs in native code, so a
// figure carries no per-call JavaScript overhead.

import { loadNativeAddon, type NativeAddon } from '../kernels/native/addon.js';
import type { MemoryPattern } from './traffic.js';

export interface BenchAddon extends NativeAddon {
  /**
   * ns per call of each of `reps` samples, each sample `callsPerSample` calls, after one untimed
   * sample; with flushDenormals, the timing thread's MXCSR has FTZ and DAZ set meanwhile (restored after).
   */
  benchKernel(kernel: number, x: Float32Array, reps: number, callsPerSample: number, poolBytes: number, flushDenormals: boolean): Float64Array;
  benchMemory(pattern: MemoryPattern, isa: 'avx2' | 'avx512', x: Float32Array, reps: number, callsPerSample: number, poolBytes: number, flushDenormals: boolean): Float64Array;
  /** Frees the timing loop's output pool (absent from addons built before it existed). */
  benchReleasePool?(): void;
  readonly memoryPatterns: readonly MemoryPattern[];
  denormalMode(): { mxcsr: number; ftz: boolean; daz: boolean };
}

/** The addon when it is built with the timing entry points, else null. */
export function benchAddon(): BenchAddon | null {
  const { addon } = loadNativeAddon();
  return addon && typeof (addon as Partial<BenchAddon>).benchKernel === 'function' ? (addon as BenchAddon) : null;
}
