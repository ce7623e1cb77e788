// How many calls per sample and how many samples one (kernel, n) gets: samples long enough
// for the clock (batching calls for small rows), repeats bounded by the time budget.

import { spread } from './stats.js';
import type { Spread } from './schema.js';

export interface MeasurePlan {
  /** Shortest timed sample; shorter calls are batched and the sample divided by the batch. */
  minSampleNs: number;
  /** Time one (kernel, n) may take in its timed samples. */
  budgetNs: number;
  minReps: number;
  maxReps: number;
  /** Outputs rotate through at least this many bytes. */
  poolBytes: number;
  /**
   * JS and wasm code runs at least this long before it is timed: V8 starts wasm in its Liftoff
   * baseline tier and JS in the interpreter, and optimizes hot code later (in a background
   * thread, which a busy second core delays); the figures are for the optimized code.
   */
  jitWarmupNs: number;
}

export interface Measured {
  ns: Spread;
  repeats: number;
  callsPerSample: number;
}

/** A timer: (reps, callsPerSample) -> ns per call of each sample. */
export type Timer = (reps: number, callsPerSample: number) => Promise<ArrayLike<number>>;

/** `jit`: the timer runs JIT-compiled code (JS, wasm), which is warmed up first. */
export async function measure(timer: Timer, plan: MeasurePlan, jit: boolean): Promise<Measured> {
  if (jit) {
    const end = process.hrtime.bigint() + BigInt(Math.round(plan.jitWarmupNs));
    while (process.hrtime.bigint() < end) await timer(1, 1);
  }
  const [estimate] = Array.from(await timer(1, 1));
  const perCall = Math.max(estimate!, 1);
  const callsPerSample = Math.max(1, Math.ceil(plan.minSampleNs / perCall));
  const repeats = Math.min(plan.maxReps, Math.max(plan.minReps, Math.floor(plan.budgetNs / (perCall * callsPerSample))));
  const samples = Array.from(await timer(repeats, callsPerSample));
  return { ns: spread(samples), repeats, callsPerSample };
}
