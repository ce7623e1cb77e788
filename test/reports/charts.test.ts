// The chart data, without a browser: ulp-vs-n carries the declared bound of each kernel at
// its tightest per bucket of n, as the spec table declares it (the accurate recipe: 1 ULP,
// Three-Pass with reloading 1.5), next to max and p99.

import { describe, expect, it } from 'vitest';
import { runCheck } from '../../properties/check/run-check.js';
import { chartsFor } from '../../reports/charts.js';
import { listKernels } from '../../src/registry.js';

describe('ulp-vs-n', () => {
  it('draws the declared bound of every kernel, the spec table\'s value for constant bounds', () => {
    const report = runCheck({ kernel: '*/scalar/accurate,two-pass/scalar/paper', seed: 5, runs: 3, maxLongRow: 2000, timeBudgetSeconds: 600, deep: false, bail: false } as Parameters<typeof runCheck>[0]);
    const chart = chartsFor(report).find((c) => c.id === 'ulp-vs-n')!;
    const values = (chart.spec as unknown as { data: { values: Array<{ kernel: string; statistic: string; ulp: number }> } }).data.values;
    for (const r of report.results) {
      const bounds = values.filter((v) => v.kernel === r.kernel && v.statistic === 'declared bound');
      expect(bounds.length, r.kernel).toBeGreaterThan(0);
      const spec = listKernels().find((e) => e.spec.id === r.kernel)!.spec;
      // Constant bounds (the accurate recipe) are the same number at every n.
      if (spec.recipe === 'accurate') for (const b of bounds) expect(b.ulp, r.kernel).toBe(spec.bound.maxUlp({ n: 1000, spread: 1, magnitude: 1 }));
      // Whatever the bound, nothing drawn lies above it where it was checked and passed.
      const max = values.filter((v) => v.kernel === r.kernel && v.statistic === 'max');
      expect(max.length).toBe(bounds.length);
    }
  });
});
