// `report --merge`: shards of one run (same machine, seed and options) merge into the
// report the unsharded run would have written, verdicts included; reports of different
// machines are kept apart and compared side by side (porting validation).

import { existsSync } from 'node:fs';
import { mergeAccuracy } from '../properties/core/accuracy-stats.js';
import { FAMILY_NAMES } from '../properties/families/row-families.js';
import { PROPERTIES } from '../properties/laws/all-properties.js';
import type { CheckReport, KernelReport } from '../properties/check/check-report.js';
import { gateKernel, readToleranceTable } from '../properties/check/tolerance-table.js';
import { coverageVerdict, mergeCoverage } from '../properties/check/coverage.js';

/** Reports that are shards of one run share this key. */
function runKey(r: CheckReport): string {
  const o = r.options;
  return JSON.stringify([r.machine.hostname, r.machine.cpu, o.seed, o.runs, o.maxLongRow, o.kernelPattern, o.isa, o.tolerances]);
}

export function machineLabel(r: CheckReport): string {
  return `${r.machine.hostname} (${r.machine.cpu})`;
}

/** Failures in the order an unsharded run finds them: by family in the order the property lists them, as the contract plans them. */
function sortByFamily<F extends { family: string }>(property: string, failures: F[]): F[] {
  const order: readonly string[] = PROPERTIES.find((p) => p.name === property)?.families ?? FAMILY_NAMES;
  return failures.sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family));
}

function mergeKernel(parts: KernelReport[], tolerances: string | null): KernelReport {
  const first = parts[0];
  const properties = first.properties.map((p) => {
    const same = parts.map((r) => r.properties.find((q) => q.property === p.property)!);
    return { property: p.property, passed: same.every((q) => q.passed), rows: same.reduce((s, q) => s + q.rows, 0), failures: sortByFamily(p.property, same.flatMap((q) => q.failures)) };
  });
  const familyRows = Object.fromEntries(FAMILY_NAMES.map((f) => [f, parts.reduce((s, r) => s + (r.familyRows[f] ?? 0), 0)]));
  const accuracy = mergeAccuracy(parts.map((r) => r.accuracy));
  const tolerance =
    tolerances && existsSync(tolerances)
      ? gateKernel(readToleranceTable(tolerances), { kernel: first.kernel, accuracy })
      : { status: parts.some((r) => r.tolerance.status === 'exceeded') ? ('exceeded' as const) : first.tolerance.status, exceeded: parts.flatMap((r) => r.tolerance.exceeded), ratchet: null };
  return {
    kernel: first.kernel,
    control: first.control,
    passed: properties.every((p) => p.passed) && tolerance.status !== 'exceeded',
    properties,
    familyRows,
    // A family one shard was asked for but got no rows is missing unless another shard checked it.
    missingFamilies: [...new Set(parts.flatMap((r) => r.missingFamilies))].filter((f) => familyRows[f] === 0),
    accuracy,
    worst: parts.map((r) => r.worst).reduce((a, b) => (b && (!a || (a.ulp !== null && (b.ulp === null || b.ulp > a.ulp))) ? b : a), null),
    coverage: mergeCoverage(parts.map((r) => r.coverage ?? {})),
    oracleFallbacks: parts.reduce((s, r) => s + r.oracleFallbacks, 0),
    oracleElements: parts.reduce((s, r) => s + r.oracleElements, 0),
    seconds: parts.reduce((s, r) => s + r.seconds, 0),
    tolerance,
  };
}

/** Shards of one run into one report. */
export function mergeShards(shards: readonly CheckReport[]): CheckReport {
  const first = shards[0];
  const order = first.kernels.map((k) => k.id);
  const byKernel = new Map<string, KernelReport[]>();
  for (const s of shards) for (const r of s.results) byKernel.set(r.kernel, [...(byKernel.get(r.kernel) ?? []), r]);
  const results = order.filter((id) => byKernel.has(id)).map((id) => mergeKernel(byKernel.get(id)!, first.options.tolerances));
  const notRun = [...new Set(shards.flatMap((s) => s.notRun))];
  const gating = results.filter((r) => !r.control);
  const failed = gating.some((r) => !r.passed);
  // Shards of a whole run together are the whole run: held to the declared coverage table.
  const coverage = coverageVerdict(results, first.options.maxLongRow, shards.every((s) => s.coverage?.scope !== 'selection') ? 'whole' : 'selection');
  const untrustworthy = notRun.length > 0 || results.some((r) => r.missingFamilies.length > 0) || coverage.empty.length > 0;
  return {
    ...first,
    shard: null,
    results,
    coverage,
    corpus: { path: first.corpus.path, replayed: shards.flatMap((s) => s.corpus.replayed), added: shards.reduce((s, r) => s + r.corpus.added, 0) },
    agreement: { ...first.agreement, kernels: Object.assign({}, ...shards.map((s) => s.agreement.kernels)) },
    notRun,
    verdict: failed ? 'fail' : untrustworthy ? 'untrustworthy' : 'pass',
  };
}

/** Groups reports by run (merging each group's shards): one report per machine. */
export function mergeReports(reports: readonly CheckReport[]): CheckReport[] {
  const groups = new Map<string, CheckReport[]>();
  for (const r of reports) groups.set(runKey(r), [...(groups.get(runKey(r)) ?? []), r]);
  return [...groups.values()].map(mergeShards);
}
