// `report --merge`: shards of one run (same machine, seed and options) merge into the
// report the unsharded run would have written, verdicts included; separate runs on one
// machine (each port checked on its own, say) merge into one report that keeps every
// kernel of every input; reports of different machines are kept apart and compared side
// by side (porting validation).

import { existsSync } from 'node:fs';
import { mergeAccuracy } from '../properties/core/accuracy-stats.js';
import { FAMILY_NAMES } from '../properties/families/row-families.js';
import type { CheckReport, KernelReport } from '../properties/check/check-report.js';
import { gateKernel, readToleranceTable } from '../properties/check/tolerance-table.js';

/** Reports of one machine share this key; they merge into one report. */
function machineKey(r: CheckReport): string {
  return JSON.stringify([r.machine.hostname, r.machine.cpu]);
}

export function machineLabel(r: CheckReport): string {
  return `${r.machine.hostname} (${r.machine.cpu})`;
}

/** Failures in the order an unsharded run finds them: by family, as the contract plans them. */
function sortByFamily<F extends { family: string }>(failures: F[]): F[] {
  return failures.sort((a, b) => FAMILY_NAMES.indexOf(a.family as never) - FAMILY_NAMES.indexOf(b.family as never));
}

function mergeKernel(parts: KernelReport[], tolerances: string | null): KernelReport {
  const first = parts[0];
  const properties = first.properties.map((p) => {
    const same = parts.map((r) => r.properties.find((q) => q.property === p.property)!);
    return { property: p.property, passed: same.every((q) => q.passed), rows: same.reduce((s, q) => s + q.rows, 0), failures: sortByFamily(same.flatMap((q) => q.failures)) };
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
    oracleFallbacks: parts.reduce((s, r) => s + r.oracleFallbacks, 0),
    oracleElements: parts.reduce((s, r) => s + r.oracleElements, 0),
    seconds: parts.reduce((s, r) => s + r.seconds, 0),
    tolerance,
  };
}

/**
 * Shards of one run, or runs of one machine, into one report: every kernel of every input,
 * in order of first appearance; a kernel in several inputs gets their rows together.
 */
export function mergeShards(shards: readonly CheckReport[]): CheckReport {
  const first = shards[0];
  const kernels = [...new Map(shards.flatMap((s) => s.kernels).map((k) => [k.id, k])).values()];
  const order = kernels.map((k) => k.id);
  const byKernel = new Map<string, KernelReport[]>();
  for (const s of shards) for (const r of s.results) byKernel.set(r.kernel, [...(byKernel.get(r.kernel) ?? []), r]);
  const results = order.filter((id) => byKernel.has(id)).map((id) => mergeKernel(byKernel.get(id)!, first.options.tolerances));
  const notRun = [...new Set(shards.flatMap((s) => s.notRun))];
  const gating = results.filter((r) => !r.control);
  const failed = gating.some((r) => !r.passed);
  const untrustworthy = notRun.length > 0 || results.some((r) => r.missingFamilies.length > 0);
  return {
    ...first,
    options: { ...first.options, kernelPattern: [...new Set(shards.map((s) => s.options.kernelPattern))].join(',') || null },
    kernels,
    shard: null,
    results,
    corpus: { path: first.corpus.path, replayed: shards.flatMap((s) => s.corpus.replayed), added: shards.reduce((s, r) => s + r.corpus.added, 0) },
    agreement: { ...first.agreement, kernels: Object.assign({}, ...shards.map((s) => s.agreement.kernels)) },
    notRun,
    verdict: failed ? 'fail' : untrustworthy ? 'untrustworthy' : 'pass',
  };
}

/** Groups reports by machine (merging each group's shards and runs): one report per machine. */
export function mergeReports(reports: readonly CheckReport[]): CheckReport[] {
  const groups = new Map<string, CheckReport[]>();
  for (const r of reports) groups.set(machineKey(r), [...(groups.get(machineKey(r)) ?? []), r]);
  return [...groups.values()].map(mergeShards);
}
