// Per-kernel digests of every available paper kernel (and, with --all, every kernel), so a
// change that must not move an output bit (e.g. masking terms below the subnormal range before
// VSCALEFPS) is checked by running this on the old build and the new one and diffing the output.
// Run: npx tsx scripts/paper-digests.ts [--all] > digests-before.txt
//
// The rows are the golden-digest grid (properties/digests/golden-digest.ts) plus rows that reach
// the underflow and subnormal range densely, which the grid's families touch only at a few points:
// the bench inputs (uniform [-1000, 1000], normal rows) and a row whose outputs walk down from
// 2^-110 to below 2^-150 in steps far smaller than one binade.

import { computeDigest, digestGrid, type GridRow } from '../properties/digests/golden-digest.js';
import { benchInput } from '../src/bench/input.js';
import { matchKernels } from '../src/registry.js';

function subnormalWalk(n: number): Float32Array {
  const x = new Float32Array(n);
  x[0] = 0;
  // exp(-76) ~ 2^-110 down to exp(-110) ~ 2^-158.7: across the whole subnormal range and past it.
  for (let i = 1; i < n; i++) x[i] = -76 - (34 * i) / n;
  return x;
}

const extraRows: GridRow[] = [
  { family: 'bench-uniform1000', x: benchInput(4099) },
  { family: 'bench-uniform1000', x: benchInput(65537) },
  { family: 'subnormal-walk', x: subnormalWalk(40_001) },
  { family: 'subnormal-walk', x: subnormalWalk(1_037) },
];

const all = process.argv.includes('--all');
const grid = [...digestGrid(), ...extraRows];
for (const entry of matchKernels(all ? undefined : '*/*/paper')) {
  if (!entry.available || entry.spec.origin !== 'builtin') continue;
  const { digest } = computeDigest(entry.row!, grid);
  console.log(`${digest.digest}  ${entry.spec.id}`);
  for (const [family, d] of Object.entries(digest.families)) console.log(`  ${d}  ${family}`);
}
