// Golden digests, as SLEEF's tester does across ISAs: a hash of a kernel's outputs over a
// fixed, versioned input grid. The accurate recipe is bit-identical on every ISA, so each
// algorithm has one digest, committed in digests/v<VERSION>.json; every accurate kernel,
// built-in or a port claiming the recipe, must reproduce it.
//
// The grid is part of the versioned format: changing anything that alters its rows (the
// generator, a family, a length) requires a new GRID_VERSION and a new file. It uses only
// exact arithmetic (integer hashing, multiplications by powers of two, one rounding to
// float32 per element), so it is the same on every machine and JavaScript engine.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root.js';
import { splitmix32Uniform } from '../../src/seeded-random.js';
import type { RowKernel } from '../../src/kernels/row-kernel.js';
import { HARD_CASE_FILE, hardCaseRows } from '../families/hard-cases.js';

export const GRID_VERSION = 2;
export const DIGEST_FILE = `digests/v${GRID_VERSION}.json`;

const FLT_MAX = 3.4028234663852886e38;

/** Element i of a row of n, given the row's uniform stream. */
type Element = (i: number, n: number, u: () => number) => number;

const FAMILIES: ReadonlyArray<[string, Element]> = [
  ['uniform', (_i, _n, u) => (u() - 0.5) * 20],
  ['overflow-band', (_i, _n, u) => 88 + u() * 12],
  ['huge-magnitude', (i, _n, u) => (i % 3 === 0 ? FLT_MAX * u() : i % 3 === 1 ? -FLT_MAX * u() : (u() - 0.5) * 1e30)],
  ['beyond-2^24', (_i, _n, u) => (u() < 0.5 ? -1 : 1) * (1 + u()) * 2 ** (24 + Math.floor(u() * 40))],
  ['ties', (i, _n, u) => (i % 4 === 0 ? 7.25 : 7.25 - u() * 4)],
  ['top-k', (i, _n, u) => (i % 7 === 3 ? 10 + u() : -10 * u())],
  ['offset-1e3', (_i, _n, u) => 1e3 + (u() - 0.5) * 20],
  ['offset-minus-1e5', (_i, _n, u) => -1e5 + (u() - 0.5) * 20],
  ['offset-1e7', (_i, _n, u) => 1e7 + (u() - 0.5) * 40],
  ['underflow-band', (i, _n, u) => (i === 0 ? 3 : 3 - 87 - u() * 17)],
  ['near-equal', (_i, _n, u) => 1 + u() * 2 ** -20],
  ['masked', (i, _n, u) => (i % 3 === 1 ? -Infinity : (u() - 0.5) * 30)],
  ['all-masked', () => -Infinity],
  ['nan', (i, n, u) => (i === n >> 1 ? NaN : u())],
  ['plus-inf', (i, n, u) => (i === n - 1 ? Infinity : u())],
  ['minus-max', (i, _n, u) => (i % 5 === 0 ? -FLT_MAX : u() * 4)],
];

/** Every length up to 40, both sides of the common tiles and a few longer rows. */
const LENGTHS = [...Array.from({ length: 41 }, (_, n) => n), 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 1023, 1024, 1025, 4099];
const LONG = { n: 65537, families: ['uniform', 'near-equal', 'masked', 'underflow-band'] };

export interface GridRow {
  family: string;
  x: Float32Array;
}

function gridRow(familyIndex: number, n: number): GridRow {
  const [family, element] = FAMILIES[familyIndex];
  const u = splitmix32Uniform(familyIndex * 0x100000 + n);
  return { family, x: Float32Array.from({ length: n }, (_, i) => element(i, n, u)) };
}

/**
 * The grid, in its fixed order. Version 2 added the hard cases of every algorithm
 * (properties/families/hard-cases.ts), where a one-ulp difference of a binary64 denominator
 * flips an output: random rows show such a difference about once in 2^28 elements.
 */
export function digestGrid(): GridRow[] {
  const rows: GridRow[] = [];
  FAMILIES.forEach((_, f) => LENGTHS.forEach((n) => rows.push(gridRow(f, n))));
  FAMILIES.forEach(([name], f) => {
    if (LONG.families.includes(name)) rows.push(gridRow(f, LONG.n));
  });
  for (const { x } of hardCaseRows()) rows.push({ family: 'hard-cases', x });
  return rows;
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

export const GRID_DESCRIPTION = `v${GRID_VERSION}: ${FAMILIES.length} families x lengths ${LENGTHS.join(',')}, plus n=${LONG.n} for ${LONG.families.join(', ')}, plus the hard cases of ${HARD_CASE_FILE}; properties/digests/golden-digest.ts`;

export function readDigestFile(): DigestFile {
  return JSON.parse(readFileSync(join(packageRoot(), DIGEST_FILE), 'utf8')) as DigestFile;
}

/** Read from the raw bits: a NaN passed through a JavaScript number may lose its payload. */
function bits(u: number): string {
  return `0x${u.toString(16).padStart(8, '0')}`;
}

/** The first output whose bits differ, described with its input; null when all agree. */
export function firstDifference(grid: readonly GridRow[], got: readonly Float32Array[], want: readonly Float32Array[]): string | null {
  for (let r = 0; r < grid.length; r++) {
    const a = new Uint32Array(got[r].buffer);
    const b = new Uint32Array(want[r].buffer);
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        const { family, x } = grid[r];
        return `family ${family}, n=${x.length}, index ${i}: x=${bits(new Uint32Array(x.buffer)[i])}, kernel ${bits(a[i])}, golden ${bits(b[i])}`;
      }
    }
  }
  return null;
}
