// The check report as JUnit XML for CI systems: a testsuite per kernel, a testcase per
// property (plus the tolerance table); the naive control's failures are reported as
// skipped, since it is expected to fail and never gates.

import { escapeXml as x } from './escape.js';
import type { CheckReport } from '../properties/check/check-report.js';

export function junitReport(report: CheckReport): string {
  const suites = report.results.map((r) => {
    const cases = r.properties.map((p) => {
      const body = p.passed
        ? ''
        : r.control
          ? `<skipped message="negative control: expected to fail"/>`
          : p.failures.map((f) => `<failure message="${x(f.message)}" type="${x(f.family)}">${x(`family ${f.family}, seed ${f.seed}, path ${f.path}\nrow (${f.rowLength} float32): ${f.rowHex}\nreplay: npx softmax-verify replay ${f.id}`)}</failure>`).join('');
      return `    <testcase classname="${x(r.kernel)}" name="${x(p.property)}" assertions="${p.rows}">${body}</testcase>`;
    });
    const t = r.tolerance;
    const tolBody = t.status === 'exceeded' ? `<failure message="${x(t.exceeded.map((e) => `n in ${e.bucket}: ${e.measuredUlp} ULP > ${e.allowedUlp ?? 'no entry'}`).join('; '))}"/>` : t.status === 'untabled' ? '<skipped message="no tolerance table entry"/>' : '';
    cases.push(`    <testcase classname="${x(r.kernel)}" name="tolerance-table">${tolBody}</testcase>`);
    const failures = r.control ? 0 : r.properties.filter((p) => !p.passed).length + (t.status === 'exceeded' ? 1 : 0);
    const skipped = (r.control ? r.properties.filter((p) => !p.passed).length : 0) + (t.status === 'untabled' ? 1 : 0);
    return `  <testsuite name="${x(r.kernel)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${r.seconds.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="softmax-verify check (seed ${report.options.seed})">\n${suites.join('\n')}\n</testsuites>\n`;
}
