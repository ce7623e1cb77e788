// Finds the hard cases of the accurate recipe (properties/families/hard-cases.ts) and writes
// digests/hard-cases-v<N>.json. Run: npx tsx scripts/find-hard-cases.ts (about a minute).
//
// For a row of the generator, every output is v_i = g_i * r with r = 1/D, where D is the
// row's denominator (S for Three-Pass, m_s for Two-Pass, d_s for Online) and g_i depends on
// x_i alone (x[0] = 0 is the maximum, so no entry's exp depends on the rest of the row;
// Two-Pass adds an exact power of two, which moves no output relative to the float32 grid).
// So the search keeps the lane states of x[0..n-2], and for each candidate last entry
// merges it in (16 lane operations), gets D, and tests every output for a flip under
// D -> next double up or down: two multiplications per element and no exp. A row flips in
// one direction about once per 2^29 elements, i.e. after ~2^17 candidates of n = 4096.
// Each row found is then checked against the golden kernel itself: its pre-rounding
// values (the kernels' `pre` hook) must equal g_i * r bit for bit.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fround } from '../src/arith.js';
import { bitsToF32, bitsToF64, f32ToBits, f64ToBits } from '../src/float-bits.js';
import { ACCURATE_F64, ACCURATE_LANES as L } from '../src/constants.js';
import { HARD_CASE_FILE, HARD_CASE_GENERATOR, HARD_CASE_VERSION, hardCaseRow, type AccurateAlgorithm, type HardCaseFile, type HardCaseRecipe } from '../properties/families/hard-cases.js';
import { packageRoot } from '../src/package-root.js';
import { onlineAccurate, threePassRecomputeAccurate, threePassReloadAccurate, twoPassAccurate } from '../src/kernels/scalar/accurate.js';
import { expMinusD, extD, extExpD, pow2Clamped } from '../src/kernels/scalar/exp-accurate.js';

/** Per algorithm: rows of each direction, at these lengths (different tails; n mod 16 varies). */
const LENGTHS = [4096, 4077, 3001, 2050];
const FIRST_LAST = 0xbf800000; // candidates for x[n-1]: -1, then down the float32 grid
const MAX_CANDIDATES = 1 << 22;

function nextDouble(d: number, up: boolean): number {
  return bitsToF64(f64ToBits(d) + (up ? 1n : -1n)); // d > 0
}

/** The golden model's denominator pipeline with the last entry left out, replicated from accurate.ts. */
interface Model {
  /** g_i of each entry (its output is g_i * r, up to an exact power of two). */
  g(xi: number): number;
  /** Lane states after x[0..n-2]; `denominator(last)` merges x[n-1] into its lane and reduces the tree. */
  lanes(x: Float32Array): (last: number) => number;
  golden(x: Float32Array, y: Float32Array, pre: Float64Array): void;
}

function reduceSum(s: Float64Array): number {
  for (let w = L / 2; w >= 1; w /= 2) for (let j = 0; j < w; j++) s[j] = s[j] + s[j + w];
  return s[0];
}

function sumLanes(x: Float32Array) {
  const n = x.length;
  const s = new Float64Array(L);
  for (let i = 0; i < n - 1; i++) s[i % L] += expMinusD(x[i] - 0);
  const t = new Float64Array(L);
  return (last: number) => {
    t.set(s);
    t[(n - 1) % L] += expMinusD(last - 0);
    return reduceSum(t);
  };
}

function mergePair(m: Float64Array, e: Float64Array, j: number, mb: number, nb: number): void {
  const nNew = Math.max(e[j], nb);
  m[j] = m[j] * pow2Clamped(e[j] - nNew) + mb * pow2Clamped(nb - nNew);
  e[j] = nNew;
}

function mergeOnline(mu: Float64Array, d: Float64Array, j: number, mub: number, db: number): void {
  const muNew = Math.max(mu[j], mub);
  d[j] = d[j] * expMinusD(mu[j] - muNew) + db * expMinusD(mub - muNew);
  mu[j] = muNew;
}

