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
import { verdictOf } from '../properties/check/verdict.js';
import { UsageError } from '../src/errors.js';
import { coverageVerdict, mergeCoverage } from '../properties/check/coverage.js';

/** Reports of one machine share this key; they merge into one report. */
function machineKey(r: CheckReport): string {
  return JSON.stringify([r.machine.hostname, r.machine.cpu]);
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
  // Shards of a whole run together are the whole run: held to the declared coverage table.
  const coverage = coverageVerdict(results, first.options.maxLongRow, shards.every((s) => s.coverage?.scope !== 'selection') ? 'whole' : 'selection');
  return {
    ...first,
    options: { ...first.options, kernelPattern: [...new Set(shards.map((s) => s.options.kernelPattern))].join(',') || null },
    kernels,
    shard: null,
    results,
    coverage,
    corpus: { path: first.corpus.path, replayed: shards.flatMap((s) => s.corpus.replayed), added: shards.reduce((s, r) => s + r.corpus.added, 0) },
    agreement: { ...first.agreement, kernels: Object.assign({}, ...shards.map((s) => s.agreement.kernels)) },
    notRun,
    verdict: verdictOf(results, notRun, coverage.empty.length),
  };
}

/** Shards of one run share this key: the same machine, seed and options. */
function runKey(r: CheckReport): string {
  const o = r.options;
  return JSON.stringify([machineKey(r), o.seed, o.runs, o.maxLongRow, o.kernelPattern, o.isa, o.tolerances]);
}

/** Shards of one run: each at most once, all of the same split; returns the shards missing ("2/4"). */
function missingShards(shards: readonly CheckReport[]): string[] {
  const count = shards[0].shard!.count;
  if (shards.some((r) => r.shard!.count !== count)) throw new UsageError(`--merge: shards of different splits (${[...new Set(shards.map((r) => `/${r.shard!.count}`))].join(', ')}); merge the shards of one split`);
  const seen = new Set<number>();
  for (const r of shards) {
    if (seen.has(r.shard!.index)) throw new UsageError(`--merge: shard ${r.shard!.index}/${count} given twice`);
    seen.add(r.shard!.index);
  }
  return Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i)).map((i) => `${i}/${count}`);
}

/**
 * One machine's reports: shards must all come from one run (the same seed and options; a
 * shard of another seed is refused, never shown as more coverage), and separate whole runs
 * (each port checked on its own) must not check the same kernel twice.
 */
function checkMachine(reports: readonly CheckReport[]): string[] {
  const shards = reports.filter((r) => r.shard !== null);
  if (new Set(shards.map(runKey)).size > 1) {
    const seeds = [...new Set(shards.map((r) => r.options.seed))].join(', ');
    throw new UsageError(`--merge: shards of ${machineLabel(shards[0])} come from different runs (seeds ${seeds}, or other options differ); give every shard the same --seed and options`);
  }
  const seen = new Map<string, number>();
  reports.filter((r) => r.shard === null).forEach((r, i) => {
    for (const k of r.results) {
      if (seen.has(k.kernel)) throw new UsageError(`--merge: ${k.kernel} is in two whole runs of ${machineLabel(r)}; give each run once`);
      seen.set(k.kernel, i);
    }
  });
  return shards.length ? missingShards(shards) : [];
}

/** Groups reports by machine (merging each group's shards and runs): one report per machine. */
export function mergeReports(reports: readonly CheckReport[]): CheckReport[] {
  const groups = new Map<string, CheckReport[]>();
  for (const r of reports) groups.set(machineKey(r), [...(groups.get(machineKey(r)) ?? []), r]);
  return [...groups.values()].map((g) => {
    const missing = checkMachine(g);
    const merged = mergeShards(g);
    if (missing.length === 0) return merged;
    // A merge that lacks shards cannot vouch for the run: partial, never a pass.
    return { ...merged, missingShards: missing, verdict: merged.verdict === 'fail' ? 'fail' : 'untrustworthy' };
  });
}
