// `softmax-verify check`: the contract on every available kernel, a table on
// stdout, reports/out/report.json, and an exit code CI can gate on.

import { FAMILY_NAMES, runContract, type FamilyName, type KernelResult } from '../../properties/index.js';
import { PROPERTIES } from '../../properties/all-properties.js';
import { writeJsonReport, CHECK_REPORT_SCHEMA_VERSION, type CheckReport } from '../../reports/json-report.js';
import { listKernels, matchKernels } from '../registry.js';
import { progressReporter } from './progress.js';
import { EXIT, UsageError } from './usage-error.js';

export interface CheckOptions {
  kernel?: string;
  seed: number;
  runs: number;
  maxLongRow: number;
  timeBudgetSeconds: number;
  property?: string;
  family?: string;
  path?: string;
  out: string;
  quiet: boolean;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return v < 10 ? v.toFixed(3) : v < 1e5 ? v.toFixed(1) : v.toExponential(2);
}

function kernelLine(r: KernelResult): string {
  const status = r.passed ? 'PASS' : r.control ? 'FAIL (control, expected)' : 'FAIL';
  const a = r.accuracy;
  const rows = Object.values(r.familyRows).reduce((s, v) => s + v, 0);
  return `${status.padEnd(24)} ${r.kernel.padEnd(38)} maxULP ${fmt(a.maxUlp).padStart(9)}  p99 ${fmt(a.p99Ulp).padStart(7)}  sum-1 ${fmt(a.maxSumToOne).padStart(8)} x2^-24  err/bound ${fmt(a.maxBoundRatio).padStart(6)}  rows ${String(rows).padStart(6)}  ${r.seconds.toFixed(1)}s`;
}

export function runCheck(o: CheckOptions): number {
  const properties = o.property ? o.property.split(',') : undefined;
  for (const p of properties ?? []) {
    if (!PROPERTIES.some((q) => q.name === p)) throw new UsageError(`--property ${p}: unknown; expected one of ${PROPERTIES.map((q) => q.name).join(', ')}`);
  }
  const families = o.family ? (o.family.split(',') as FamilyName[]) : undefined;
  for (const f of families ?? []) {
    if (!FAMILY_NAMES.includes(f)) throw new UsageError(`--family ${f}: unknown; expected one of ${FAMILY_NAMES.join(', ')}`);
  }
  if (o.path && (!properties || properties.length !== 1 || !families || families.length !== 1)) {
    throw new UsageError('--path replays one failure: give exactly one --property and one --family with it');
  }
  const selected = matchKernels(o.kernel);
  if (selected.length === 0) throw new UsageError(`--kernel ${o.kernel}: matches no kernel; see softmax-verify list`);
  const available = selected.filter((e) => e.available);
  const others = listKernels().filter((e) => e.available);

  console.log(`softmax-verify check: ${available.length} kernel(s), seed ${o.seed}, runs ${o.runs}, long rows up to ${o.maxLongRow}`);
  for (const e of selected.filter((k) => !k.available)) console.log(`SKIP ${e.spec.id}: ${e.reason}`);

  const progress = progressReporter(process.stderr, o.quiet);
  const deadline = Date.now() + o.timeBudgetSeconds * 1000;
  const results: KernelResult[] = [];
  const notRun: string[] = [];
  for (const entry of available) {
    if (Date.now() > deadline) {
      notRun.push(entry.spec.id);
      continue;
    }
    const r = runContract(entry, {
      seed: o.seed,
      runs: o.runs,
      maxLongRow: o.maxLongRow,
      properties,
      families,
      path: o.path,
      others,
      onProgress: (done, total, label) => progress.update(done, total, label),
    });
    progress.clear();
    results.push(r);
    console.log(kernelLine(r));
    for (const p of r.properties) {
      for (const f of p.failures) {
        console.log(`    ${p.property} on ${f.family}: ${f.message}`);
        console.log(`      kernel ${f.kernel}, seed ${f.seed}, path ${f.path}`);
        console.log(`      row (${f.rowLength} float32, hex): ${f.rowHex}`);
        console.log(`      replay: ${f.replay}`);
      }
    }
    if (r.missingFamilies.length) console.log(`    no rows were checked for: ${r.missingFamilies.join(', ')}`);
  }
  if (notRun.length) console.log(`time budget of ${o.timeBudgetSeconds}s reached; not checked: ${notRun.join(', ')}`);

  const gating = results.filter((r) => !r.control);
  const failed = gating.some((r) => !r.passed);
  const untrustworthy = notRun.length > 0 || results.some((r) => r.missingFamilies.length > 0);
  const verdict: CheckReport['verdict'] = failed ? 'fail' : untrustworthy ? 'untrustworthy' : 'pass';
  const fallbacks = results.reduce((s, r) => s + r.oracleFallbacks, 0);
  const elements = results.reduce((s, r) => s + r.oracleElements, 0);
  console.log(`oracle: ${elements} elements, ${fallbacks} decided by the exact tier (${elements ? ((100 * fallbacks) / elements).toPrecision(2) : 0}%)`);
  console.log(`verdict: ${verdict} (${gating.filter((r) => r.passed).length}/${gating.length} kernels pass; controls do not gate)`);

  writeJsonReport(o.out, {
    schemaVersion: CHECK_REPORT_SCHEMA_VERSION,
    tool: 'softmax-verify',
    createdAt: new Date().toISOString(),
    machine: { node: process.version, platform: process.platform, arch: process.arch },
    options: { seed: o.seed, runs: o.runs, maxLongRow: o.maxLongRow, kernelPattern: o.kernel ?? null },
    kernels: selected.map((e) => ({ id: e.spec.id, available: e.available, reason: e.reason, declaredBound: e.spec.bound.formula, policy: e.spec.policy })),
    results,
    notRun,
    verdict,
  });
  console.log(`wrote ${o.out}`);
  return failed ? EXIT.contractFailure : untrustworthy ? EXIT.untrustworthy : EXIT.ok;
}
