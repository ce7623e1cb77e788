// The true worst error of a run: the largest ULP error over every output of every row
// checked (shrinking replays included, non-finite outputs included), and the row that
// reached it. A shrunk counterexample sits just over the bound by design; this says how
// far the kernel really went.

import { rowAsHex, showF32 } from '../core/format.js';
import type { FamilyName } from '../families/row-families.js';

export interface WorstRow {
  /** The largest error seen (ULP); null when an output was NaN or infinite where the oracle is finite (JSON has no Infinity). */
  ulp: number | null;
  property: string;
  family: FamilyName;
  n: number;
  index: number;
  x: string;
  y: string;
  oracle: string;
  /** The row's first entries as float32 bit patterns. */
  rowHex: string;
}

export class WorstRowTracker {
  private worst: { ulp: number; row: Float32Array; family: FamilyName; property: string; index: number; y: number; oracle: number } | null = null;
  /** The property running now (set by the contract before each row). */
  property = '';

  /** One output's error; keeps it when it is the largest so far. */
  note(ulp: number, family: FamilyName, row: Float32Array, index: number, y: number, oracle: number): void {
    const u = ulp === ulp ? ulp : Infinity;
    if (this.worst && u <= this.worst.ulp) return;
    this.worst = { ulp: u, row, family, property: this.property, index, y, oracle };
  }

  summary(): WorstRow | null {
    const w = this.worst;
    if (!w) return null;
    return {
      ulp: Number.isFinite(w.ulp) ? w.ulp : null,
      property: w.property,
      family: w.family,
      n: w.row.length,
      index: w.index,
      x: showF32(w.row[w.index]),
      y: showF32(w.y),
      oracle: showF32(w.oracle),
      rowHex: rowAsHex(w.row),
    };
  }
}

/** One line for the console: how far the kernel really went, and on which row. */
export function worstLine(w: WorstRow | null): string | null {
  if (!w) return null;
  const ulp = w.ulp === null ? 'a non-finite output' : `${w.ulp.toPrecision(4)} ULP`;
  return `worst over every row checked: ${ulp} at y[${w.index}] of a ${w.n}-element ${w.family} row (${w.property}): x ${w.x}, y ${w.y}, oracle ${w.oracle}; row ${w.rowHex}`;
}
