// runCheck as a library function: a typed report, no printing and no exit, so gating and
// merging are testable in-process.

import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCheck, newFailures, type CheckOptions } from '../../../properties/check/run-check.js';
import { statusLabel, verdictOf } from '../../../properties/check/verdict.js';
import { mergeShards } from '../../../reports/merge.js';
import { UsageError } from '../../../src/errors.js';
import { registerKernel, registry, unregisterKernel } from '../../../src/registry.js';

const base = registry().get('online/scalar/accurate')!;
const WRONG = 'online/library-test-wrong/accurate';
// Uniform output: wrong for every row of unequal finite values.
registerKernel({ ...base.spec, id: WRONG, origin: 'mutant' }, { row: (x, y) => y.fill(1 / x.length) });
afterAll(() => unregisterKernel(WRONG));

const small: CheckOptions = { seed: 5, runs: 3, maxLongRow: 1000, timeBudgetSeconds: 600, property: 'oracle-agreement,sum-to-one', family: 'uniform,ties' };

describe('runCheck', () => {
  it('passes a correct kernel, prints nothing, and returns the typed report', () => {
    const log = vi.spyOn(console, 'log');
    const report = runCheck({ ...small, kernel: 'online/scalar/accurate' });
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
    expect(report.verdict).toBe('pass');
    expect(report.results.map((r) => r.kernel)).toEqual(['online/scalar/accurate']);
    expect(report.results[0].properties.map((p) => p.property).sort()).toEqual(['oracle-agreement', 'sum-to-one']);
    expect(report.results[0].accuracy.maxUlp).toBeLessThan(1);
  });

  it('fails a wrong kernel with a shrunk counterexample and a replay line', () => {
    const report = runCheck({ ...small, kernel: WRONG });
    expect(report.verdict).toBe('fail');
    const failures = newFailures(report);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].rowLength).toBeGreaterThan(1);
    expect(failures[0].replay).toContain(`--kernel '${WRONG}'`);
    expect(statusLabel(report.results[0])).toBe('FAIL');
  });

  it('throws UsageError naming the bad option before doing any work', () => {
    expect(() => runCheck({ ...small, property: 'no-such-law' })).toThrow(UsageError);
    expect(() => runCheck({ ...small, property: 'no-such-law' })).toThrow(/--property no-such-law/);
    expect(() => runCheck({ ...small, kernel: 'nothing-matches-this' })).toThrow(/matches no kernel/);
    expect(() => runCheck({ ...small, path: '0:1' })).toThrow(/exactly one --property and one --family/);
  });

  it('two shards merged in-process give the unsharded verdict', () => {
    const opts = { ...small, kernel: `online/scalar/accurate,${WRONG}` };
    const whole = runCheck(opts);
    const merged = mergeShards([1, 2].map((index) => runCheck({ ...opts, shard: { index, count: 2 } })));
    expect(merged.verdict).toBe(whole.verdict);
    expect(merged.results.map((r) => [r.kernel, r.passed])).toEqual(whole.results.map((r) => [r.kernel, r.passed]));
  });
});

describe('verdictOf', () => {
  const ok = { passed: true, control: false, missingFamilies: [] };
  it('fails on a failing gating kernel, never on a control', () => {
    expect(verdictOf([ok, { ...ok, passed: false }], [])).toBe('fail');
    expect(verdictOf([ok, { ...ok, passed: false, control: true }], [])).toBe('pass');
  });
  it('is untrustworthy when a family got no rows or a kernel was not reached', () => {
    expect(verdictOf([{ ...ok, missingFamilies: ['ties'] }], [])).toBe('untrustworthy');
    expect(verdictOf([ok], ['two-pass/scalar/paper'])).toBe('untrustworthy');
  });
});
