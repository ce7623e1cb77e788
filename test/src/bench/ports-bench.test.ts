// bench --external/--exec: ports timed with the same method and JSON as the built-ins; a
// process-ABI driver times the kernel next to it (timer "driver"), other isolated ports are
// timed from here (timer "roundtrip").

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBench } from '../../../src/bench/index.js';
import { registerExternalKernel, type ExternalKernel } from '../../../src/external/external-kernel.js';
import { examplePorts, execPorts } from '../external/build-fixtures.js';

const opened: ExternalKernel[] = [];
afterAll(() => opened.forEach((k) => k.close()));

async function port(o: { exec?: string; path?: string; name: string }): Promise<ExternalKernel> {
  const k = await registerExternalKernel({ ...o, boundUlp: 1, policy: 'nan', algorithm: 'three-pass-recompute' });
  opened.push(k);
  return k;
}

describe('bench with ports', () => {
  let table = '';
  beforeAll(() => {
    table = execPorts.table();
  });

  it("times a driver's kernel in the driver: a kernel that takes 1 ms per call measures 1 ms", async () => {
    const slow = await port({ exec: `${table} one-ms`, name: 'one-ms' });
    const report = await runBench({ ports: [slow], sizes: [256], quick: true, peers: false, timeBudgetSeconds: 0.05, suite: false, command: ['test'] });
    const rows = report.rows.filter((r) => r.kernel === slow.entry.spec.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].timer).toBe('driver');
    expect(rows[0].ns.median).toBeGreaterThanOrEqual(1e6);
    expect(rows[0].ns.median).toBeLessThan(3e6);
    expect(rows[0].nsPerElement).toBeCloseTo(rows[0].ns.median / 256, 6);
    // The ports alone when no --kernel/--isa is given.
    expect(report.rows.every((r) => r.kernel === slow.entry.spec.id)).toBe(true);
  });

  it('times ports beside the built-ins in one run, shared-library ports from here', async () => {
    const exec = await port({ exec: execPorts.example(), name: 'exec-bench' });
    const so = await port({ path: examplePorts.c(), name: 'so-bench' });
    const report = await runBench({ kernel: 'three-pass-recompute/scalar/paper', ports: [exec, so], sizes: [1024], quick: true, peers: false, timeBudgetSeconds: 0.05, suite: false, command: ['test'] });
    const timers = Object.fromEntries(report.rows.map((r) => [r.kernel, r.timer]));
    expect(timers).toEqual({ 'three-pass-recompute/scalar/paper': 'js', [exec.entry.spec.id]: 'driver', [so.entry.spec.id]: 'roundtrip' });
    for (const r of report.rows) {
      expect(r.ns.min).toBeLessThanOrEqual(r.ns.median);
      expect(r.ns.median).toBeLessThanOrEqual(r.ns.max);
      expect(r.gbpsCompulsory).toBeCloseTo(8 / r.nsPerElement, 6);
    }
  });
});
