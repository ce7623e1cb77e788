// The JUnit output as a real consumer (test-results-parser, as CI dashboards use) reads it:
// every testcase has a time, every failure is visible in its own testcase with its replay
// line, and merged machines keep every machine.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../properties/check/run-check.js';
import { junitReport } from '../../reports/junit-report.js';
import { registerKernel, registry, unregisterKernel } from '../../src/registry.js';

interface ParsedCase { name: string; status: string; duration: number; failure: string }
interface ParsedSuite { name: string; total: number; failed: number; cases: ParsedCase[] }
const { parse } = createRequire(import.meta.url)('test-results-parser') as { parse(o: { type: string; files: string[] }): { total: number; failed: number; suites: ParsedSuite[] } };

const dir = mkdtempSync(join(tmpdir(), 'softmax-junit-'));
const base = registry().get('two-pass/scalar/accurate')!;
const WRONG = 'two-pass/junit-test-wrong/accurate';
registerKernel({ ...base.spec, id: WRONG, origin: 'mutant' }, { row: (x, y) => y.fill(1 / x.length) });
afterAll(() => unregisterKernel(WRONG));

const options = { seed: 8, runs: 4, maxLongRow: 1000, timeBudgetSeconds: 600, property: 'oracle-agreement,sum-to-one', family: 'uniform,ties,overflow-band' };

function consume(xml: string) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  return parse({ type: 'junit', files: [file] });
}

describe('JUnit output', () => {
  const report = runCheck({ ...options, kernel: `two-pass/scalar/accurate,${WRONG}` });

  it('has a time on every testcase and one testcase per kernel, property and family', () => {
    const parsed = consume(junitReport(report));
    const cases = parsed.suites.flatMap((s) => s.cases);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(Number.isFinite(c.duration), c.name).toBe(true);
    const good = parsed.suites.find((s) => s.name === 'two-pass/scalar/accurate')!;
    // 2 properties x 3 families each, plus the tolerance table.
    expect(good.cases.map((c) => c.name).sort()).toEqual(
      ['oracle-agreement on overflow-band', 'oracle-agreement on ties', 'oracle-agreement on uniform', 'sum-to-one on overflow-band', 'sum-to-one on ties', 'sum-to-one on uniform', 'tolerance-table'].sort(),
    );
    expect(good.failed).toBe(0);
  });

  it('shows every failure in its own testcase, with its replay line', () => {
    const parsed = consume(junitReport(report));
    const bad = parsed.suites.find((s) => s.name === WRONG)!;
    const failures = report.results.find((r) => r.kernel === WRONG)!.properties.flatMap((p) => p.failures);
    expect(failures.length).toBeGreaterThan(1);
    expect(bad.failed).toBe(failures.length);
    for (const f of failures) {
      const c = bad.cases.find((k) => k.name === `${f.property} on ${f.family}`)!;
      expect(c.status).toBe('FAIL');
      expect(c.failure).toContain(f.message);
    }
    expect(junitReport(report)).toContain(`replay: npx softmax-verify check --kernel &apos;${WRONG}&apos;`);
  });

  it('keeps every machine of a merge', () => {
    const other = { ...report, machine: { ...report.machine, hostname: 'board-2' } };
    const parsed = consume(junitReport([report, other]));
    const names = parsed.suites.map((s) => s.name);
    expect(names.filter((n) => n.startsWith('board-2 ')).length).toBe(report.results.length);
    expect(names.filter((n) => !n.startsWith('board-2 ')).length).toBe(report.results.length);
  });
});
