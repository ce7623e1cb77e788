// The one contract: every property on every applicable row family for one kernel,
// driven by fast-check. Seeds are explicit and printed; a failure carries the
// shrunk row, the seed and path, and the command that replays it.

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { softmax } from '../../src/api.js';
import type { KernelEntry } from '../../src/registry.js';
import { AccuracyStats } from '../core/accuracy-stats.js';
import { FULL_ROW_LIMIT, type Failure, type KernelResult, type PropertyResult } from './check-report.js';
import { rowAsHex } from '../core/format.js';
import { PROPERTIES } from '../laws/all-properties.js';
import { KernelOracle } from '../core/kernel-oracle.js';
import type { CheckContext, Property } from '../core/property.js';
import { familyArbitrary, FAMILY_NAMES, longestRow, type FamilyName, type Row } from '../families/row-families.js';

export interface ContractOptions {
  seed: number;
  /** Rows per (property, family); long rows get a tenth of it (at least 1). */
  runs: number;
  /** Longest row of the long-near-equal family. */
  maxLongRow: number;
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
}



export { FULL_ROW_LIMIT, type Failure, type KernelResult, type PropertyResult };

export function failureId(kernel: string, property: string, family: string, seed: number, path: string): string {
  return createHash('sha256').update(`${kernel}|${property}|${family}|${seed}|${path}`).digest('hex').slice(0, 12);
}



function replayCommand(selector: string, property: string, family: FamilyName, seed: number, path: string): string {
  return `npx softmax-verify check ${selector} --property ${property} --family ${family} --seed ${seed} --path '${path}'`;
}

function checkContext(entry: KernelEntry, others: readonly KernelEntry[], stats: AccuracyStats): CheckContext {
  const id = entry.spec.id;
  return {
    entry,
    oracle: new KernelOracle(entry.spec),
    stats,
    others,
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
  const ctx = checkContext(entry, opts.others, stats);
  const oracle = ctx.oracle;
  const familyOpts = { tile: entry.spec.tile, maxLongRow: opts.maxLongRow };
  const properties = PROPERTIES.filter((p) => !opts.properties || opts.properties.includes(p.name));
  const familyRows: Record<string, number> = Object.fromEntries(FAMILY_NAMES.map((f) => [f, 0]));
  const plan: Array<[Property, FamilyName]> = [];
  for (const p of properties) for (const fam of p.families) if ((!opts.families || opts.families.includes(fam)) && (opts.planFilter?.(p.name, fam) ?? true)) plan.push([p, fam]);

  const results = new Map<string, PropertyResult>(properties.map((p) => [p.name, { property: p.name, passed: true, rows: 0, failures: [] }]));
  let rowsDone = 0;
  plan.forEach(([prop, family], k) => {
    const result = results.get(prop.name)!;
    const label = `${id} ${prop.name} ${family}`;
    let lastMessage = '';
    let calls = 0;
    const arbitrary = familyArbitrary(family, familyOpts);
    const long = family === 'long-near-equal';
    const numRuns = long ? Math.max(2, Math.round(opts.runs / 10)) : opts.runs;
    const details = fc.check(
      fc.property(arbitrary, (row: Row) => {
        // One entry can take minutes (long rows against the exact oracle): show it moving.
        opts.onProgress?.(k, plan.length, label, rowsDone + calls++);
        const message = prop.check(ctx, row);
        if (message !== null) lastMessage = message;
        return message === null;
      }),
      // The property's committed rows, then (long rows) the longest allowed row: always among them, not left to chance.
      {
        seed: opts.seed,
        numRuns,
        path: opts.path,
        endOnFailure: false,
        examples: opts.path ? [] : [...(prop.fixedRows?.(entry, family) ?? []), ...(long ? [longestRow(opts.maxLongRow, opts.seed)] : [])].map((r) => [r]),
      },
    );
    // Count what was checked: runs before the first failure, and the shrinking replays.
    result.rows += details.numRuns;
    familyRows[family] += details.numRuns;
    rowsDone += details.numRuns;
    if (details.failed) {
      result.passed = false;
      const row = (details.counterexample?.[0] ?? null) as Row | null;
      // Re-run the shrunk row so the message describes it, not an earlier one; a
      // predicate that threw has no message, so the exception is reported instead.
      let message: string;
      try {
        message = (row ? prop.check(ctx, row) : null) ?? lastMessage;
      } catch (e) {
        message = `threw ${(e as Error).name}: ${(e as Error).message}`;
      }
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
        replay: replayCommand(opts.selector ?? `--kernel '${id}'`, prop.name, family, opts.seed, path),
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
    oracleFallbacks: oracle.fallbacks,
    oracleElements: oracle.elements,
    seconds: (performance.now() - started) / 1000,
  };
}
