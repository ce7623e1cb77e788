// Failures on long rows shrink fast: fast-check shrinks the row's structure (its length
// first), committed long rows are halved while they fail, and the time is capped; the
// run's true worst error is reported besides the shrunk row.

import { afterAll, describe, expect, it } from 'vitest';
import { halveWhileFailing, runContract, SHRINK_BUDGET_MS } from '../../../properties/check/contract.js';
import { listKernels, registerKernel, unregisterKernel } from '../../../src/registry.js';
import { findKernelSpec } from '../../../src/spec/kernels.js';
import { onlineAccurate } from '../../../src/kernels/scalar/accurate.js';

const id = 'shrink-test/scalar/wrong-past-3000';
afterAll(() => unregisterKernel(id));

describe('shrinking long rows', () => {
  it('halving keeps a failing half until neither half fails', () => {
    const row = { family: 'long-near-equal' as const, x: new Float32Array(1 << 20).fill(1) };
    row.x[700_001] = 5; // the "bug" needs this entry
    const out = halveWhileFailing(row, (r) => r.x.includes(5), performance.now() + 10_000)!;
    expect(out.x.length).toBe(1);
    expect(out.x.includes(5)).toBe(true);
    // A failure that does not depend on the length shrinks to one entry; one entry is already minimal.
    expect(halveWhileFailing({ family: 'uniform', x: new Float32Array(10) }, () => true, performance.now() + 1000)!.x.length).toBe(1);
    expect(halveWhileFailing({ family: 'uniform', x: new Float32Array(1) }, () => true, performance.now() + 1000)).toBeNull();
    // A failure that needs two entries stops when no half has both: 64 -> 32 -> 16 -> 8 -> 4 -> 2.
    const pair = { family: 'uniform' as const, x: Float32Array.from({ length: 64 }, (_, i) => (i === 40 || i === 41 ? 9 : 0)) };
    expect(Array.from(halveWhileFailing(pair, (r) => r.x.filter((v) => v === 9).length === 2, performance.now() + 1000)!.x)).toEqual([9, 9]);
  });

  it('a kernel wrong on every row past 3000 elements: the failure shrinks to a short row within the budget, and the true worst is reported', () => {
    const base = findKernelSpec('online/scalar/accurate')!;
    unregisterKernel(id);
    // Outputs off by a factor 1.5 beyond element 3000 (a bug of long rows only).
    const entry = registerKernel({ ...base, id, origin: 'mutant' }, {
      row: (x, y) => {
        onlineAccurate(x, y);
        for (let i = 3000; i < y.length; i++) y[i] = Math.fround(y[i] * 1.5);
      },
    });
    const started = performance.now();
    const r = runContract(entry, { seed: 1, runs: 20, maxLongRow: 200_000, properties: ['oracle-agreement'], families: ['long-near-equal'], others: listKernels().filter((e) => e.available) });
    const seconds = (performance.now() - started) / 1000;
    const f = r.properties[0].failures[0];
    expect(f, 'the bug is found').toBeDefined();
    expect(f.rowLength).toBeGreaterThan(3000);
    expect(f.rowLength).toBeLessThan(8192);
    expect(seconds).toBeLessThan(SHRINK_BUDGET_MS / 1000 + 60);
    // The shrunk row sits anywhere over the bound; the worst over every row is what the kernel really did (about 0.5 of the output).
    expect(r.worst?.ulp).toBeGreaterThan(1e6);
  }, 180_000);
});
