// The check as a library function: the contract on every selected kernel, the regression
// corpus replayed first, the tolerance gate, the agreement matrix, and the verdict, returned
// as one typed CheckReport. It prints nothing, writes nothing and never exits: the CLI
// (src/cli/check-command.ts) parses, calls this and prints; a user's test calls it directly.

import { cpus, hostname } from 'node:os';
import { IsaUnavailableError, UsageError } from '../../src/errors.js';
import { coverageVerdict } from './coverage.js';
import { listKernels, matchKernels, type KernelEntry } from '../../src/registry.js';
import { ISAS, type Isa } from '../../src/spec/kernel-id.js';
import { FAMILY_NAMES, type FamilyName } from '../families/row-families.js';
import { PROPERTIES } from '../laws/all-properties.js';
import { agreementMatrix } from './agreement-grid.js';
import { CHECK_REPORT_SCHEMA_VERSION, type CheckReport, type CorpusReplay, type KernelReport } from './check-report.js';
import { runContract, type Failure } from './contract.js';
import { replayEntry, type CorpusEntry } from './regression-corpus.js';
import { gateKernel, type ToleranceTable } from './tolerance-table.js';
import { shellQuote } from '../core/shell-quote.js';
import { LIMITS } from './limits.js';
import { gatingResults, verdictOf } from './verdict.js';

export interface CheckOptions {
  /** Kernel ids: comma-separated `*` globs or substrings (all kernels when omitted). */
  kernel?: string;
  seed: number;
  /** Rows per (property, family); long rows get a tenth of it. */
  runs: number;
  maxLongRow: number;
  /** The deep tier: long rows past 2^24, up to 2^26. */
  deep?: boolean;
  timeBudgetSeconds: number;
  /** Only these properties / families (comma-separated). */
  property?: string;
  family?: string;
  /** Replays one fast-check path: needs exactly one property and one family. */
  path?: string;
  /** Only kernels of these ISAs (comma-separated); each must run here, else IsaUnavailableError. */
  isa?: string;
  /** This run's share of the work: plan entry j (kernel, property, family) belongs to shard j mod count. */
  shard?: { index: number; count: number };
  /** The tolerance table to gate on (null: declared bounds only), and where it came from. */
  tolerances?: { table: ToleranceTable; source: string } | null;
  /** Failures found before (the regression corpus), replayed first. */
  corpus?: { entries: readonly CorpusEntry[]; source: string };
  /** Arguments that select the checked kernel in replay commands, when --kernel cannot (external ports): one for all, or by kernel id. */
  selector?: string | Readonly<Record<string, string>>;
  /** Stop after the first gating kernel that fails: the rest are not run. */
  bail?: boolean;
}

/** What a caller may watch while the check runs (the CLI prints from these). */
export interface CheckHooks {
  /** Before each row and after each (property, family) step of kernel `kernel` (1-based) of `kernels`. */
  onProgress?(state: { kernel: number; kernels: number; done: number; total: number; label: string; rows: number }): void;
  onKernel?(result: KernelReport): void;
}

/** Kernels selected by the options, after validating them (UsageError names the bad option). */
export interface CheckSelection {
  selected: KernelEntry[];
  available: KernelEntry[];
  properties?: string[];
  families?: FamilyName[];
}

function listOption(v: string | undefined): string[] | undefined {
  return v === undefined ? undefined : v.split(',').map((s) => s.trim());
}

/**
 * ISAs the caller asked for by name (`isa`, or a kernel pattern that spells the ISA, such
 * as '*\/avx512/*') that cannot run here: such a run cannot do what was asked.
 */
function unavailableRequestedIsas(o: CheckOptions, selected: readonly KernelEntry[]): Array<{ isa: string; reason: string }> {
  const named = new Set<string>(listOption(o.isa) ?? []);
  for (const p of listOption(o.kernel) ?? []) for (const isa of ISAS) if (p.split('/').includes(isa) || p === isa) named.add(isa);
  const all = listKernels();
  return [...named].flatMap((isa) => {
    const mine = (selected.some((e) => e.spec.isa === isa) ? selected : all).filter((e) => e.spec.isa === isa);
    const down = mine.find((e) => !e.available);
    return down && mine.every((e) => !e.available) ? [{ isa, reason: down.reason ?? 'unavailable' }] : [];
  });
}

