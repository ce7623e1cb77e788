// Scalar kernels of the `paper` recipe: float32 throughout, one rounding per
// operation, the exp approximations of exp-paper.ts, one accumulator, elements in
// index order. Each kernel reads x and writes y (y may be x itself).

import { fround, scalef32 } from '../../arith.js';
import { expMinusRr2P5, ext, extExpP5 } from './exp-paper.js';
import { scanRow, writeSpecialRow } from './row-class.js';

/** Negative control: no max subtraction, so exp overflows for x > 88.72. */
export function naivePaper(x: Float32Array, y: Float32Array): void {
  let s = 0;
  for (let i = 0; i < x.length; i++) s = fround(s + fround(Math.exp(x[i])));
  for (let i = 0; i < x.length; i++) y[i] = fround(fround(Math.exp(x[i])) / s);
}

export function threePassRecomputePaper(x: Float32Array, y: Float32Array): void {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  const mu = scan.max;
  let s = 0;
  for (let i = 0; i < x.length; i++) s = fround(s + expMinusRr2P5(fround(x[i] - mu)));
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(fround(x[i] - mu)) * r);
}

export function threePassReloadPaper(x: Float32Array, y: Float32Array): void {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  const mu = scan.max;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const e = expMinusRr2P5(fround(x[i] - mu));
    y[i] = e;
    s = fround(s + e);
  }
  const r = fround(1 / s);
  for (let i = 0; i < x.length; i++) y[i] = fround(y[i] * r);
}

export function twoPassPaper(x: Float32Array, y: Float32Array): void {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  let ms = 0;
  let ns = -Infinity;
  for (let i = 0; i < x.length; i++) {
    extExpP5(x[i]);
    const nNew = Math.max(ns, ext.n);
    ms = fround(scalef32(ms, fround(ns - nNew)) + scalef32(ext.m, fround(ext.n - nNew)));
    ns = nNew;
  }
  const r = fround(1 / ms);
  for (let i = 0; i < x.length; i++) {
    extExpP5(x[i]);
    y[i] = scalef32(fround(ext.m * r), fround(ext.n - ns));
  }
}

/** x - mu with the one special case of online softmax: -inf - -inf counts as -inf, not NaN. */
function maskedDiff(a: number, b: number): number {
  const d = fround(a - b);
  return d !== d ? -Infinity : d;
}

export function onlinePaper(x: Float32Array, y: Float32Array): void {
  const scan = scanRow(x);
  if (writeSpecialRow(scan, y, 'nan')) return;
  let mu = -Infinity;
  let d = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const muNew = Math.max(mu, v);
    d = fround(fround(d * expMinusRr2P5(maskedDiff(mu, muNew))) + expMinusRr2P5(maskedDiff(v, muNew)));
    mu = muNew;
  }
  const r = fround(1 / d);
  for (let i = 0; i < x.length; i++) y[i] = fround(expMinusRr2P5(fround(x[i] - mu)) * r);
}
