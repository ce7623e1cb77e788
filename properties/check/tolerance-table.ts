// The committed tolerance table (tolerances/v1.json) that `check` gates on: per
// kernel, the largest max ULP error a run may measure, per bucket of n where the
// declared bound depends on n. It starts as the spec table's declared bounds,
// maximised over the rows where they are finite, and is only ever tightened by
// hand (the report suggests where: a ratchet); nothing widens it automatically.

import { readFileSync } from 'node:fs';
import type { KernelResult, ToleranceEntry, ToleranceVerdict } from './check-report.js';
import type { KernelSpec } from '../../src/spec/kernels.js';

export type { ToleranceEntry, ToleranceVerdict };

export const TOLERANCE_TABLE_VERSION = 1;


export interface ToleranceTable {
  version: number;
  description: string;
  kernels: Record<string, ToleranceEntry>;
}

/** n buckets 2^0 .. 2^20: rows up to 2^21 - 1 > 1e6, the longest the contract generates. */
const N_BUCKETS = Array.from({ length: 21 }, (_, k) => k);
/**
 * Largest |x_i - max| of an output that can be nonzero: Y_i <= e^-spread < 2^-150 beyond 104,
 * and ulp32 is constant on [64, 128), so the bound's spread term there is its supremum.
 */
const MAX_SPREAD = 104;
/** Declared bounds are finite only for max|x| < 2^24 (paper Two-Pass); the supremum sits just below. */
const MAX_MAGNITUDE = 2 ** 24 - 1;
/** A kernel whose error stays below this fraction of its table entry everywhere gets a ratchet suggestion. */
export const RATCHET_FACTOR = 0.25;

function supremum(spec: KernelSpec, n: number): number {
  return spec.bound.maxUlp({ n, spread: MAX_SPREAD, magnitude: MAX_MAGNITUDE });
}

/** The table the declared bounds imply (how v1.json was generated; the test checks the committed one is never wider). */
export function toleranceTableFromSpecs(specs: readonly KernelSpec[]): ToleranceTable {
  const kernels: Record<string, ToleranceEntry> = {};
  for (const spec of specs.filter((s) => !s.control && s.origin === 'builtin')) {
    const perBucket = N_BUCKETS.map((k) => supremum(spec, 2 ** (k + 1) - 1));
    kernels[spec.id] = perBucket.every((v) => v === perBucket[0])
      ? { maxUlp: perBucket[0] }
      : { byN: Object.fromEntries(N_BUCKETS.map((k, i) => [`2^${k}`, perBucket[i]])) };
  }
  return {
    version: TOLERANCE_TABLE_VERSION,
    description:
      'Max ULP error a check may measure per kernel (per n bucket [2^k, 2^(k+1)) where the bound depends on n). ' +
      `Generated from the declared bounds at |x_i - max| = ${MAX_SPREAD}, max|x| = 2^24 - 1, n = 2^(k+1) - 1; tighten by hand, never widen.`,
    kernels,
  };
}

export function readToleranceTable(path: string): ToleranceTable {
  const t = JSON.parse(readFileSync(path, 'utf8')) as ToleranceTable;
  if (t.version !== TOLERANCE_TABLE_VERSION || typeof t.kernels !== 'object') {
    throw new RangeError(`${path}: expected a tolerance table of version ${TOLERANCE_TABLE_VERSION}`);
  }
  return t;
}

export function allowedUlp(entry: ToleranceEntry, bucket: string): number | undefined {
  return entry.maxUlp ?? entry.byN?.[bucket];
}


/** The smallest power of two at or above v: a round ceiling to suggest, never below what was measured. */
function roundCeiling(v: number): number {
  return v <= 0 ? 2 ** -3 : 2 ** Math.ceil(Math.log2(v));
}

export function gateKernel(table: ToleranceTable, r: Pick<KernelResult, 'kernel' | 'accuracy'>): ToleranceVerdict {
  const entry = table.kernels[r.kernel];
  if (!entry) return { status: 'untabled', exceeded: [], ratchet: null };
  const buckets = r.accuracy.byN.filter((b) => b.count > 0);
  const exceeded = buckets.flatMap((b) => {
    const allowed = allowedUlp(entry, b.bucket);
    return allowed !== undefined && b.maxUlp <= allowed ? [] : [{ bucket: b.bucket, measuredUlp: b.maxUlp, allowedUlp: allowed ?? null }];
  });
  const farBelow = buckets.length > 0 && exceeded.length === 0 && buckets.every((b) => b.maxUlp <= RATCHET_FACTOR * allowedUlp(entry, b.bucket)!);
  let ratchet: ToleranceEntry | null = null;
  if (farBelow) {
    ratchet = entry.maxUlp !== undefined
      ? { maxUlp: roundCeiling(r.accuracy.maxUlp) }
      : { byN: Object.fromEntries(buckets.map((b) => [b.bucket, roundCeiling(b.maxUlp)])) };
  }
  return { status: exceeded.length ? 'exceeded' : 'pass', exceeded, ratchet };
}
