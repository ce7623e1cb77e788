// The check report as JUnit XML for CI systems. Consumers show one <failure> per testcase,
// so every failure gets a testcase of its own: one per (kernel, property, family) the
// contract ran, with its time, and one per regression-corpus entry that still fails; plus
// the tolerance table per kernel. Machines side by side (report --merge) each get their
// testsuites, named after the machine. The naive control's failures are skipped: it is
// expected to fail and never gates.

import { escapeXml as x } from './escape.js';
import type { CheckReport, Failure, KernelReport, PropertyResult } from '../properties/check/check-report.js';
import { machineLabel } from './merge.js';

interface Case {
  name: string;
  seconds: number;
  assertions: number;
  failure?: Failure;
  /** A failure with no generated row (the tolerance table). */
  plainFailure?: string;
  skipped?: string;
}

function failureBody(f: Failure): string {
  const detail = `${f.property} on ${f.family}: ${f.message}\nkernel ${f.kernel}, seed ${f.seed}, path ${f.path}\nrow (${f.rowLength} float32, hex): ${f.rowHex}\nreplay: ${f.replay}`;
  return `<failure message="${x(f.message)}" type="${x(`${f.property}/${f.family}`)}">${x(detail)}</failure>`;
}

function propertyCases(r: KernelReport, p: PropertyResult): Case[] {
  const fromCorpus = (f: Failure) => f.message.startsWith('corpus ');
  const generated = (family: string) => p.failures.find((f) => f.family === family && !fromCorpus(f));
  // Families this run did not check (another shard's, or outside --family) are no testcase.
  const ran = Object.entries(p.families).filter(([family, v]) => v.rows > 0 || generated(family));
  const cases: Case[] = ran.map(([family, v]) => ({
    name: `${p.property} on ${family}`,
    seconds: v.seconds,
    assertions: v.rows,
    failure: generated(family),
  }));
  // Corpus replays and any failure of a family with no timing entry: each its own testcase.
  for (const f of p.failures) {
    if (cases.some((c) => c.failure === f)) continue;
    cases.push({ name: `${p.property} on ${f.family} (${fromCorpus(f) ? `corpus ${f.id}` : f.id})`, seconds: 0, assertions: 1, failure: f });
  }
  if (r.control) for (const c of cases) if (c.failure) c.skipped = 'negative control: expected to fail';
  return cases;
}

function toleranceCase(r: KernelReport): Case {
  const t = r.tolerance;
  if (t.status === 'exceeded') return { name: 'tolerance-table', seconds: 0, assertions: 1, plainFailure: t.exceeded.map((e) => `n in ${e.bucket}: ${e.measuredUlp} ULP > ${e.allowedUlp ?? 'no entry'}`).join('; ') };
  return { name: 'tolerance-table', seconds: 0, assertions: 1, skipped: t.status === 'untabled' ? 'no tolerance table entry' : undefined };
}

function testcase(kernel: string, c: Case): string {
  const body = c.skipped
    ? `<skipped message="${x(c.skipped)}"/>`
    : c.failure
      ? failureBody(c.failure)
      : c.plainFailure
        ? `<failure message="${x(c.plainFailure)}" type="tolerance-table"/>`
        : '';
  return `    <testcase classname="${x(kernel)}" name="${x(c.name)}" time="${c.seconds.toFixed(3)}" assertions="${c.assertions}">${body}</testcase>`;
}

function suite(r: KernelReport, prefix: string): string {
  const cases = [...r.properties.flatMap((p) => propertyCases(r, p)), toleranceCase(r)];
  const failures = cases.filter((c) => !c.skipped && (c.failure || c.plainFailure)).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const time = cases.reduce((s, c) => s + c.seconds, 0);
  return `  <testsuite name="${x(prefix + r.kernel)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">\n${cases.map((c) => testcase(r.kernel, c)).join('\n')}\n  </testsuite>`;
}

/** One JUnit document for one run, or for several machines side by side. */
export function junitReport(machines: CheckReport | readonly CheckReport[]): string {
  const list = Array.isArray(machines) ? (machines as readonly CheckReport[]) : [machines as CheckReport];
  const many = list.length > 1;
  const suites = list.flatMap((m) => m.results.map((r) => suite(r, many ? `${machineLabel(m)}: ` : '')));
  const seeds = [...new Set(list.map((m) => m.options.seed))].join(', ');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="softmax-verify check (seed ${x(seeds)})">\n${suites.join('\n')}\n</testsuites>\n`;
}
