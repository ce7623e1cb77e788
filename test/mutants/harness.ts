// Runs the default contract against one registered kernel, property by property in
// contract order, and stops at the first failing property: that property is the killer,
// and the time spent until then is the time to kill. Same runContract, options and
// families as users get; only the early stop is ours.

import { PROPERTIES } from '../../properties/laws/all-properties.js';
import { runContract, type Failure } from '../../properties/index.js';
import type { KernelEntry } from '../../src/registry.js';

export interface KillOptions {
  seed: number;
  runs: number;
  maxLongRow: number;
  /** Kernels to compare against (the built-in ones, never other mutants). */
  others: readonly KernelEntry[];
}

export interface Kill {
  seed: number;
  /** The first failing property, or null when the kernel passed the whole contract. */
  killer: string | null;
  failure: Failure | null;
  seconds: number;
}

export function firstKill(entry: KernelEntry, opts: KillOptions): Kill {
  const started = performance.now();
  for (const p of PROPERTIES) {
    const r = runContract(entry, { ...opts, properties: [p.name] });
    const failure = r.properties[0].failures[0];
    if (failure) return { seed: opts.seed, killer: p.name, failure, seconds: (performance.now() - started) / 1000 };
  }
  return { seed: opts.seed, killer: null, failure: null, seconds: (performance.now() - started) / 1000 };
}
