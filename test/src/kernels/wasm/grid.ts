// The fixed input grid of the digest test: rows of every family of the contract, built
// from a seeded PRNG so the grid (and each digest) is the same on every run.

import { splitmix32Uniform as prng } from '../../../../src/seeded-random.js';

export interface GridRow {
  family: string;
  x: Float32Array;
}

const FLT_MAX = 3.4028234663852886e38;

type Family = (n: number, r: () => number) => number[];

const pick = (r: () => number, n: number) => Math.floor(r() * n);

const FAMILIES: Record<string, Family> = {
  normal: (n, r) => Array.from({ length: n }, () => (r() - 0.5) * 20),
  overflowBand: (n, r) => Array.from({ length: n }, () => 88 + r() * 12),
  upToFltMax: (n, r) => Array.from({ length: n }, () => (r() < 0.5 ? -1 : 1) * FLT_MAX * 2 ** -Math.floor(r() * 130) * (0.5 + r() / 2)),
  ties: (n, r) => Array.from({ length: n }, () => (r() < 0.3 ? 7.25 : 7.25 - r() * 4)),
  largeOffsets: (n, r) => {
    const offset = (r() < 0.5 ? -1 : 1) * 10 ** (3 + pick(r, 5));
    return Array.from({ length: n }, () => offset + (r() - 0.5) * 30);
  },
  underflowBand: (n, r) => {
    const top = (r() - 0.5) * 50;
    const at = pick(r, n);
    return Array.from({ length: n }, (_, i) => (i === at ? top : top - 87 - r() * 17));
  },
  masked: (n, r) => {
    const v = Array.from({ length: n }, () => (r() < 0.3 ? -Infinity : (r() - 0.5) * 40));
    if (n > 0 && v.every((e) => e === -Infinity)) v[pick(r, n)] = 1;
    return v;
  },
  allMinusInf: (n) => new Array<number>(n).fill(-Infinity),
  nan: (n, r) => {
    const v = FAMILIES.normal(n, r);
    if (n > 0) v[pick(r, n)] = NaN;
    return v;
  },
  plusInf: (n, r) => {
    const v = FAMILIES.masked(n, r);
    if (n > 0) v[pick(r, n)] = Infinity;
    return v;
  },
};

/** Every family at every length 0..70, plus long rows (1000, 4099, 1e5) of a few families. */
export function digestGrid(seed = 20240601): GridRow[] {
  const r = prng(seed);
  const rows: GridRow[] = [];
  for (const [family, make] of Object.entries(FAMILIES)) {
    for (let n = 0; n <= 70; n++) rows.push({ family, x: Float32Array.from(make(n, r)) });
  }
  for (const n of [1000, 4099, 100_000]) {
    for (const family of ['normal', 'largeOffsets', 'underflowBand', 'masked', 'upToFltMax']) {
      rows.push({ family, x: Float32Array.from(FAMILIES[family](n, r)) });
    }
  }
  return rows;
}
