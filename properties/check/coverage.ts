// Coverage accounting: what a run exercised (row lengths by class and octave, special
// values and where they sat, where the maximum sat, batched shapes and strides, x and y
// offsets, bands of x - max), counted per kernel against a declared coverage table. A
// whole run that leaves a declared cell empty did not test what the suite says it tests:
// it is untrustworthy (exit 3), as a family with no rows is.

import type { Row } from '../families/row-families.js';
import { SPECIAL_VALUES } from '../families/row-families.js';
import { FIRST_LONG_OCTAVE, LENGTH_CLASSES, lengthClass, octaveOf } from '../families/row-shapes.js';

/** Dimensions of the coverage table. */
export const COVERAGE_DIMENSIONS = ['length', 'octave', 'special', 'special-position', 'max-position', 'batch-rows', 'batch-stride', 'x-offset', 'y-offset', 'band'] as const;
export type CoverageDimension = (typeof COVERAGE_DIMENSIONS)[number];

/** Counts per dimension and cell. */
export type CoverageCounts = Partial<Record<CoverageDimension, Record<string, number>>>;

/** Offsets are counted modulo 16 float32 elements: every byte offset mod 64 that a float32 can have. */
export const OFFSET_CELLS = 16;

/** Bands of x_i - max (finite entries of rows with a finite maximum), by lower edge. */
export const BANDS: ReadonlyArray<[string, number]> = [
  ['0', 0],
  ['(-1,0)', -1],
  ['(-16,-1]', -16],
  ['(-40,-16]', -40],
  ['(-86.5,-40]', -86.5],
  ['(-87.34,-86.5]', -87.33654],
  ['(-104,-87.34]', -104],
  ['<=-104', -Infinity],
];

/** Rows per batched call, as the coverage table groups them (around 4, 8 and 16 for blocked loops). */
export function batchRowsCell(rows: number): string {
  if ([1, 4, 8, 16].includes(rows)) return String(rows);
  if (rows < 4) return '2-3';
  if (rows < 8) return '5-7';
  if (rows < 16) return '9-15';
  return '17+';
}

/** Position kinds of the special values and of the maximum that every run must reach. */
const SPECIAL_POSITIONS = ['first', 'last', 'lane-first', 'lane-last', 'remainder', 'vector', 'tile', 'prefix', 'suffix'];
const MAX_POSITIONS = ['first', 'last', 'lane-first', 'lane-last', 'remainder', 'vector'];

/** The declared table: every cell a whole default run must reach, per kernel. */
export function declaredCoverage(maxLongRow: number): Record<CoverageDimension, string[]> {
  const octaves: string[] = [];
  for (let e = FIRST_LONG_OCTAVE; 2 ** e <= maxLongRow; e++) octaves.push(`2^${e}`);
  return {
    // No row is long (>= 2^10) when --max-long-row is below 2^10: that cell cannot be reached.
    length: LENGTH_CLASSES.filter((c) => c !== 'long' || maxLongRow >= 2 ** FIRST_LONG_OCTAVE),
    octave: octaves,
    special: Object.keys(SPECIAL_VALUES),
    'special-position': SPECIAL_POSITIONS,
    'max-position': MAX_POSITIONS,
    'batch-rows': ['1', '2-3', '4', '5-7', '8', '9-15', '16', '17+'],
    'batch-stride': ['x-dense', 'x-padded', 'y-dense', 'y-padded', 'x-y-differ'],
    'x-offset': Array.from({ length: OFFSET_CELLS }, (_, i) => String(i)),
    'y-offset': Array.from({ length: OFFSET_CELLS }, (_, i) => String(i)),
    band: BANDS.map(([b]) => b),
  };
}

/** Counts what one kernel's run exercised. */
export class CoverageRecorder {
  private readonly counts: CoverageCounts = {};
  private readonly bandCounts = new Float64Array(BANDS.length);

  constructor(private readonly tile: number) {}

  note(dimension: CoverageDimension, cell: string, count = 1): void {
    const d = (this.counts[dimension] ??= {});
    d[cell] = (d[cell] ?? 0) + count;
  }

