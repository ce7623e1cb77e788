// `softmax-verify bench --quick` as users run it: the JSON it writes has the documented,
// versioned schema (docs/bench.md). Timings are never asserted: they depend on the machine.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH_SCHEMA_VERSION, type BenchReport } from '../../../src/bench/index.js';

const SPREAD = { median: expect.any(Number), min: expect.any(Number), max: expect.any(Number) };

describe('bench --quick', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'softmax-bench-')), 'bench.json');
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'bench', '--quick', '--out', out], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;

  it('prints the table and names the file', () => {
    expect(stdout).toContain('ns/elem');
    expect(stdout).toContain(`wrote ${out}`);
  });

  it('has the schema header and machine description', () => {
    expect(report).toMatchObject({ schema: 'softmax-verify-bench', schemaVersion: BENCH_SCHEMA_VERSION, quick: true });
    expect(report.machine).toMatchObject({
      cpuModel: expect.any(String),
      logicalCpus: expect.any(Number),
      isaFlags: expect.any(Array),
      caches: expect.any(Array),
      nodeVersion: process.version,
      loadAverage: { start: expect.any(Number), end: expect.any(Number) },
    });
    expect(report.method).toMatchObject({
      inputs: [{ name: 'uniform1000', description: expect.stringContaining('[-1000, 1000]') }],
      denormals: ['on', 'off'],
      denormalsNote: expect.stringContaining('FTZ/DAZ'),
      llcBytes: expect.any(Number),
      outputPoolBytes: expect.any(Number),
      timeBudgetSeconds: expect.any(Number),
    });
  });

  it('has one row per measured (kernel, n) with every documented field', () => {
    expect(report.rows.length).toBeGreaterThan(0);
    for (const r of report.rows) {
      expect(r).toMatchObject({
        kernel: `${r.algorithm}/${r.isa}/${r.recipe}`,
        n: expect.any(Number),
        timer: expect.stringMatching(/^(native|js|js-zero-copy)$/),
        input: 'uniform1000',
        denormals: expect.stringMatching(/^(on|off)$/),
        cache: expect.stringMatching(/^(in-cache|out-of-cache|unknown)$/),
        repeats: expect.any(Number),
        callsPerSample: expect.any(Number),
        ns: SPREAD,
        nsPerElement: expect.any(Number),
        elementsPerSecond: expect.any(Number),
        gbpsCompulsory: expect.any(Number),
        gbpsReal: expect.any(Number),
      });
      expect(r.rooflineRatio === null || typeof r.rooflineRatio === 'number').toBe(true);
      expect(r.ns.min).toBeLessThanOrEqual(r.ns.median);
      expect(r.ns.median).toBeLessThanOrEqual(r.ns.max);
    }
    for (const r of report.roofline) {
      expect(r).toMatchObject({ pattern: expect.any(String), isa: expect.any(String), n: expect.any(Number), ns: SPREAD, bytesPerElement: expect.any(Number), gbps: expect.any(Number) });
    }
    for (const r of report.ratios) {
      expect(r).toMatchObject({ kind: expect.any(String), numerator: expect.any(String), denominator: expect.any(String), n: expect.any(Number), ratio: expect.any(Number) });
    }
    expect(report.peers).toEqual([]);
    expect(report.sanity).toEqual(expect.any(Array));
  });

  it('times native kernels with denormals on and off, JS and wasm with denormals on, wasm also zero-copy', () => {
    const modes = (timer: string) => new Set(report.rows.filter((r) => r.timer === timer).map((r) => r.denormals));
    if (report.rows.some((r) => r.timer === 'native')) expect(modes('native')).toEqual(new Set(['on', 'off']));
    expect(modes('js')).toEqual(new Set(['on']));
    const wasm = report.rows.filter((r) => r.isa === 'wasm-simd128');
    if (wasm.length > 0) expect(new Set(wasm.map((r) => r.timer))).toEqual(new Set(['js', 'js-zero-copy']));
    expect(stdout).toContain('no way to set MXCSR FTZ/DAZ');
  });

  it('times the suite: the oracle on 1e6 elements and a shortened check', () => {
    expect(report.suite).toMatchObject({ oracle: { n: 1_000_000, seconds: expect.any(Number) }, check: { args: expect.arrayContaining(['check']), seconds: expect.any(Number) } });
  });
});
