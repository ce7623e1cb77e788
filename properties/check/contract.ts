// The one contract: every property on every applicable row family for one kernel,
// driven by fast-check. Seeds are explicit and printed; a failure carries the
// shrunk row, the seed and path, and the command that replays it.

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { softmax } from '../../src/api.js';
import type { KernelEntry } from '../../src/registry.js';
import { shellQuote } from '../core/shell-quote.js';
import { AccuracyStats } from '../core/accuracy-stats.js';
import { FULL_ROW_LIMIT, type Failure, type KernelResult, type PropertyResult } from './check-report.js';
import { rowAsHex } from '../core/format.js';
import { PROPERTIES } from '../laws/all-properties.js';
import { KernelOracle } from '../core/kernel-oracle.js';
import type { CheckContext, Property } from '../core/property.js';
import { familyArbitrary, FAMILY_NAMES, longestRow, type FamilyName, type Row } from '../families/row-families.js';
import { octaveLengths, tailLimit } from '../families/row-shapes.js';
import { seededUniform } from '../../src/seeded-random.js';
import { CoverageRecorder } from './coverage.js';
import { WorstRowTracker } from './worst-row.js';

/**
 * Time a failure may spend shrinking. Past it every further candidate is taken as passing,
 * so fast-check stops with the smallest failing row found so far (reported as such).
 */
export const SHRINK_BUDGET_MS = 20_000;
/** The longest long-near-equal row when none is asked for (check, verifySoftmax). */
export const DEFAULT_MAX_LONG_ROW = 1_000_000;
/** Lengths the deep tier (--deep) adds: rows just above 2^24, where a float32 counter stops counting, and 2^26. */
export const DEEP_LENGTHS = [2 ** 24 + 17, 2 ** 25 + 3, 2 ** 26] as const;

export interface ContractOptions {
  seed: number;
  /** Rows per (property, family); long rows get a tenth of it (at least 1). */
  runs: number;
  /** Longest row of the long-near-equal family. */
  maxLongRow: number;
  /** The deep tier: long-near-equal also checks DEEP_LENGTHS (rows past 2^24, up to 2^26). */
  deep?: boolean;
  /** Only these properties / families (all when omitted). */
  properties?: readonly string[];
  families?: readonly FamilyName[];
  /** Replay one fast-check path (with a single property and family). */
  path?: string;
  /** Other available kernels, for cross-kernel checks. */
  others: readonly KernelEntry[];
  /** Runs only the (property, family) plan entries it accepts: how `check --shard` splits the work. */
  planFilter?: (property: string, family: FamilyName) => boolean;
  /**
   * For progress display: called before each row is checked and after each (property, family)
   * run; `done` of `total` plan entries finished, `rows` of this kernel checked so far.
   */
  onProgress?: (done: number, total: number, label: string, rows: number) => void;
  /** The check arguments that select this kernel in a replay command (default `--kernel 'ID'`; external ports need their --external options). */
  selector?: string;
  /**
   * The time budget's end (Date.now() ms): no plan entry starts after it, a running entry
   * stops generating rows at it, and shrinking stops there with the best row so far. A port
   * whose every call hangs until its timeout therefore cannot run the check past its budget.
   */
  deadline?: number;
  /** Called for each (property, family) the deadline skipped or cut short without a failure: the run cannot vouch for it. */
  onUnfinished?: (property: string, family: FamilyName) => void;
}



export { FULL_ROW_LIMIT, type Failure, type KernelResult, type PropertyResult };

/**
 * Failing rows longer than this are halved while they fail: fast-check cannot shrink the
 * committed rows (octaves, tails), and a generated row, a sea of values repeated over its
 * length, can keep a length that no longer matters (16 copies of one overflowing value).
 */
const HALVE_ABOVE = 1;

function failsOn(prop: Property, ctx: CheckContext, row: Row): boolean {
  try {
    return prop.check(ctx, row) !== null;
  } catch {
    return true;
  }
}

/**
 * The structure of a long row shrinks by halves: keep whichever half (first, then second)
 * still fails, until neither does, the row is short, or the deadline passes. Null when
 * the row is short already or no half fails.
 */
