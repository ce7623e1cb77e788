// The cross-kernel agreement matrix: every kernel on one fixed, seeded grid of
// ordinary rows, compared pairwise in float32 steps (0 = bit-identical). The grid
// is fixed, not drawn from the run's seed, so the matrix and each kernel's output
// digest are comparable across runs and machines (SLEEF-style porting check).

import { createHash } from 'node:crypto';
import { ulpDistance } from '../../oracles/ulp.js';
import { seededUniform } from '../families/seeded-uniform.js';
import { softmax } from '../../src/api.js';
import type { KernelEntry } from '../../src/registry.js';
import type { AgreementEntry, AgreementMatrix } from './check-report.js';

/** Lengths around every tile of the table (1, 16, 32, 64) and two longer rows; four kinds of row each. */
const LENGTHS = [1, 3, 15, 16, 17, 31, 33, 63, 65, 100, 1000, 4099];
const KINDS: ReadonlyArray<{ name: string; value: (u: () => number) => number }> = [
  { name: 'uniform [-20, 20]', value: (u) => 40 * u() - 20 },
  { name: 'near-equal 7 +- 0.5', value: (u) => 7 + (u() - 0.5) },
  { name: 'offset 1e4, spread 20', value: (u) => 1e4 - 20 * u() },
  { name: 'underflow band (x - max down to -104)', value: (u) => -104 * u() },
];

export const AGREEMENT_GRID_DESCRIPTION = `${KINDS.map((k) => k.name).join('; ')}; n in ${LENGTHS.join(', ')}; seeded`;

function gridRows(): Float32Array[] {
  const rows: Float32Array[] = [];
  KINDS.forEach((kind, k) => {
    for (const n of LENGTHS) {
      const u = seededUniform(1000 * k + n);
      rows.push(Float32Array.from({ length: n }, () => kind.value(u)));
    }
  });
  return rows;
}



/** The kernel's outputs over the grid, or why it could not produce them (the contract has already reported it). */
function outputsOf(entry: KernelEntry, rows: Float32Array[]): Float32Array | Error {
  const total = rows.reduce((s, r) => s + r.length, 0);
  const out = new Float32Array(total);
  let at = 0;
  try {
    for (const x of rows) {
      softmax(entry.spec.id, x, out.subarray(at, at + x.length));
      at += x.length;
    }
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  return out;
}

/** Rows of the matrix for `subjects` (a shard's kernels), columns for every kernel in `all`. */
export function agreementMatrix(subjects: readonly KernelEntry[], all: readonly KernelEntry[]): AgreementMatrix {
  const rows = gridRows();
  const produced = new Map(all.map((e) => [e.spec.id, outputsOf(e, rows)]));
  const outputs = new Map([...produced].filter((p): p is [string, Float32Array] => p[1] instanceof Float32Array));
  const kernels: Record<string, AgreementEntry> = {};
  for (const s of subjects) {
    const y = produced.get(s.spec.id) ?? outputsOf(s, rows);
    if (y instanceof Error) {
      kernels[s.spec.id] = { digest: '', error: y.message, maxUlpApart: {} };
      continue;
    }
    const maxUlpApart: Record<string, number | null> = {};
    for (const [other, z] of outputs) {
      let worst = 0;
      for (let i = 0; i < y.length && worst !== Infinity; i++) worst = Math.max(worst, ulpDistance(y[i], z[i]));
      maxUlpApart[other] = Number.isFinite(worst) ? worst : null;
    }
    kernels[s.spec.id] = { digest: createHash('sha256').update(new Uint8Array(y.buffer)).digest('hex'), maxUlpApart };
  }
  return { grid: AGREEMENT_GRID_DESCRIPTION, elements: rows.reduce((s, r) => s + r.length, 0), kernels };
}
