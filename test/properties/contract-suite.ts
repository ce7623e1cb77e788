// The one parameterised contract suite: every kernel of the registry for an ISA,
// every property, every row family. Kernels that cannot run here are skipped and
// the test name says why. Seed: SOFTMAX_VERIFY_SEED when set, otherwise random;
// printed either way so a failure can be replayed.

import { describe, expect, it } from 'vitest';
import { runContract } from '../../properties/index.js';
import { resolveSeed } from '../../properties/check/seed.js';
import { listKernels } from '../../src/registry.js';
import type { Isa } from '../../src/spec/kernel-id.js';

export const SEED = resolveSeed(undefined);
/** Rows per (property, family); CI may raise it with SOFTMAX_VERIFY_RUNS. */
export const RUNS = Number(process.env.SOFTMAX_VERIFY_RUNS ?? 10);
const MAX_LONG_ROW = Number(process.env.SOFTMAX_VERIFY_MAX_LONG_ROW ?? 1_000_000);

export function describeContract(isa: Isa): void {
  describe(`contract on ${isa} kernels (seed ${SEED}, runs ${RUNS})`, () => {
    const all = listKernels();
    const others = all.filter((e) => e.available);
    for (const entry of all.filter((e) => e.spec.isa === isa && !e.spec.control)) {
      const name = entry.available ? entry.spec.id : `${entry.spec.id} (skipped: ${entry.reason})`;
      it.skipIf(!entry.available)(name, () => {
        const r = runContract(entry, { seed: SEED, runs: RUNS, maxLongRow: MAX_LONG_ROW, others });
        const failures = r.properties.flatMap((p) => p.failures);
        const report = failures.map((f) => `${f.property} on ${f.family}: ${f.message}\n  row: ${f.rowHex}\n  replay: ${f.replay}`).join('\n');
        console.log(`${entry.spec.id}: max ${r.accuracy.maxUlp} ULP, p99 ${r.accuracy.p99Ulp}, sum-1 ${r.accuracy.maxSumToOne} x2^-24, ${r.seconds.toFixed(1)} s, seed ${SEED}`);
        expect(report, `seed ${SEED}`).toBe('');
        expect(r.missingFamilies, 'families with no checked rows').toEqual([]);
      });
    }
  });
}