export function halveWhileFailing(row: Row, fails: (r: Row) => boolean, deadline: number): Row | null {
  let best: Row | null = null;
  let current = row;
  while (current.x.length > HALVE_ABOVE && performance.now() < deadline) {
    const h = current.x.length >> 1;
    const halves = [current.x.slice(0, h), current.x.slice(h)].map((x): Row => ({ ...current, x, tags: [] }));
    const next = halves.find((r) => fails(r));
    if (!next) break;
    best = current = next;
  }
  return best;
}

/**
 * The fast-check seed of one (property, family): each property draws its own rows, so a
 * bug that one property would see on a row is not hidden by every property seeing the same
 * rows. Replays derive it the same way from the printed seed.
 */
export function planSeed(seed: number, property: string, family: string): number {
  return createHash('sha256').update(`${seed}|${property}|${family}`).digest().readInt32LE(0);
}

/**
 * The long rows one property checks besides its generated ones: one row per octave from
 * 2^10 to maxLongRow (the deep tier: to 2^26), spread over the properties that check
 * long rows so each octave is checked once per kernel, not once per property; the longest
 * row goes to every accuracy property (oracle-agreement, sum-to-one).
 */
export function longRowsFor(property: string, maxLongRow: number, seed: number, deep: boolean): Row[] {
  const owners = PROPERTIES.filter((p) => p.families.includes('long-near-equal')).map((p) => p.name);
  const mine = owners.indexOf(property);
  if (mine < 0) return [];
  const lengths = octaveLengths(maxLongRow).filter((n) => n < maxLongRow);
  const rows = lengths.filter((_, i) => i % owners.length === mine).map((n, i) => longestRow(n, seed + i));
  const longest = property === 'oracle-agreement' || property === 'sum-to-one' || mine === 0 ? [longestRow(maxLongRow, seed)] : [];
  const deepRows = deep
    ? DEEP_LENGTHS.filter((n, i) => n < maxLongRow && (i % owners.length === mine || property === 'oracle-agreement')).map((n) => longestRow(n, seed))
    : [];
  return [...rows, ...longest, ...deepRows];
}

/** Properties that get every tail length themselves: accuracy, and the ones that touch memory. */
const EVERY_TAIL = ['oracle-agreement', 'sum-to-one', 'determinism', 'memory-safety'];

/**
 * Every tail length 0..4*tile+1 as committed rows (seeded values in [-20, 20]), whatever
 * --runs: all of them for the EVERY_TAIL properties, and spread over the other properties
 * that check tail-lengths (n mod their count), so each kernel sees every length under each
 * kind of check. Depends on the property only, so replays get the same rows.
 */
export function tailRows(property: string, tile: number, seed: number): Row[] {
  const others = PROPERTIES.filter((p) => p.families.includes('tail-lengths') && !EVERY_TAIL.includes(p.name)).map((p) => p.name);
  const mine = others.indexOf(property);
  if (mine < 0 && !EVERY_TAIL.includes(property)) return [];
  const rows: Row[] = [];
  for (let n = 0; n <= tailLimit(tile); n++) {
    if (mine >= 0 && n % others.length !== mine) continue;
    const u = seededUniform((seed ^ Math.imul(n, 0x9e3779b1)) >>> 0);
    rows.push({ family: 'tail-lengths', x: Float32Array.from({ length: n }, () => Math.fround(40 * u() - 20)), tags: [], variant: Math.floor(u() * 0x7fffffff) });
  }
  return rows;
}

export function failureId(kernel: string, property: string, family: string, seed: number, path: string): string {
  return createHash('sha256').update(`${kernel}|${property}|${family}|${seed}|${path}`).digest('hex').slice(0, 12);
}



/** The check command that replays one failure on its own: the generators' parameters (long-row limit, deep tier) make the same rows only when they are the same. */
function replayCommand(selector: string, property: string, family: FamilyName, o: Pick<ContractOptions, 'seed' | 'maxLongRow' | 'deep'>, path: string): string {
  const generators = `${o.maxLongRow !== DEFAULT_MAX_LONG_ROW ? ` --max-long-row ${o.maxLongRow}` : ''}${o.deep ? ' --deep' : ''}`;
  return `npx softmax-verify check ${selector} --property ${property} --family ${family} --seed ${o.seed}${generators} --path ${shellQuote(path)}`;
}

