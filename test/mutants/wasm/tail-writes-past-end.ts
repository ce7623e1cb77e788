// MUTATION: the output pass runs in groups of 4 (one f32x4 store each) and the last,
// partial group is padded with -inf and stored whole: y[n .. n+3) get +0.

import { at, expm, ordinaryMax, sumLanes, treeSum } from './port';

/** f32(expm(x_i - mu) * r), with lanes past the end padded by -inf (giving +0). */
@inline function scaled(x: usize, i: i32, n: i32, mu: f64, r: f64): f32 {
  const v: f64 = i < n ? <f64>load<f32>(at(x, i)) : -Infinity;
  return <f32>(expm(v - mu) * r);
}

export function tailWritesPastEnd(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  const mu = ordinaryMax(x, y, n, n);
  if (isNaN(mu)) return;
  sumLanes(x, n, mu);
  const r = 1 / treeSum();
  for (let i = 0; i < n; i += 4) {
    let out = f32x4.splat(0);
    out = f32x4.replace_lane(out, 0, scaled(x, i, n, mu, r));
    out = f32x4.replace_lane(out, 1, scaled(x, i + 1, n, mu, r));
    out = f32x4.replace_lane(out, 2, scaled(x, i + 2, n, mu, r));
    out = f32x4.replace_lane(out, 3, scaled(x, i + 3, n, mu, r));
    v128.store(at(y, i), out);
  }
}
