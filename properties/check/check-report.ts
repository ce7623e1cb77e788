// The check run as JSON: the input of every other renderer. Versioned; a change
// of meaning bumps `schemaVersion` (docs/report-schema.md documents every field).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SpecialValuePolicy } from '../../src/spec/kernels.js';
import type { AccuracySummary } from '../core/accuracy-stats.js';
import type { FamilyName } from '../families/row-families.js';

export const CHECK_REPORT_SCHEMA_VERSION = 2;

/** Longest row kept whole in failures and the regression corpus (longer ones replay by seed and path). */
export const FULL_ROW_LIMIT = 4096;

export interface Failure {
  /** Stable short id of (kernel, property, family, seed, path): `softmax-verify replay ID`. */
  id: string;
  kernel: string;
  property: string;
  family: FamilyName;
  seed: number;
  path: string;
  message: string;
  /** The shrunk row as float32 bit patterns. */
  rowHex: string;
  rowLength: number;
  /** The whole shrunk row as float32 bit patterns when it has at most FULL_ROW_LIMIT entries (else null: replay by seed and path). */
  rowBits: string | null;
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

export interface AgreementEntry {
  /** sha256 of every output of the grid, in order, as little-endian float32: equal digests mean bit-identical outputs. */
  digest: string;
  /** Set when the kernel failed on the grid (an isolated external kernel that crashed): it is then in no comparison. */
  error?: string;
  /** Largest float32 step distance to each other kernel over the grid (0: bit-identical; null: a NaN against a number). */
  maxUlpApart: Record<string, number | null>;
}

export interface AgreementMatrix {
  grid: string;
  elements: number;
  kernels: Record<string, AgreementEntry>;
}

export interface ToleranceEntry {
  /** One ceiling for every n, or one per n bucket `2^k` = [2^k, 2^(k+1)). */
  maxUlp?: number;
  byN?: Record<string, number>;
}

export interface ToleranceVerdict {
  /** `untabled`: the kernel has no entry (external or mutant kernels), so only its declared bound gates it. */
  status: 'pass' | 'exceeded' | 'untabled';
  /** n buckets where the measured max ULP is above the table (or the table has no entry for that n). */
  exceeded: Array<{ bucket: string; measuredUlp: number; allowedUlp: number | null }>;
  /** Measured error is everywhere below RATCHET_FACTOR of the table: a tighter entry to commit. */
  ratchet: ToleranceEntry | null;
}

/** One kernel's contract result plus its verdict against the tolerance table. */
export type KernelReport = KernelResult & { tolerance: ToleranceVerdict };

export interface CorpusReplay {
  id: string;
  kernel: string;
  property: string;
  family: string;
  /** null: the property holds on the corpus row now. */
  failure: string | null;
}

export interface CheckReport {
  schemaVersion: number;
  tool: 'softmax-verify';
  createdAt: string;
  /** Identifies the machine, so `report --merge` can tell shards of one run from machines side by side. */
  machine: { node: string; platform: string; arch: string; hostname: string; cpu: string; isas: string[] };
  options: { seed: number; runs: number; maxLongRow: number; kernelPattern: string | null; isa: string | null; tolerances: string | null };
  /** This run's share of the work (`--shard i/n`, 1-based i), or null for a whole run. */
  shard: { index: number; count: number } | null;
  /** Every kernel of the table, with whether it ran here and why not. */
  kernels: Array<{ id: string; available: boolean; reason: string | null; declaredBound: string; policy: SpecialValuePolicy; control: boolean }>;
  results: KernelReport[];
  /** The regression corpus replayed before the run. */
  corpus: { path: string | null; replayed: CorpusReplay[]; added: number };
  agreement: AgreementMatrix;
  /** Kernels that were available but not reached within the time budget. */
  notRun: string[];
  verdict: 'pass' | 'fail' | 'untrustworthy';
}

export function writeJsonReport(path: string, report: CheckReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(report, null, 2) + '\n');
}

/** Reads a check report, refusing other schema versions rather than misreading them. */
export function readJsonReport(path: string): CheckReport {
  const r = JSON.parse(readFileSync(path, 'utf8')) as CheckReport;
  if (r.tool !== 'softmax-verify' || r.schemaVersion !== CHECK_REPORT_SCHEMA_VERSION) {
    throw new RangeError(`${path}: expected a softmax-verify check report of schema version ${CHECK_REPORT_SCHEMA_VERSION}, got ${r.schemaVersion}`);
  }
  return r;
}
