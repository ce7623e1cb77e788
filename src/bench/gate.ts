// The performance gate of `bench --baseline`: noise-aware. A first comparison only names
// suspects (findRegressions: > 10% and > 3 jitters worse). Each suspect is then timed again, up
// to RETEST_ROUNDS times, each time in a fresh process (the CLI's retest, fresh-retest.ts: a
// JIT-compiled kernel's speed differs between processes by their memory layout), and keeps its
// fastest median, since interference only ever slows a kernel down; a suspect is cleared at
// the first retest within the gate, and only what is still a regression after every round is
// confirmed. While retesting, the CPU other processes take is measured: a regression confirmed
// on a busy machine is reported as inconclusive, not as a failure, because the same code
// cannot be told from a slower one there.

import { findRegressions, rowKey, type Regression } from './baseline.js';
import { otherLoadMeter, type OtherLoadMeter } from './other-load.js';
import type { BenchRow } from './schema.js';

/**
 * Extra timings of each suspect before it is confirmed, each in a new process. Ten, because of
 * the layouts: of 16 fresh processes timing three-pass-reload/scalar/paper at n = 65536, 7 drew
 * the fast one (9.7 to 10.2 ns/element) and 9 a slow one (12.5 to 15.5). Against a baseline
 * timed in a fast layout, unchanged code then fails only if ten new processes all draw a slow
 * one: (9/16)^10 < 0.4%, times the chance of that baseline and a slow first run, ~0.1% a run.
 * A retest takes a process start (~0.2 s) and the row's own timing; rounds stop at a clear.
 */
export const RETEST_ROUNDS = 10;
/** Other processes using more than this many cores' worth of CPU during the retest make it inconclusive. */
export const BUSY_CORES = 0.5;

export interface GateOutcome {
  /** Regressions that every retest reproduced on a quiet machine: exit 4. */
  confirmed: Regression[];
  /** Suspects a retest cleared (noise). */
  cleared: Regression[];
  /** Regressions reproduced while other processes were busy: warned about, exit 0. */
  inconclusive: Regression[];
  /** Cores other processes used during the retests (null: not measurable here; no retest: null). */
  otherCores: number | null;
}

/** `retest` times the given rows again with the same method and returns fresh rows for them. */
export async function gateAgainstBaseline(current: readonly BenchRow[], baseline: readonly BenchRow[], retest: (rows: BenchRow[]) => Promise<BenchRow[]>, meter: () => OtherLoadMeter = otherLoadMeter): Promise<GateOutcome> {
  const first = findRegressions(current, baseline);
  if (first.length === 0) return { confirmed: [], cleared: [], inconclusive: [], otherCores: null };
  const best = new Map(current.map((r) => [rowKey(r), r]));
  let suspects = first;
  const load = meter();
  for (let round = 0; round < RETEST_ROUNDS && suspects.length > 0; round++) {
    for (const fresh of await retest(suspects.map((s) => s.row))) {
      const old = best.get(rowKey(fresh));
      if (!old || fresh.nsPerElement < old.nsPerElement) best.set(rowKey(fresh), fresh);
    }
    suspects = findRegressions(
      suspects.map((s) => best.get(rowKey(s.row))!),
      baseline,
    );
  }
  const otherCores = load.stop();
  const still = new Set(suspects.map((s) => rowKey(s.row)));
  const cleared = first.filter((s) => !still.has(rowKey(s.row)));
  const busy = otherCores !== null && otherCores > BUSY_CORES;
  return { confirmed: busy ? [] : suspects, cleared, inconclusive: busy ? suspects : [], otherCores };
}
