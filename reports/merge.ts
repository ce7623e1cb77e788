// `report --merge`: shards of one run (same machine, seed and options) merge into the
// report the unsharded run would have written, verdicts included; reports of different
// machines are kept apart and compared side by side (porting validation).

import { existsSync } from 'node:fs';
import { mergeAccuracy } from '../properties/core/accuracy-stats.js';
import { FAMILY_NAMES } from '../properties/families/row-families.js';
import type { CheckReport, KernelReport } from '../properties/check/check-report.js';
import { gateKernel, readToleranceTable } from '../properties/check/tolerance-table.js';
import { verdictOf } from '../properties/check/verdict.js';
import { UsageError } from '../src/errors.js';
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
function sortByFamily<F extends { family: string }>(familyOrder: readonly string[], failures: F[]): F[] {
  const order = familyOrder.length ? familyOrder : FAMILY_NAMES;
  return failures.sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family));
}

function mergeKernel(parts: KernelReport[], tolerances: string | null): KernelReport {
  const first = parts[0];
  const properties = first.properties.map((p) => {
    const same = parts.map((r) => r.properties.find((q) => q.property === p.property)!);
    const families: Record<string, { rows: number; seconds: number }> = {};
    for (const q of same) {
      for (const [f, v] of Object.entries(q.families)) families[f] = { rows: (families[f]?.rows ?? 0) + v.rows, seconds: (families[f]?.seconds ?? 0) + v.seconds };
    }
    return { property: p.property, passed: same.every((q) => q.passed), rows: same.reduce((s, q) => s + q.rows, 0), failures: sortByFamily(Object.keys(p.families), same.flatMap((q) => q.failures)), families };
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
  // Shards of a whole run together are the whole run: held to the declared coverage table.
  const coverage = coverageVerdict(results, first.options.maxLongRow, shards.every((s) => s.coverage?.scope !== 'selection') ? 'whole' : 'selection');
  return {
    ...first,
    shard: null,
    results,
    coverage,
    corpus: { path: first.corpus.path, replayed: shards.flatMap((s) => s.corpus.replayed), added: shards.reduce((s, r) => s + r.corpus.added, 0) },
    agreement: { ...first.agreement, kernels: Object.assign({}, ...shards.map((s) => s.agreement.kernels)) },
    notRun,
    verdict: verdictOf(results, notRun, coverage.empty.length),
  };
}

/** Shards of one run: each at most once, all of the same count; returns the shard indices missing. */
function checkShards(group: readonly CheckReport[]): number[] {
  const sharded = group.filter((r) => r.shard !== null);
  if (sharded.length === 0) {
    if (group.length > 1) throw new UsageError(`--merge: ${group.length} whole (unsharded) runs of the same machine, seed and options; give each run once`);
    return [];
  }
  if (sharded.length !== group.length) throw new UsageError('--merge: a whole run and shards of the same run; merge the shards only');
  const count = sharded[0].shard!.count;
  if (sharded.some((r) => r.shard!.count !== count)) throw new UsageError(`--merge: shards of different splits (${[...new Set(sharded.map((r) => `/${r.shard!.count}`))].join(', ')}); merge the shards of one split`);
  const seen = new Set<number>();
  for (const r of sharded) {
    if (seen.has(r.shard!.index)) throw new UsageError(`--merge: shard ${r.shard!.index}/${count} given twice`);
    seen.add(r.shard!.index);
  }
  return Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
}

/**
 * Shards of one machine must come from one run: the same seed and options. A shard whose
 * seed or options differ from its siblings' is refused, never shown as another machine.
 */
function checkOneRunPerMachine(groups: ReadonlyMap<string, CheckReport[]>): void {
  const byMachine = new Map<string, CheckReport[]>();
  for (const g of groups.values()) {
    const m = machineLabel(g[0]);
    byMachine.set(m, [...(byMachine.get(m) ?? []), g[0]]);
  }
  for (const [machine, runs] of byMachine) {
    if (runs.length > 1 && runs.some((r) => r.shard !== null)) {
      const seeds = [...new Set(runs.map((r) => r.options.seed))].join(', ');
      throw new UsageError(`--merge: shards of ${machine} come from different runs (seeds ${seeds}, or other options differ); give every shard the same --seed and options`);
    }
  }
}

/** Groups reports by run (merging each group's shards): one report per machine. */
export function mergeReports(reports: readonly CheckReport[]): CheckReport[] {
  const groups = new Map<string, CheckReport[]>();
  for (const r of reports) groups.set(runKey(r), [...(groups.get(runKey(r)) ?? []), r]);
  checkOneRunPerMachine(groups);
  return [...groups.values()].map((g) => {
    const missing = checkShards(g);
    const merged = mergeShards(g);
    if (missing.length === 0) return merged;
    // A merge that lacks shards cannot vouch for the run: partial, never a pass.
    const count = g[0].shard!.count;
    return { ...merged, missingShards: missing.map((i) => `${i}/${count}`), verdict: merged.verdict === 'fail' ? 'fail' : 'untrustworthy' };
  });
}
