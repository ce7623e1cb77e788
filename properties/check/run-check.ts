// `softmax-verify check`: the contract on every available kernel, a table on
// stdout, reports/out/report.json, and an exit code CI can gate on.

import { existsSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { FAMILY_NAMES, runContract, type FamilyName, type KernelResult } from '../index.js';
import { PROPERTIES } from '../laws/all-properties.js';
import { agreementMatrix } from './agreement-grid.js';
import { writeJsonReport, CHECK_REPORT_SCHEMA_VERSION, type CheckReport, type CorpusReplay, type KernelReport } from './check-report.js';
import { appendToCorpus, readCorpus, replayEntry } from './regression-corpus.js';
import { gateKernel, RATCHET_FACTOR, readToleranceTable, type ToleranceTable } from './tolerance-table.js';
import { listKernels, matchKernels, type KernelEntry } from '../../src/registry.js';
import { ISAS, type Isa } from '../../src/spec/kernel-id.js';
import { progressReporter } from '../../src/cli/progress.js';
import { EXIT, UsageError } from '../../src/errors.js';

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
  /** Only kernels of these ISAs (comma-separated); each must run here, else exit 77. */
  isa?: string;
  /** This run's share of the work: plan entry j (kernel, property, family) belongs to shard j mod count. */
  shard?: { index: number; count: number };
  /** Tolerance table to gate on, or null for none. */
  tolerances: string | null;
  /** Regression corpus: replayed first, new failures appended. */
  corpus: string;
  /** Arguments that select the checked kernel in replay commands, when --kernel cannot (external ports): one for all, or by kernel id. */
  selector?: string | Readonly<Record<string, string>>;
}

/**
 * ISAs the caller asked for by name (`--isa`, or a --kernel pattern that spells the ISA, such
 * as '*\/avx512/*') that cannot run here: such a run cannot do what was asked (exit 77).
 */
function unavailableRequestedIsas(o: CheckOptions, selected: readonly KernelEntry[]): Array<{ isa: string; reason: string }> {
  const named = new Set<string>(o.isa ? o.isa.split(',') : []);
  for (const p of o.kernel ? o.kernel.split(',') : []) for (const isa of ISAS) if (p.split('/').includes(isa) || p === isa) named.add(isa);
  const all = listKernels();
  return [...named].flatMap((isa) => {
    const mine = (selected.some((e) => e.spec.isa === isa) ? selected : all).filter((e) => e.spec.isa === isa);
    const down = mine.find((e) => !e.available);
    return down && mine.every((e) => !e.available) ? [{ isa, reason: down.reason ?? 'unavailable' }] : [];
  });
}

/** The shard a (kernel, property, family) plan entry belongs to: entries are numbered in table, property and family order. */
function shardPlan(kernels: readonly KernelEntry[], properties: readonly string[] | undefined, families: readonly FamilyName[] | undefined, count: number): Map<string, number> {
  const owner = new Map<string, number>();
  let j = 0;
  for (const k of kernels) {
    for (const p of PROPERTIES) {
      if (properties && !properties.includes(p.name)) continue;
      for (const f of p.families) if (!families || families.includes(f)) owner.set(`${k.spec.id}|${p.name}|${f}`, j++ % count);
    }
  }
  return owner;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return v < 10 ? v.toFixed(3) : v < 1e5 ? v.toFixed(1) : v.toExponential(2);
}

function readTolerances(path: string): ToleranceTable {
  if (!existsSync(path)) throw new UsageError(`--tolerances ${path}: no such file (give --tolerances none to gate on declared bounds only)`);
  try {
    return readToleranceTable(path);
  } catch (e) {
    throw new UsageError(`--tolerances ${path}: ${(e as Error).message}`);
  }
}

function kernelLine(r: KernelResult): string {
  const status = r.passed ? 'PASS' : r.control ? 'FAIL (control, expected)' : 'FAIL';
  const a = r.accuracy;
  const rows = Object.values(r.familyRows).reduce((s, v) => s + v, 0);
  return `${status.padEnd(24)} ${r.kernel.padEnd(38)} maxULP ${fmt(a.maxUlp).padStart(9)}  p99 ${fmt(a.p99Ulp).padStart(7)}  sum-1 ${fmt(a.maxSumToOne).padStart(8)} x2^-24  err/bound ${fmt(a.maxBoundRatio).padStart(6)}  rows ${String(rows).padStart(6)}  ${r.seconds.toFixed(1)}s`;
}