  /** One generated row: its length class and octave, placed features and x - max bands. */
  noteRow(row: Row): void {
    const n = row.x.length;
    this.note('length', lengthClass(n, this.tile));
    if (n >= 2 ** FIRST_LONG_OCTAVE) this.note('octave', `2^${octaveOf(n)}`);
    for (const tag of row.tags ?? []) {
      const [what, where] = tag.split('@');
      if (what === 'max') this.note('max-position', where);
      else if (what in SPECIAL_VALUES) {
        this.note('special', what);
        this.note('special-position', where);
      }
    }
    this.noteBands(row.x);
  }

  private noteBands(x: Float32Array): void {
    let max = -Infinity;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v !== v || v === Infinity) return; // poisoned rows have no x - max
      if (v > max) max = v;
    }
    if (max === -Infinity) return;
    // Counted in a typed array (this runs over every element of every row): BANDS by lower edge.
    const counts = this.bandCounts.fill(0);
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v === -Infinity) continue;
      const d = v - max;
      let k = 0;
      if (d !== 0) for (k = 1; k < BANDS.length - 1 && !(d > BANDS[k][1]); k++);
      counts[k]++;
    }
    for (let k = 0; k < BANDS.length; k++) if (counts[k]) this.note('band', BANDS[k][0], counts[k]);
  }

  table(): CoverageCounts {
    return this.counts;
  }
}

/** Sums the tables of disjoint runs (shards). */
export function mergeCoverage(parts: readonly CoverageCounts[]): CoverageCounts {
  const out: CoverageCounts = {};
  for (const p of parts) {
    for (const [dim, cells] of Object.entries(p) as Array<[CoverageDimension, Record<string, number>]>) {
      const d = (out[dim] ??= {});
      for (const [cell, c] of Object.entries(cells)) d[cell] = (d[cell] ?? 0) + c;
    }
  }
  return out;
}

export interface EmptyCell {
  kernel: string;
  dimension: CoverageDimension;
  cell: string;
}

/** What share of the contract a run ran: all of it, one shard of it, or a selection (--property, --family, --path). */
export type RunScope = 'whole' | 'shard' | 'selection';

export interface CoverageVerdict {
  scope: RunScope;
  /** The declared table the run was held to (null when the run is partial and was not held to it). */
  declared: Record<CoverageDimension, string[]> | null;
  /** Declared cells a kernel's run left empty: any makes the run untrustworthy. */
  empty: EmptyCell[];
}

/**
 * Holds every gating kernel's coverage to the declared table (controls never gate). Partial runs (a selection of
 * properties or families, a replay, one shard before the merge) cannot fill it and are not
 * held to it; `report --merge` holds the merged shards of a whole run to it.
 */
export function coverageVerdict(results: ReadonlyArray<{ kernel: string; coverage: CoverageCounts; control?: boolean }>, maxLongRow: number, scope: RunScope): CoverageVerdict {
  if (scope !== 'whole') return { scope, declared: null, empty: [] };
  const declared = declaredCoverage(maxLongRow);
  const empty: EmptyCell[] = [];
  // Controls never gate: the naive kernel fails by design, each failing property stops
  // generating rows at its first counterexample, so its table is partial by design (whether the
  // largest octaves get rows before that depends on the seed).
  for (const r of results.filter((k) => !k.control)) {
    for (const dim of COVERAGE_DIMENSIONS) for (const cell of declared[dim]) if (!(r.coverage[dim]?.[cell] ?? 0)) empty.push({ kernel: r.kernel, dimension: dim, cell });
  }
  return { scope, declared, empty };
}

/** The verdict in a few lines for the console: the empty cells, or that the table is full. */
export function printCoverageVerdict(v: CoverageVerdict, print: (line: string) => void): void {
  if (!v.declared) return;
  if (v.empty.length === 0) {
    print(`coverage: every declared cell reached (${COVERAGE_DIMENSIONS.length} dimensions)`);
    return;
  }
  const byKernel = new Map<string, string[]>();
  for (const e of v.empty) byKernel.set(e.kernel, [...(byKernel.get(e.kernel) ?? []), `${e.dimension}=${e.cell}`]);
  for (const [k, cells] of byKernel) print(`coverage: ${k} left declared cells empty (untrustworthy): ${cells.join(', ')}`);
}
