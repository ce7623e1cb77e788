// The one contract: every property on every applicable row family for one kernel,
// driven by fast-check. Seeds are explicit and printed; a failure carries the
// shrunk row, the seed and path, and the command that replays it.

import fc from 'fast-check';
import { softmax } from '../src/api.js';
import type { KernelEntry } from '../src/registry.js';
import { AccuracyStats, type AccuracySummary } from './accuracy-stats.js';
import { rowAsHex } from './format.js';
import { PROPERTIES } from './all-properties.js';
import { KernelOracle } from './kernel-oracle.js';
import type { CheckContext, Property } from './property.js';
import { familyArbitrary, FAMILY_NAMES, longestRow, type FamilyName, type Row } from './row-families.js';

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
  /** Called after each (property, family) run, for progress display. */
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface Failure {
  kernel: string;
  property: string;
  family: FamilyName;
  seed: number;
  path: string;
  message: string;
  /** The shrunk row as float32 bit patterns. */
  rowHex: string;
  rowLength: number;
  replay: string;
}

export interface PropertyResult {
  property: string;
  passed: boolean;
  rows: number;
  failures: Failure[];
}

export interface KernelResult {
  kernel: string;
  control: boolean;
  passed: boolean;
  properties: PropertyResult[];
  /** Rows checked per family, over all properties. */
  familyRows: Record<string, number>;
  /** Families that no property checked: the run is not trustworthy. */
  missingFamilies: FamilyName[];
  accuracy: AccuracySummary;
  oracleFallbacks: number;
  oracleElements: number;
  seconds: number;
}

function replayCommand(kernel: string, property: string, family: FamilyName, seed: number, path: string): string {
  return `npx softmax-verify check --kernel '${kernel}' --property ${property} --family ${family} --seed ${seed} --path '${path}'`;
}

export function runContract(entry: KernelEntry, opts: ContractOptions): KernelResult {
  const started = performance.now();
  const id = entry.spec.id;
  const oracle = new KernelOracle(entry.spec);
  const stats = new AccuracyStats();
  const ctx: CheckContext = {
    entry,
    oracle,
    stats,
    others: opts.others,
    run(x) {
      const y = new Float32Array(x.length);
      softmax(id, x, y);
      return y;
    },
  };
  const familyOpts = { tile: entry.spec.tile, maxLongRow: opts.maxLongRow };
  const properties = PROPERTIES.filter((p) => !opts.properties || opts.properties.includes(p.name));
  const familyRows: Record<string, number> = Object.fromEntries(FAMILY_NAMES.map((f) => [f, 0]));
  const plan: Array<[Property, FamilyName]> = [];
  for (const p of properties) for (const fam of p.families) if (!opts.families || opts.families.includes(fam)) plan.push([p, fam]);

  const results = new Map<string, PropertyResult>(properties.map((p) => [p.name, { property: p.name, passed: true, rows: 0, failures: [] }]));
  plan.forEach(([prop, family], k) => {
    const result = results.get(prop.name)!;
    let lastMessage = '';
    const arbitrary = familyArbitrary(family, familyOpts);
    const long = family === 'long-near-equal';
    const numRuns = long ? Math.max(2, Math.round(opts.runs / 10)) : opts.runs;
    const details = fc.check(
      fc.property(arbitrary, (row: Row) => {
        const message = prop.check(ctx, row);
        if (message !== null) lastMessage = message;
        return message === null;
      }),
      // Long rows: the longest allowed row is always among them, not left to chance.
      { seed: opts.seed, numRuns, path: opts.path, endOnFailure: false, examples: long && !opts.path ? [[longestRow(opts.maxLongRow, opts.seed)]] : [] },
    );
    // Count what was checked: runs before the first failure, and the shrinking replays.
    result.rows += details.numRuns;
    familyRows[family] += details.numRuns;
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
      result.failures.push({
        kernel: id,
        property: prop.name,
        family,
        seed: opts.seed,
        path: details.counterexamplePath ?? '',
        message: message || String(details.errorInstance),
        rowHex: row ? rowAsHex(row.x) : '',
        rowLength: row ? row.x.length : 0,
        replay: replayCommand(id, prop.name, family, opts.seed, details.counterexamplePath ?? ''),
      });
    }
    opts.onProgress?.(k + 1, plan.length, `${id} ${prop.name} ${family}`);
  });

  const propertyResults = [...results.values()];
  const wanted = opts.families ?? FAMILY_NAMES;
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
