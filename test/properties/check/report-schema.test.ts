// The report's JSON Schema is generated from its type and validates untrusted report JSON:
// it may not drift from the type, it accepts what check writes, and it refuses a report
// with a field of the wrong type (such as markup where a number belongs).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReportProblem, REPORT_SCHEMA_FILE } from '../../../properties/check/check-report.js';
import { runCheck } from '../../../properties/check/run-check.js';
import { packageRoot } from '../../../src/package-root.js';
import { generateReportSchema } from '../../../scripts/gen-report-schema.js';

describe('check report schema', () => {
  it(`${REPORT_SCHEMA_FILE} is what scripts/gen-report-schema.ts generates (run npx tsx scripts/gen-report-schema.ts)`, () => {
    expect(readFileSync(join(packageRoot(), REPORT_SCHEMA_FILE), 'utf8')).toBe(generateReportSchema());
  });

  const report = runCheck({ kernel: 'online/scalar/accurate', seed: 2, runs: 2, maxLongRow: 1000, timeBudgetSeconds: 600, property: 'sum-to-one', family: 'uniform' });
  const roundTrip = () => JSON.parse(JSON.stringify(report));

  it('accepts the report check writes', () => {
    expect(checkReportProblem(roundTrip())).toBeNull();
  });

  it('refuses markup in a numeric field, an unknown field, and a missing one, naming where', () => {
    const seed = roundTrip();
    seed.options.seed = '<script>alert(1)</script>';
    expect(checkReportProblem(seed)).toMatch(/\/options\/seed must be number/);
    const extra = roundTrip();
    extra.results[0].injected = '<img src=x onerror=alert(1)>';
    expect(checkReportProblem(extra)).toMatch(/\/results\/0 must NOT have additional properties/);
    const missing = roundTrip();
    delete missing.verdict;
    expect(checkReportProblem(missing)).toMatch(/verdict/);
    expect(checkReportProblem({ ...roundTrip(), schemaVersion: 1 })).toMatch(/schema version 1/);
    expect(checkReportProblem(null)).toMatch(/not a softmax-verify check report/);
  });
});
