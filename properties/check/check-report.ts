// The check run as JSON: the input of every other renderer. Versioned; a change
// of meaning bumps `schemaVersion` (docs/report-schema.md documents every field).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KernelResult } from '../index.js';
import type { KernelEntry } from '../../src/registry.js';
import type { AgreementMatrix } from './agreement-grid.js';
import type { ToleranceVerdict } from './tolerance-table.js';
import type { CoverageVerdict } from './coverage.js';

export const CHECK_REPORT_SCHEMA_VERSION = 2;

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
  kernels: Array<{ id: string; available: boolean; reason: string | null; declaredBound: string; policy: KernelEntry['spec']['policy']; control: boolean }>;
  results: KernelReport[];
  /** The regression corpus replayed before the run. */
  corpus: { path: string; replayed: CorpusReplay[]; added: number };
  agreement: AgreementMatrix;
  /** Every kernel's coverage held to the declared coverage table: an empty declared cell makes the run untrustworthy. */
  coverage?: CoverageVerdict;
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