/** A fast-check replay path: run index, then shrink steps ("0:3:1"), of bounded size. */
function checkPath(path: string): void {
  const steps = path.split(':');
  if (!/^\d+(:\d+)*$/.test(path)) throw new UsageError(`--path ${path}: expected a fast-check path such as 0:3:1 (as a failure prints it)`);
  if (steps.length > LIMITS.pathSteps || steps.some((s) => Number(s) > LIMITS.pathStep)) {
    throw new UsageError(`--path: at most ${LIMITS.pathSteps} steps of at most ${LIMITS.pathStep} each (a failure's path is far shorter)`);
  }
}

/** Validates the options and selects the kernels; throws UsageError or IsaUnavailableError. */
export function selectForCheck(o: CheckOptions): CheckSelection {
  for (const [flag, v] of [['--kernel', o.kernel], ['--isa', o.isa], ['--property', o.property], ['--family', o.family]] as const) {
    if (v !== undefined && listOption(v)!.some((p) => p === '')) throw new UsageError(`${flag} '${v}': an empty entry; give names separated by commas, with nothing empty between them`);
  }
  if (o.path !== undefined) checkPath(o.path);
  const properties = listOption(o.property);
  for (const p of properties ?? []) {
    if (!PROPERTIES.some((q) => q.name === p)) throw new UsageError(`--property ${p}: unknown; expected one of ${PROPERTIES.map((q) => q.name).join(', ')}`);
  }
  const families = listOption(o.family) as FamilyName[] | undefined;
  for (const f of families ?? []) {
    if (!FAMILY_NAMES.includes(f)) throw new UsageError(`--family ${f}: unknown; expected one of ${FAMILY_NAMES.join(', ')}`);
  }
  if (o.path !== undefined && (properties?.length !== 1 || families?.length !== 1)) {
    throw new UsageError('--path replays one failure: give exactly one --property and one --family with it');
  }
  const isas = listOption(o.isa);
  for (const i of isas ?? []) if (!(ISAS as readonly string[]).includes(i)) throw new UsageError(`--isa ${i}: unknown; expected one of ${ISAS.join(', ')}`);
  const selected = matchKernels(o.kernel).filter((e) => !isas || isas.includes(e.spec.isa as Isa));
  if (selected.length === 0) throw new UsageError(`--kernel ${o.kernel ?? '*'}${o.isa ? ` --isa ${o.isa}` : ''}: matches no kernel; see softmax-verify list`);
  const missing = unavailableRequestedIsas(o, selected);
  if (missing.length) throw new IsaUnavailableError(missing.map((m) => `requested ISA ${m.isa} is not available here: ${m.reason}`).join('\n'));
  return { selected, available: selected.filter((e) => e.available), properties, families };
}

/** The shard a (kernel, property, family) plan entry belongs to: entries are numbered in table, property and family order. */
function shardPlan(kernels: readonly KernelEntry[], s: CheckSelection, count: number): Map<string, number> {
  const owner = new Map<string, number>();
  let j = 0;
  for (const k of kernels) {
    for (const p of PROPERTIES) {
      if (s.properties && !s.properties.includes(p.name)) continue;
      for (const f of p.families) if (!s.families || s.families.includes(f)) owner.set(`${k.spec.id}|${p.name}|${f}`, j++ % count);
    }
  }
  return owner;
}

/** The corpus entries this run replays: those of its kernels, properties and families (and shard). */
function replayCorpus(o: CheckOptions, s: CheckSelection, others: readonly KernelEntry[], mine: (i: number) => boolean): Array<CorpusReplay & { entry: CorpusEntry }> {
  if (o.path !== undefined || !o.corpus) return [];
  return o.corpus.entries.flatMap((c, i) => {
    const kernel = s.available.find((e) => e.spec.id === c.kernel);
    const wanted = (!s.properties || s.properties.includes(c.property)) && (!s.families || s.families.includes(c.family));
    if (!kernel || !wanted || !mine(i)) return [];
    return [{ id: c.id, kernel: c.kernel, property: c.property, family: c.family, failure: replayEntry(c, kernel, others), entry: c }];
  });
}

/** The arguments that load `kernel` again, for replay lines (external ports); undefined for built-ins. */
function selectorOf(o: CheckOptions, kernel: string): string | undefined {
  return typeof o.selector === 'string' ? o.selector : o.selector?.[kernel];
}

/** A corpus entry that still fails, as a failure of this run (first in its property's list). */
function corpusFailure(c: CorpusReplay & { entry: CorpusEntry }, source: string | undefined, selector: string | undefined): Failure {
  const e = c.entry;
  return {
    id: c.id, kernel: c.kernel, property: c.property, family: e.family, seed: e.seed, path: e.path,
    message: `corpus ${c.id}: ${c.failure}`, rowHex: e.row ?? '', rowLength: e.rowLength, rowBits: e.row,
    // The package's corpus is found by default; the user's is named, so the line works on its own.
    replay: `npx softmax-verify replay ${c.id}${source ? ` --corpus ${shellQuote(source)}` : ''}${selector ? ` ${selector}` : ''}`,
  };
}