const MODELS: Record<AccurateAlgorithm, Model> = {
  'three-pass-recompute': { g: (xi) => expMinusD(xi - 0), lanes: sumLanes, golden: threePassRecomputeAccurate },
  'three-pass-reload': { g: (xi) => fround(expMinusD(xi - 0)), lanes: sumLanes, golden: threePassReloadAccurate },
  'two-pass': {
    g: (xi) => (extExpD(xi), extD.m),
    lanes(x) {
      const n = x.length;
      const m = new Float64Array(L);
      const e = new Float64Array(L).fill(ACCURATE_F64.EMPTY_LANE);
      for (let i = 0; i < n - 1; i++) {
        extExpD(x[i]);
        mergePair(m, e, i % L, extD.m, extD.n);
      }
      const tm = new Float64Array(L);
      const te = new Float64Array(L);
      return (last) => {
        tm.set(m);
        te.set(e);
        extExpD(last);
        mergePair(tm, te, (n - 1) % L, extD.m, extD.n);
        for (let w = L / 2; w >= 1; w /= 2) for (let j = 0; j < w; j++) mergePair(tm, te, j, tm[j + w], te[j + w]);
        if (te[0] !== 0) throw new Error('two-pass: x[0] = 0 must give the largest exponent, n_s = 0');
        return tm[0];
      };
    },
    golden: twoPassAccurate,
  },
  online: {
    g: (xi) => expMinusD(xi - 0),
    lanes(x) {
      const n = x.length;
      const mu = new Float64Array(L).fill(ACCURATE_F64.EMPTY_LANE);
      const d = new Float64Array(L);
      for (let i = 0; i < n - 1; i++) mergeOnline(mu, d, i % L, x[i], 1);
      const tmu = new Float64Array(L);
      const td = new Float64Array(L);
      return (last) => {
        tmu.set(mu);
        td.set(d);
        mergeOnline(tmu, td, (n - 1) % L, last, 1);
        for (let w = L / 2; w >= 1; w /= 2) for (let j = 0; j < w; j++) mergeOnline(tmu, td, j, tmu[j + w], td[j + w]);
        return td[0];
      };
    },
    golden: onlineAccurate,
  },
};

/** |v - midpoint| / v for the float32 midpoint nearest v, as a power of two ('0': v is a tie). */
function midpointDistance(v: number): string {
  const f = fround(v);
  const other = bitsToF32(f32ToBits(f) + (v > f ? 1 : -1)); // v > 0: the float32 neighbour on v's side
  const mid = (f + other) / 2;
  return v === mid ? '0' : `2^${Math.log2(Math.abs(v - mid) / v).toFixed(2)}`;
}

function search(algorithm: AccurateAlgorithm, seed: number, n: number, up: boolean): HardCaseRecipe {
  const model = MODELS[algorithm];
  const x = hardCaseRow(seed, n, FIRST_LAST);
  const g = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) g[i] = model.g(x[i]);
  const denominator = model.lanes(x);
  for (let k = 0; k < MAX_CANDIDATES; k++) {
    const last = bitsToF32(FIRST_LAST + k);
    g[n - 1] = model.g(last);
    const D = denominator(last);
    const r = 1 / D;
    const moved = 1 / nextDouble(D, up);
    for (let i = 0; i < n; i++) {
      if (fround(g[i] * r) === fround(g[i] * moved)) continue;
      x[n - 1] = last;
      verify(algorithm, x, g, r);
      return { algorithm, seed, n, last: (FIRST_LAST + k).toString(16), flipsWhenDenominator: up ? 'up' : 'down', index: i, midpointDistance: midpointDistance(g[i] * r) };
    }
  }
  throw new Error(`${algorithm} seed ${seed} n ${n}: no hard case in ${MAX_CANDIDATES} candidates`);
}

/** The golden kernel's own pre-rounding values must be g_i * r (Two-Pass: times 2^n_i, exact). */
function verify(algorithm: AccurateAlgorithm, x: Float32Array, g: Float64Array, r: number): void {
  const pre = new Float64Array(x.length);
  MODELS[algorithm].golden(x, new Float32Array(x.length), pre);
  for (let i = 0; i < x.length; i++) {
    const scale = algorithm === 'two-pass' ? (extExpD(x[i]), pow2Clamped(extD.n)) : 1;
    if (pre[i] !== g[i] * r * scale) throw new Error(`${algorithm}: the search's model differs from the golden kernel at x[${i}]`);
  }
}

const started = performance.now();
const cases: HardCaseRecipe[] = [];
for (const algorithm of Object.keys(MODELS) as AccurateAlgorithm[]) {
  LENGTHS.forEach((n, k) => {
    for (const up of [true, false]) {
      const c = search(algorithm, 1000 * (k + 1) + (up ? 1 : 2), n, up);
      cases.push(c);
      console.log(`${algorithm} n=${n} seed=${c.seed} last=0x${c.last} flips when D moves ${c.flipsWhenDenominator}: y[${c.index}] at ${c.midpointDistance} of a midpoint (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  });
}
const file: HardCaseFile = { version: HARD_CASE_VERSION, generator: HARD_CASE_GENERATOR, cases };
writeFileSync(join(packageRoot(), HARD_CASE_FILE), `${JSON.stringify(file, null, 2)}\n`);
console.log(`wrote ${HARD_CASE_FILE}: ${cases.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
