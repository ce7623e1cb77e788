// Golden digests, as SLEEF's tester does across ISAs: a hash of a kernel's outputs over a
// fixed, versioned input grid. The accurate recipe is bit-identical on every ISA, so each
// algorithm has one digest, committed in digests/v<VERSION>.json; every accurate kernel,
// built-in or a port claiming the recipe, must reproduce it.
//
// The grid (rows of properties/families/family-grid.ts at fixed lengths, plus the hard cases)
// and the recipe are part of the versioned format: changing anything that alters its rows
// (the generator, a family, a length) or the accurate arithmetic requires a new
// GRID_VERSION and a new file. The version is the accurate recipe's: digests/v2.json is
// recipe v2 (Taylor degree 9 exp), kept as the record of what v2 ports must give;
// digests/v3.json is recipe v3 (table-driven exp, docs/recipes.md), the one `digest` checks.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root.js';
import type { RowKernel } from '../../src/kernels/row-kernel.js';
import { hexBits } from '../core/format.js';
import { GRID_FAMILIES, familyGrid, type GridFamily, type GridRow } from '../families/family-grid.js';
import { HARD_CASE_FILE, hardCaseRows, type AccurateAlgorithm } from '../families/hard-cases.js';
import { SCALAR_IMPLEMENTATIONS } from '../../src/kernels/scalar/index.js';

export type { GridRow };

export const GRID_VERSION = 3;
export const DIGEST_FILE = `digests/v${GRID_VERSION}.json`;

/** Every length up to 40, both sides of the common tiles and a few longer rows. */
const LENGTHS = [...Array.from({ length: 41 }, (_, n) => n), 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 1023, 1024, 1025, 4099];
const LONG = { n: 65537, families: ['uniform', 'near-equal', 'masked', 'underflow-band'] as GridFamily[] };

/**
 * The grid, in its fixed order. Version 2 added the hard cases of every algorithm
 * (properties/families/hard-cases.ts), where a one-ulp difference of a binary64 denominator
 * flips an output: random rows show such a difference about once in 2^28 elements.
 * Version 3 is recipe v3, with the hard cases searched again for its arithmetic.
 */
export function digestGrid(): GridRow[] {
  return [
    ...familyGrid(GRID_FAMILIES, LENGTHS),
    ...familyGrid(GRID_FAMILIES.filter((f) => LONG.families.includes(f)), [LONG.n]),
    ...hardCaseRows().map(({ x }) => ({ family: 'hard-cases', x })),
  ];
}

export interface KernelDigest {
  /** sha256 over every row: its length (u32 LE), then its output bits. */
  digest: string;
  /** The same, per family, so a difference is located without rerunning. */
  families: Record<string, string>;
}

export interface DigestFile {
  version: number;
  grid: string;
  recipe: 'accurate';
  /** By algorithm. */
  algorithms: Record<string, KernelDigest>;
}

/** Runs `run` over the grid; the outputs are kept for locating differences. */
export function computeDigest(run: RowKernel, grid: readonly GridRow[]): { digest: KernelDigest; outputs: Float32Array[] } {
  const all = createHash('sha256');
  const byFamily = new Map<string, ReturnType<typeof createHash>>();
  const outputs = grid.map(({ family, x }) => {
    const y = new Float32Array(x.length);
    run(x, y);
    const length = new Uint8Array(new Uint32Array([x.length]).buffer);
    const bytes = new Uint8Array(y.buffer);
    if (!byFamily.has(family)) byFamily.set(family, createHash('sha256'));
    for (const h of [all, byFamily.get(family)!]) h.update(length).update(bytes);
    return y;
  });
  return { digest: { digest: all.digest('hex'), families: Object.fromEntries([...byFamily].map(([f, h]) => [f, h.digest('hex')])) }, outputs };
}

export const GRID_DESCRIPTION = `v${GRID_VERSION}: ${GRID_FAMILIES.length} families x lengths ${LENGTHS.join(',')}, plus n=${LONG.n} for ${LONG.families.join(', ')}, plus the hard cases of ${HARD_CASE_FILE}; properties/digests/golden-digest.ts`;

export function readDigestFile(): DigestFile {
  return JSON.parse(readFileSync(join(packageRoot(), DIGEST_FILE), 'utf8')) as DigestFile;
}


/** The first output whose bits differ, described with its input; null when all agree. */
export function firstDifference(grid: readonly GridRow[], got: readonly Float32Array[], want: readonly Float32Array[]): string | null {
  for (let r = 0; r < grid.length; r++) {
    const a = new Uint32Array(got[r].buffer);
    const b = new Uint32Array(want[r].buffer);
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        const { family, x } = grid[r];
        // Read from the raw bits: a NaN passed through a JavaScript number may lose its payload.
        return `family ${family}, n=${x.length}, index ${i}: x=${hexBits(new Uint32Array(x.buffer)[i])}, kernel ${hexBits(a[i])}, golden ${hexBits(b[i])}`;
      }
    }
  }
  return null;
}

export interface DigestCheck {
  digest: KernelDigest;
  /** Families whose digest differs from the golden one (empty when the digests are equal). */
  differingFamilies: string[];
  /** Null when the digest equals the golden one; else the differing families and the first element that differs from the golden model. */
  mismatch: string | null;
}

/**
 * The one port-equals-golden-model check: `run`'s digest over the grid against the golden
 * digest of `algorithm` (the committed one unless given). On a mismatch the golden model
 * runs too, to name the first differing element.
 */
export function checkGoldenDigest(run: RowKernel, algorithm: AccurateAlgorithm, grid: readonly GridRow[], golden: KernelDigest = readDigestFile().algorithms[algorithm]): DigestCheck {
  const { digest, outputs } = computeDigest(run, grid);
  if (digest.digest === golden.digest) return { digest, differingFamilies: [], mismatch: null };
  const differingFamilies = Object.keys(golden.families).filter((f) => golden.families[f] !== digest.families[f]);
  const model = `${algorithm}/scalar/accurate`;
  const where = firstDifference(grid, outputs, computeDigest(SCALAR_IMPLEMENTATIONS[`${algorithm}/accurate`], grid).outputs);
  const mismatch = `in ${differingFamilies.join(', ')}; first difference: ${where ?? `none from ${model}, so the golden model itself changed: the grid needs a new version`}`;
  return { digest, differingFamilies, mismatch };
}
