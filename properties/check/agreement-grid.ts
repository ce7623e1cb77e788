// The cross-kernel agreement matrix: every kernel on one fixed, seeded grid of
// ordinary rows, compared pairwise in float32 steps (0 = bit-identical). The grid
// is fixed, not drawn from the run's seed, so the matrix and each kernel's output
// digest are comparable across runs and machines (SLEEF-style porting check).

import { ulpDistance } from '../../oracles/ulp.js';
import { computeDigest } from '../digests/golden-digest.js';
import { familyGrid, type GridFamily, type GridRow } from '../families/family-grid.js';
import { softmax } from '../../src/api.js';
import type { KernelEntry } from '../../src/registry.js';
import type { AgreementEntry, AgreementMatrix } from './check-report.js';

/** Lengths around every tile of the table (1, 16, 32, 64) and two longer rows. */
const LENGTHS = [1, 3, 15, 16, 17, 31, 33, 63, 65, 100, 1000, 4099];
/** Ordinary rows (finite, so every float32 step distance is defined): spread, near-equal, offset and underflow. */
const FAMILIES: readonly GridFamily[] = ['uniform', 'near-equal', 'offset-1e3', 'underflow-band'];

export const AGREEMENT_GRID_DESCRIPTION = `families ${FAMILIES.join(', ')} of properties/families/family-grid.ts; n in ${LENGTHS.join(', ')}`;



/** The kernel's digest and outputs over the grid, or why it could not produce them (the contract has already reported it). */
function outputsOf(entry: KernelEntry, rows: readonly GridRow[]): { digest: string; y: Float32Array[] } | Error {
  try {
    const { digest, outputs } = computeDigest((x, y) => softmax(entry.spec.id, x, y), rows);
    return { digest: digest.digest, y: outputs };
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** Largest float32 step distance between two kernels' outputs over the grid (Infinity: a NaN against a number). */
function maxStepsApart(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  let worst = 0;
  for (let r = 0; r < a.length && worst !== Infinity; r++) {
    for (let i = 0; i < a[r].length && worst !== Infinity; i++) worst = Math.max(worst, ulpDistance(a[r][i], b[r][i]));
  }
  return worst;
}

/** Rows of the matrix for `subjects` (a shard's kernels), columns for every kernel in `all`. */
export function agreementMatrix(subjects: readonly KernelEntry[], all: readonly KernelEntry[]): AgreementMatrix {
  const rows = familyGrid(FAMILIES, LENGTHS);
  const produced = new Map(all.map((e) => [e.spec.id, outputsOf(e, rows)]));
  const outputs = [...produced].flatMap(([id, p]) => (p instanceof Error ? [] : [[id, p.y] as const]));
  const kernels: Record<string, AgreementEntry> = {};
  for (const s of subjects) {
    const p = produced.get(s.spec.id) ?? outputsOf(s, rows);
    if (p instanceof Error) {
      kernels[s.spec.id] = { digest: '', error: p.message, maxUlpApart: {} };
      continue;
    }
    const maxUlpApart: Record<string, number | null> = {};
    for (const [other, z] of outputs) {
      const worst = maxStepsApart(p.y, z);
      maxUlpApart[other] = Number.isFinite(worst) ? worst : null;
    }
    kernels[s.spec.id] = { digest: p.digest, maxUlpApart };
  }
  return { grid: AGREEMENT_GRID_DESCRIPTION, elements: rows.reduce((s, r) => s + r.x.length, 0), kernels };
}
