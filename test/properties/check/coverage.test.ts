// Coverage accounting: a whole run is held to the declared coverage table, and a run that
// leaves a declared cell empty is untrustworthy (exit 3); the table is in the report JSON,
// Markdown and HTML.

import { describe, expect, it } from 'vitest';
import { CoverageRecorder, coverageVerdict, declaredCoverage } from '../../../properties/check/coverage.js';
import { runCheck, type CheckOptions } from '../../../properties/check/run-check.js';
import { markdownReport } from '../../../reports/markdown-report.js';
import { coverageHtml } from '../../../reports/coverage-table.js';
import { escapeXml } from '../../../reports/escape.js';
import { EXIT, verdictExit } from '../../../src/cli/exit-codes.js';
import { registerKernel, unregisterKernel } from '../../../src/registry.js';
import { findKernelSpec } from '../../../src/spec/kernels.js';
import { onlineAccurate } from '../../../src/kernels/scalar/accurate.js';

function fullCounts(maxLongRow: number) {
  const r = new CoverageRecorder(16);
  for (const [dim, cells] of Object.entries(declaredCoverage(maxLongRow))) for (const c of cells) r.note(dim as never, c);
  return r.table();
}

describe('coverageVerdict', () => {
  it('a whole run with every declared cell reached passes; one empty cell is named', () => {
    const full = fullCounts(1_000_000);
    expect(coverageVerdict([{ kernel: 'k', coverage: full }], 1_000_000, 'whole').empty).toEqual([]);
    const holed = structuredClone(full);
    delete holed['x-offset']!['13'];
    expect(coverageVerdict([{ kernel: 'k', coverage: holed }], 1_000_000, 'whole').empty).toEqual([{ kernel: 'k', dimension: 'x-offset', cell: '13' }]);
  });
  it('a control (the naive kernel) is not held to the table: it fails by design and stops early; a gating kernel beside it still is', () => {
    const full = fullCounts(1_000_000);
    const holed = structuredClone(full);
    delete holed.octave!['2^16'];
    expect(coverageVerdict([{ kernel: 'naive', coverage: holed, control: true }, { kernel: 'k', coverage: full, control: false }], 1_000_000, 'whole').empty).toEqual([]);
    expect(coverageVerdict([{ kernel: 'naive', coverage: holed, control: true }, { kernel: 'k', coverage: holed, control: false }], 1_000_000, 'whole').empty).toEqual([{ kernel: 'k', dimension: 'octave', cell: '2^16' }]);
  });
  it('partial runs (a selection, a shard) are not held to the table', () => {
    expect(coverageVerdict([{ kernel: 'k', coverage: {} }], 1_000_000, 'selection')).toMatchObject({ declared: null, empty: [] });
    expect(coverageVerdict([{ kernel: 'k', coverage: {} }], 1_000_000, 'shard')).toMatchObject({ declared: null, empty: [] });
  });
  it('declares no long rows when --max-long-row is below 2^10 (none can be drawn)', () => {
    expect(declaredCoverage(1000).length).toEqual(['tail', 'tile-multiple', 'mid']);
    expect(declaredCoverage(1024).length).toContain('long');
  });
  it('declares one octave cell per octave from 2^10 to the longest row', () => {
    expect(declaredCoverage(1_000_000).octave).toEqual(['2^10', '2^11', '2^12', '2^13', '2^14', '2^15', '2^16', '2^17', '2^18', '2^19']);
  });
});

describe('check exit codes from coverage', () => {
  const options = (runs: number, kernel = 'two-pass/scalar/accurate'): CheckOptions => ({ kernel, seed: 1, runs, maxLongRow: 4096, timeBudgetSeconds: 600, tolerances: null });

  it('a run that cannot fill the declared table exits 3 and names the empty cells in the JSON, Markdown and HTML', () => {
    // A kernel whose tile (256) makes every mid-size length (34..1023) one of its tails
    // (0..4*256+1): the mid cell stays empty, whatever the rows.
    const base = findKernelSpec('online/scalar/accurate')!;
    const id = 'coverage-test/scalar/wide-tile';
    unregisterKernel(id);
    registerKernel({ ...base, id, origin: 'mutant', tile: 256 }, { row: (x, y) => onlineAccurate(x, y) });
    let report;
    try {
      report = runCheck(options(1, id));
    } finally {
      unregisterKernel(id);
    }
    expect(verdictExit(report.verdict)).toBe(EXIT.untrustworthy);
    expect(report.verdict).toBe('untrustworthy');
    expect(report.coverage?.scope).toBe('whole');
    expect(report.coverage?.empty).toEqual([{ kernel: id, dimension: 'length', cell: 'mid' }]);
    expect(report.results[0].coverage.length?.tail).toBeGreaterThan(0);
    const first = report.coverage!.empty[0];
    expect(markdownReport(report)).toContain(`| ${first.dimension} | \`${first.cell}\` | 0 |`);
    expect(coverageHtml(report, escapeXml)).toMatch(/declared cell\(s\) left empty/);
  });

  it('the default number of runs fills it: exit 0, the true worst error recorded', () => {
    const report = runCheck(options(40));
    expect(verdictExit(report.verdict)).toBe(EXIT.ok);
    expect(report.coverage?.empty).toEqual([]);
    expect(report.results[0].worst?.ulp).toBeGreaterThan(0);
    expect(report.results[0].worst!.ulp!).toBeLessThanOrEqual(report.results[0].accuracy.maxUlp);
    expect(markdownReport(report)).toContain('Every declared cell was reached by every kernel.');
  }, 120_000);
});