/** The arguments that load `kernel` again, for replay lines (external ports); undefined for built-ins. */
function selectorOf(o: CheckOptions, kernel: string): string | undefined {
  return typeof o.selector === 'string' ? o.selector : o.selector?.[kernel];
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
  const isas = o.isa?.split(',');
  for (const i of isas ?? []) if (!(ISAS as readonly string[]).includes(i)) throw new UsageError(`--isa ${i}: unknown; expected one of ${ISAS.join(', ')}`);
  const selected = matchKernels(o.kernel).filter((e) => !isas || isas.includes(e.spec.isa as Isa));
  if (selected.length === 0) throw new UsageError(`--kernel ${o.kernel ?? '*'}${o.isa ? ` --isa ${o.isa}` : ''}: matches no kernel; see softmax-verify list`);
  const missingIsas = unavailableRequestedIsas(o, selected);
  if (missingIsas.length) {
    for (const m of missingIsas) console.log(`requested ISA ${m.isa} is not available here: ${m.reason}`);
    return EXIT.isaUnavailable;
  }
  const available = selected.filter((e) => e.available);
  const others = listKernels().filter((e) => e.available);
  const table: ToleranceTable | null = o.tolerances === null || o.path ? null : readTolerances(o.tolerances);
  const shard = o.shard;
  const owner = shard ? shardPlan(available, properties, families, shard.count) : null;
  const mine = (i: number) => !shard || i % shard.count === shard.index - 1;

  console.log(
    `softmax-verify check: ${available.length} kernel(s), seed ${o.seed}, runs ${o.runs}, long rows up to ${o.maxLongRow}` +
      (shard ? `, shard ${shard.index}/${shard.count}` : ''),
  );
  for (const e of selected.filter((k) => !k.available)) console.log(`SKIP ${e.spec.id}: ${e.reason}`);

  // The regression corpus first: every failure found before, on its stored row. A replay
  // (--path) reruns one failure and nothing else.
  const corpusEntries = o.path ? [] : readCorpus(o.corpus);
  const replayed: CorpusReplay[] = [];
  corpusEntries.forEach((c, i) => {
    const entry = available.find((e) => e.spec.id === c.kernel);
    const wanted = (!properties || properties.includes(c.property)) && (!families || families.includes(c.family));
    if (!entry || !wanted || !mine(i)) return;
    replayed.push({ id: c.id, kernel: c.kernel, property: c.property, family: c.family, failure: replayEntry(c, entry, others) });
  });
  if (replayed.length) {
    const failing = replayed.filter((r) => r.failure !== null);
    console.log(`corpus ${o.corpus}: replayed ${replayed.length} failure(s) found before; ${failing.length} still fail`);
  }

  const progress = progressReporter(process.stderr, o.quiet);
  const deadline = Date.now() + o.timeBudgetSeconds * 1000;
  const results: KernelReport[] = [];
  const notRun: string[] = [];
  let rowsBefore = 0;
  for (const [i, entry] of available.entries()) {
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
      selector: selectorOf(o, entry.spec.id),
      planFilter: owner ? (p, f) => owner.get(`${entry.spec.id}|${p}|${f}`) === shard!.index - 1 : undefined,
      onProgress: (done, total, label, rows) => progress.update({ kernel: i + 1, kernels: available.length, done, total, label, rows: rowsBefore + rows }),
    });
    progress.clear();
    rowsBefore += Object.values(r.familyRows).reduce((sum, v) => sum + v, 0);
    for (const c of replayed.filter((x) => x.kernel === r.kernel && x.failure !== null)) {
      const c0 = corpusEntries.find((e) => e.id === c.id)!;
      const p = r.properties.find((q) => q.property === c.property)!;
      p.passed = false;
      p.failures.unshift({
        id: c.id, kernel: c.kernel, property: c.property, family: c0.family, seed: c0.seed, path: c0.path,
        message: `corpus ${c.id}: ${c.failure}`, rowHex: c0.row ?? '', rowLength: c0.rowLength, rowBits: c0.row,
        replay: `npx softmax-verify replay ${c.id}${selectorOf(o, c.kernel) ? ` ${selectorOf(o, c.kernel)}` : ''}`,
      });
    }
    const tolerance = table ? gateKernel(table, r) : { status: 'untabled' as const, exceeded: [], ratchet: null };
    r.passed = r.properties.every((p) => p.passed) && tolerance.status !== 'exceeded';
    results.push({ ...r, tolerance });
    console.log(kernelLine(r));
    for (const p of r.properties) {
      for (const f of p.failures) {
        console.log(`    ${p.property} on ${f.family}: ${f.message}`);
        console.log(`      kernel ${f.kernel}, seed ${f.seed}, path ${f.path}`);
        console.log(`      row (${f.rowLength} float32, hex): ${f.rowHex}`);
        console.log(`      replay: ${f.replay}`);
      }
    }
    for (const x of tolerance.exceeded) {
      console.log(`    tolerance ${o.tolerances}: n in ${x.bucket}: measured ${x.measuredUlp} ULP > allowed ${x.allowedUlp ?? '(no entry)'}`);
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

  // New failures join the corpus (never the control's: it is expected to fail), unless this
  // run was itself a replay.
  const added = o.path ? 0 : appendToCorpus(o.corpus, gating.flatMap((r) => r.properties.flatMap((p) => p.failures)), o.maxLongRow);
  // Only the project's tracked corpus is committed; a port's corpus is the user's (src/user-state.ts).
  const tracked = o.corpus === 'corpus/failures.jsonl';
  if (added) console.log(`corpus ${o.corpus}: added ${added} new failure(s); ${tracked ? 'commit it so every later run replays them' : 'every later run replays them'}`);
  const ratchets = results.filter((r) => r.tolerance.ratchet);
  if (ratchets.length) console.log(`tolerance ratchet: ${ratchets.length} kernel(s) measure under ${RATCHET_FACTOR} of their table entry (see the report)`);

  writeJsonReport(o.out, {
    schemaVersion: CHECK_REPORT_SCHEMA_VERSION,
    tool: 'softmax-verify',
    createdAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      hostname: hostname(),
      cpu: cpus()[0]?.model ?? 'unknown',
      isas: ISAS.filter((isa) => listKernels().some((e) => e.spec.isa === isa && e.available)),
    },
    options: { seed: o.seed, runs: o.runs, maxLongRow: o.maxLongRow, kernelPattern: o.kernel ?? null, isa: o.isa ?? null, tolerances: table ? o.tolerances : null },
    shard: shard ?? null,
    kernels: selected.map((e) => ({ id: e.spec.id, available: e.available, reason: e.reason, declaredBound: e.spec.bound.formula, policy: e.spec.policy, control: e.spec.control })),
    results,
    corpus: { path: o.corpus, replayed, added },
    agreement: agreementMatrix(available.filter((_, i) => mine(i)), others),
    notRun,
    verdict,
  });
  console.log(`wrote ${o.out}`);
  return failed ? EXIT.contractFailure : untrustworthy ? EXIT.untrustworthy : EXIT.ok;
}