function checkContext(entry: KernelEntry, others: readonly KernelEntry[], stats: AccuracyStats, coverage?: CoverageRecorder, worst?: WorstRowTracker): CheckContext {
  const id = entry.spec.id;
  return {
    entry,
    oracle: new KernelOracle(entry.spec),
    stats,
    others,
    coverage,
    worst,
    run(x) {
      const y = new Float32Array(x.length);
      softmax(id, x, y);
      return y;
    },
  };
}

/** One property on one given row (a regression-corpus entry): null when it holds, else what went wrong. */
export function checkRow(entry: KernelEntry, propertyName: string, row: Row, others: readonly KernelEntry[]): string | null {
  const prop = PROPERTIES.find((p) => p.name === propertyName);
  if (!prop) throw new RangeError(`property "${propertyName}": unknown; expected one of ${PROPERTIES.map((p) => p.name).join(', ')}`);
  try {
    return prop.check(checkContext(entry, others, new AccuracyStats()), row);
  } catch (e) {
    return `threw ${(e as Error).name}: ${(e as Error).message}`;
  }
}

export function runContract(entry: KernelEntry, opts: ContractOptions): KernelResult {
  const started = performance.now();
  const id = entry.spec.id;
  const stats = new AccuracyStats();
  const coverage = new CoverageRecorder(entry.spec.tile);
  const worst = new WorstRowTracker();
  const ctx = checkContext(entry, opts.others, stats, coverage, worst);
  const oracle = ctx.oracle;
  const familyOpts = { tile: entry.spec.tile, maxLongRow: opts.maxLongRow };
  const properties = PROPERTIES.filter((p) => !opts.properties || opts.properties.includes(p.name));
  const familyRows: Record<string, number> = Object.fromEntries(FAMILY_NAMES.map((f) => [f, 0]));
  const plan: Array<[Property, FamilyName]> = [];
  for (const p of properties) for (const fam of p.families) if ((!opts.families || opts.families.includes(fam)) && (opts.planFilter?.(p.name, fam) ?? true)) plan.push([p, fam]);

  const results = new Map<string, PropertyResult>(properties.map((p) => [p.name, { property: p.name, passed: true, rows: 0, failures: [], families: Object.fromEntries(p.families.map((f) => [f, { rows: 0, seconds: 0 }])) }]));
  let rowsDone = 0;
  const pastDeadline = () => opts.deadline !== undefined && Date.now() > opts.deadline;
  plan.forEach(([prop, family], k) => {
    if (pastDeadline()) {
      opts.onUnfinished?.(prop.name, family);
      return;
    }
    const result = results.get(prop.name)!;
    const label = `${id} ${prop.name} ${family}`;
    const entryStarted = performance.now();
    let lastMessage = '';
    let calls = 0;
    // Each row with a variant of its own: the property's choices around the row (batch shape, offsets).
    const arbitrary = fc.tuple(familyArbitrary(family, familyOpts), fc.noBias(fc.integer({ min: 0, max: 0x7fffffff }))).map(([row, variant]): Row => ({ ...row, variant }));
    const long = family === 'long-near-equal';
    const numRuns = long ? Math.max(2, Math.round(opts.runs / 10)) : opts.runs;
    worst.property = prop.name;
    let failedAt: number | null = null;
    let shrinkCapped = false;
    // The property's committed rows, then (long rows) one row per octave and the longest allowed row: always among them, not left to chance.
    // fast-check counts examples in numRuns: they come on top of the generated rows, not instead of them.
    // Replays (--path) get the same examples: fast-check's path counts them first.
    const examples = [
      ...(prop.fixedRows?.(entry, family) ?? []),
      ...(long ? longRowsFor(prop.name, opts.maxLongRow, opts.seed, opts.deep ?? false) : []),
      ...(family === 'tail-lengths' ? tailRows(prop.name, entry.spec.tile, opts.seed) : []),
    ];
    const details = fc.check(
      fc.property(arbitrary, (row: Row) => {
        // Shrinking a long row can take minutes per failure: past the budget, keep the best so far.
        if (failedAt !== null && (performance.now() - failedAt > SHRINK_BUDGET_MS || pastDeadline())) {
          shrinkCapped = true;
          return true;
        }
        // One entry can take minutes (long rows against the exact oracle): show it moving.
        opts.onProgress?.(k, plan.length, label, rowsDone + calls++);
        if (failedAt === null) coverage.noteRow(row);
        const message = prop.check(ctx, row);
        if (message !== null) {
          lastMessage = message;
          failedAt ??= performance.now();
        }
        return message === null;
      }),
      {
        seed: planSeed(opts.seed, prop.name, family),
        numRuns: numRuns + examples.length,
        path: opts.path,
        endOnFailure: false,
        examples: examples.map((r) => [r]),
        ...(opts.deadline !== undefined ? { interruptAfterTimeLimit: Math.max(1, opts.deadline - Date.now()) } : {}),
      },
    );
    if (details.interrupted && !details.failed) opts.onUnfinished?.(prop.name, family);
    // Count what was checked: runs before the first failure, and the shrinking replays.
    result.rows += details.numRuns;
    result.families[family] = { rows: details.numRuns, seconds: (performance.now() - entryStarted) / 1000 };
    familyRows[family] += details.numRuns;
    rowsDone += details.numRuns;
    if (details.failed) {
      result.passed = false;
      const found = (details.counterexample?.[0] ?? null) as Row | null;
      // Halve the shrunk row while it still fails (committed rows cannot be shrunk by fast-check).
      const halvingEnds = Math.min(failedAt! + SHRINK_BUDGET_MS, opts.deadline !== undefined ? performance.now() + (opts.deadline - Date.now()) : Infinity);
      const halved = found && failedAt !== null ? halveWhileFailing(found, (r) => failsOn(prop, ctx, r), halvingEnds) : null;
      const row = halved ?? found;
      if (halved && performance.now() > failedAt! + SHRINK_BUDGET_MS) shrinkCapped = true;
      // Re-run the shrunk row so the message describes it, not an earlier one; a
      // predicate that threw has no message, so the exception is reported instead.
      let message: string;
      try {
        // Past the budget, the last failing call's message stands (a hung port would cost another timeout).
        message = (row && (halved || !pastDeadline()) ? prop.check(ctx, row) : null) ?? lastMessage;
      } catch (e) {
        message = `threw ${(e as Error).name}: ${(e as Error).message}`;
      }
      if (halved && found) message += ` (row halved from ${found.x.length} to ${halved.x.length} elements; the path replays the ${found.x.length}-element row)`;
      const path = details.counterexamplePath ?? '';
      result.failures.push({
        id: failureId(id, prop.name, family, opts.seed, path),
        kernel: id,
        property: prop.name,
        family,
        seed: opts.seed,
        path,
        message: message || String(details.errorInstance),
        rowHex: row ? rowAsHex(row.x) : '',
        rowLength: row ? row.x.length : 0,
        rowBits: row && row.x.length <= FULL_ROW_LIMIT ? rowAsHex(row.x, FULL_ROW_LIMIT) : null,
        replay: replayCommand(opts.selector ?? `--kernel ${shellQuote(id)}`, prop.name, family, opts, path),
        ...(shrinkCapped ? { shrinkCapped } : {}),
      });
    }
    opts.onProgress?.(k + 1, plan.length, label, rowsDone);
  });

  const propertyResults = [...results.values()];
  // Families this run was asked to cover (a shard covers only its share of the plan).
  const wanted = FAMILY_NAMES.filter((f) => plan.some(([, fam]) => fam === f));
  return {
    kernel: id,
    control: entry.spec.control,
    passed: propertyResults.every((r) => r.passed),
    properties: propertyResults,
    familyRows,
    missingFamilies: opts.path ? [] : wanted.filter((f) => familyRows[f] === 0),
    accuracy: stats.summary(),
    worst: worst.summary(),
    coverage: coverage.table(),
    oracleFallbacks: oracle.fallbacks,
    oracleElements: oracle.elements,
    seconds: (performance.now() - started) / 1000,
  };
}