/** Runs the check and returns its report; throws UsageError / IsaUnavailableError before any work. */
export function runCheck(o: CheckOptions, hooks: CheckHooks = {}): CheckReport {
  const s = selectForCheck(o);
  const others = listKernels().filter((e) => e.available);
  const table = o.path !== undefined ? null : (o.tolerances ?? null);
  const shard = o.shard;
  const owner = shard ? shardPlan(s.available, s, shard.count) : null;
  const mine = (i: number) => !shard || i % shard.count === shard.index - 1;
  const replayed = replayCorpus(o, s, others, mine);

  const deadline = Date.now() + o.timeBudgetSeconds * 1000;
  const results: KernelReport[] = [];
  const notRun: string[] = [];
  let rowsBefore = 0;
  for (const [i, entry] of s.available.entries()) {
    if (Date.now() > deadline || (o.bail && results.some((r) => !r.control && !r.passed))) {
      notRun.push(entry.spec.id);
      continue;
    }
    const unfinished: string[] = [];
    const r = runContract(entry, {
      seed: o.seed,
      runs: o.runs,
      maxLongRow: o.maxLongRow,
      deep: o.deep,
      properties: s.properties,
      families: s.families,
      path: o.path,
      others,
      selector: selectorOf(o, entry.spec.id),
      planFilter: owner ? (p, f) => owner.get(`${entry.spec.id}|${p}|${f}`) === shard!.index - 1 : undefined,
      deadline,
      onUnfinished: (p, f) => unfinished.push(`${p}/${f}`),
      onProgress: (done, total, label, rows) => hooks.onProgress?.({ kernel: i + 1, kernels: s.available.length, done, total, label, rows: rowsBefore + rows }),
    });
    rowsBefore += Object.values(r.familyRows).reduce((sum, v) => sum + v, 0);
    // Cut short by the budget: checked in part, so the run cannot vouch for it (verdict untrustworthy).
    if (unfinished.length) notRun.push(`${entry.spec.id} (in part: ${unfinished.length} property/family runs unfinished, from ${unfinished[0]})`);
    for (const c of replayed.filter((x) => x.kernel === r.kernel && x.failure !== null)) {
      const p = r.properties.find((q) => q.property === c.property)!;
      p.passed = false;
      p.failures.unshift(corpusFailure(c, o.corpus?.source, selectorOf(o, c.kernel)));
    }
    const tolerance = table ? gateKernel(table.table, r) : { status: 'untabled' as const, exceeded: [], ratchet: null };
    r.passed = r.properties.every((p) => p.passed) && tolerance.status !== 'exceeded';
    const report: KernelReport = { ...r, tolerance };
    results.push(report);
    hooks.onKernel?.(report);
  }

  const rows = results.reduce((sum, r) => sum + r.properties.reduce((t, p) => t + p.rows, 0), 0);
  if (o.path !== undefined && results.length > 0 && rows === 0) throw new UsageError(`--path ${o.path}: reaches no row of ${o.property} on ${o.family} with seed ${o.seed}; check the seed and path`);
  // Only a whole run (or all shards of one, merged) is held to the declared coverage table.
  const coverage = coverageVerdict(results, o.maxLongRow, o.path !== undefined || s.properties || s.families ? 'selection' : shard ? 'shard' : 'whole');
  return {
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
    options: { seed: o.seed, runs: o.runs, maxLongRow: o.maxLongRow, kernelPattern: o.kernel ?? null, isa: o.isa ?? null, tolerances: table ? table.source : null },
    shard: shard ?? null,
    kernels: s.selected.map((e) => ({ id: e.spec.id, available: e.available, reason: e.reason, declaredBound: e.spec.bound.formula, policy: e.spec.policy, control: e.spec.control })),
    results,
    corpus: { path: o.corpus?.source ?? null, replayed: replayed.map(({ entry: _, ...r }) => r), added: 0 },
    agreement: agreementMatrix(s.available.filter((_, i) => mine(i)), others),
    coverage,
    notRun,
    verdict: verdictOf(results, notRun, coverage.empty.length),
  };
}

/** The failures of gating kernels (never the control's: it is expected to fail), for the corpus. */
export function newFailures(report: CheckReport): Failure[] {
  return gatingResults(report.results).flatMap((r) => r.properties.flatMap((p) => p.failures));
}
