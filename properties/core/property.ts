// What a property is: a named check of one kernel on one generated row, and the
// row families it is meaningful on. The contract (contract.ts) runs every property
// of this folder on every kernel of the registry.

import type { KernelEntry } from '../../src/registry.js';
import type { AccuracyStats } from './accuracy-stats.js';
import type { KernelOracle } from './kernel-oracle.js';
import type { FamilyName, Row } from '../families/row-families.js';

export interface CheckContext {
  entry: KernelEntry;
  /** Runs the kernel under test through the public API into a fresh output. */
  run(x: Float32Array): Float32Array;
  /** The exact oracle under this kernel's special-value policy (cached per row). */
  oracle: KernelOracle;
  /** Where accuracy properties record what they measured. */
  stats: AccuracyStats;
  /** Other available kernels, for cross-kernel properties. */
  others: readonly KernelEntry[];
  /** Where properties count what they exercised beyond the row itself (batched shapes, offsets): properties/check/coverage.ts. */
  coverage?: { note(dimension: 'batch-rows' | 'batch-stride' | 'x-offset' | 'y-offset', cell: string): void };
  /** Where accuracy properties report every output's error, so the run knows its true worst row: properties/check/worst-row.ts. */
  worst?: { note(ulp: number, family: FamilyName, row: Float32Array, index: number, y: number, oracle: number): void };
}

export interface Property {
  name: string;
  /** Families this property is checked on. */
  families: readonly FamilyName[];
  /** Returns null when the row satisfies the property, otherwise what went wrong. */
  check(ctx: CheckContext, row: Row): string | null;
  /** Committed rows checked before the generated ones of `family`, on every run and seed. */
  fixedRows?(entry: KernelEntry, family: FamilyName): readonly Row[];
}
