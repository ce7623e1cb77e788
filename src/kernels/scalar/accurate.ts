// Scalar kernels of the `accurate` recipe: the golden models every port must match
// bit for bit (docs/recipes.md). binary64 arithmetic without FMA; element i goes to
// logical lane i mod ACCURATE_LANES; lanes are reduced by the fixed pairwise tree
// (lane j += lane j + w for w = 8, 4, 2, 1); outputs are rounded to float32 once.
//
// Each kernel takes an optional `pre`: when given, it receives every output's binary64
// value just before that rounding (scripts/find-hard-cases.ts checks its search against
// it). It changes no result; callers through the registry never pass it. It is a default
// parameter so that each kernel's Function.length stays 2, as a JavaScript port's must be
// (tests use the golden models as such ports).

import { fround } from '../../arith.js';
import { ACCURATE_F64, ACCURATE_LANES as L } from '../../constants.js';
import { expMinusD, extD, extExpD, pow2Clamped } from './exp-accurate.js';
import { scanRow, writeSpecialRow } from './row-class.js';

const EMPTY = ACCURATE_F64.EMPTY_LANE;

function reduceSum(s: Float64Array): number {
  for (let w = L / 2; w >= 1; w /= 2) for (let j = 0; j < w; j++) s[j] = s[j] + s[j + w];
  return s[0];
}

function laneSumOfExp(x: Float32Array, mu: number, store: Float32Array | null): number {
  const s = new Float64Array(L);
  for (let i = 0; i < x.length; i++) {
    const e = expMinusD(x[i] - mu);
    if (store) store[i] = e;
    s[i % L] += e;
  }
  return reduceSum(s);
}

export function threePassRecomputeAccurate(x: Float32Array, y: Float32Array, pre: Float64Array | undefined = undefined): void {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'zero')) return;
  const mu = scan.max;
  const r = 1 / laneSumOfExp(x, mu, null);
  for (let i = 0; i < x.length; i++) {
    const v = expMinusD(x[i] - mu) * r;
    if (pre) pre[i] = v;
    y[i] = fround(v);
  }
}

/** Keeps each exp in y as float32 between passes (the reason its bound is 1.5 ULP, not 1). */
export function threePassReloadAccurate(x: Float32Array, y: Float32Array, pre: Float64Array | undefined = undefined): void {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'zero')) return;
  const r = 1 / laneSumOfExp(x, scan.max, y);
  for (let i = 0; i < x.length; i++) {
    const v = y[i] * r;
    if (pre) pre[i] = v;
    y[i] = fround(v);
  }
}

/** Pair merge of the Two-Pass recipe; both scale factors are exact powers of two <= 1. */
function mergePair(m: Float64Array, n: Float64Array, j: number, mb: number, nb: number): void {
  const nNew = Math.max(n[j], nb);
  m[j] = m[j] * pow2Clamped(n[j] - nNew) + mb * pow2Clamped(nb - nNew);
  n[j] = nNew;
}

export function twoPassAccurate(x: Float32Array, y: Float32Array, pre: Float64Array | undefined = undefined): void {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'zero')) return;
  const m = new Float64Array(L);
  const n = new Float64Array(L).fill(EMPTY);
  for (let i = 0; i < x.length; i++) {
    extExpD(x[i]);
    mergePair(m, n, i % L, extD.m, extD.n);
  }
  for (let w = L / 2; w >= 1; w /= 2) for (let j = 0; j < w; j++) mergePair(m, n, j, m[j + w], n[j + w]);
  const r = 1 / m[0];
  const ns = n[0];
  for (let i = 0; i < x.length; i++) {
    extExpD(x[i]);
    const v = extD.m * r * pow2Clamped(extD.n - ns);
    if (pre) pre[i] = v;
    y[i] = fround(v);
  }
}

/** Online-softmax state merge: (mu, d) with d relative to exp(mu). */
function mergeOnline(mu: Float64Array, d: Float64Array, j: number, mub: number, db: number): void {
  const muNew = Math.max(mu[j], mub);
  d[j] = d[j] * expMinusD(mu[j] - muNew) + db * expMinusD(mub - muNew);
  mu[j] = muNew;
}

export function onlineAccurate(x: Float32Array, y: Float32Array, pre: Float64Array | undefined = undefined): void {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'zero')) return;
  const mu = new Float64Array(L).fill(EMPTY);
  const d = new Float64Array(L);
  for (let i = 0; i < x.length; i++) mergeOnline(mu, d, i % L, x[i], 1);
  for (let w = L / 2; w >= 1; w /= 2) for (let j = 0; j < w; j++) mergeOnline(mu, d, j, mu[j + w], d[j + w]);
  const r = 1 / d[0];
  const muMax = mu[0];
  for (let i = 0; i < x.length; i++) {
    const v = expMinusD(x[i] - muMax) * r;
    if (pre) pre[i] = v;
    y[i] = fround(v);
  }
}
