/**
 * Fast tier: softmax in binary64 with a proven relative error bound. An
 * element is accepted only if every real within the bound rounds to the same
 * float32; the rest are left to the exact tier.
 *
 * Assumption (A): for every double z, |Math.exp(z) - e^z| < 2 ulp(e^z),
 * two units in the last place of binary64: relative error below 2^-51 for
 * normal results, absolute error below 2^-1073 in the subnormal range.
 * V8 computes Math.exp with a port of fdlibm's algorithm, documented as
 * "< 1 ulp", but measured against decimal.js its error reaches 1.26 ulp
 * (e.g. at z = -1.018203384646534; 0.3% of random arguments in [-745, 0]
 * exceed 1 ulp), so (A) claims 2 ulp. test/oracles/fast-float64.test.ts
 * spot-checks (A) on 400 arguments in [-745, 0] and prints the worst error.
 *
 * Bound, with u = 2^-53 and n finite entries:
 * - Distances. d_k = fl(x_k - mu) and the TwoSum residual t_k give
 *   x_k - mu = d_k + t_k exactly. t_k = 0 unless the exponents of x_k and mu
 *   are far apart; then e_k = E + E*t_k with E = Math.exp(d_k). Whenever
 *   E > 0, |d_k| < 746 so |t_k| <= 2^-44, and e^t_k = 1 + t_k + O(t_k^2).
 * - Terms. |e_k - e^(x_k - mu)| <= rho e^(x_k - mu) + tau with
 *   rho = 2^-51 + 2^-53 + 2^-87 (assumption A, the correction's two
 *   roundings and t_k^2) and tau = 2^-1070 (subnormal results and underflow).
 * - Sum. S_hat = Sum2 (Ogita, Rump and Oishi 2005, TwoSum cascade):
 *   |S_hat - sum e_k| <= u |sum e_k| + gamma_{n-1}^2 sum |e_k|, with
 *   gamma_k = k u / (1 - k u). Since the exact S >= 1 (the maximum gives
 *   e^0), |S_hat - S| <= sigma S with
 *   sigma = rho + (u + gamma_{n-1}^2)(1 + rho) + 2 n tau.
 * - Quotient. For x_i - mu >= -104.1, e^(x_i - mu) > 2^-151 dwarfs tau, so
 *   e_i has relative error alpha = rho + 2^-918, and y_i = fl(e_i / S_hat)
 *   (a normal double) satisfies |y_i - Y_i| <= beta Y_i with
 *   beta = (alpha + u + sigma)(1 + 2^-40)  (6.0 * 2^-52 = 1.3e-15 for n <= 2^20,
 *   below 2^-49 for n <= 2^24).
 * - Elements with fl(x_i - mu) < -104 have Y_i < e^-104 < 2^-150: they round
 *   to +0 without a test, and their y_i is within beta Y_i + 2^-1068 of Y_i.
 * - Decision. With E_i = fl(y_i * (beta + 2^-51)(1 + 2^-40)), the doubles
 *   fl(y_i - E_i) and fl(y_i + E_i) enclose [Y_i - |y_i - Y_i|, Y_i + |y_i - Y_i|]
 *   despite their own rounding (2^-53 y_i each), so if both round to the same
 *   float32, so does Y_i.
 */

import { roundIntervalToF32 } from './f32-rounding.js';

const U = 2 ** -53;
const RHO = 2 ** -51 + 2 ** -53 + 2 ** -87;
const TAU = 2 ** -1070;
const ALPHA = RHO + 2 ** -918;
/** Below fl(x_i - mu) < -104 the element is +0 (see the module comment). */
const ZERO_BELOW = -104;

/** beta of the module comment: |y_i - Y_i| <= beta * Y_i for a row with n finite entries. */
export function fastTierRelativeErrorBound(n: number): number {
  const nu = (n - 1) * U;
  const gamma = nu / (1 - nu);
  const sigma = RHO + (U + gamma * gamma) * (1 + RHO) + 2 * n * TAU;
  return (ALPHA + U + sigma) * (1 + 2 ** -40);
}

export interface FastTierResult {
  /** RN32(Y_i) where decided; elsewhere Math.fround(reference[i]), to be replaced by the exact tier. */
  rounded: Float32Array;
  /** y_i, within beta * Y_i + 2^-1068 of Y_i (exactly 0 for masked entries). */
  reference: Float64Array;
  /** Indices whose rounding the float64 bound cannot decide, ascending. */
  undecided: number[];
  /** beta for this row. */
  relativeErrorBound: number;
}

/**
 * Softmax of `x` in binary64. `x` holds finite float32 values and -Infinity
 * (masked: output +0, the rest as if absent), with at least one finite entry;
 * NaN and +Infinity are special values for the caller.
 */
export function fastSoftmax(x: Float32Array): FastTierResult {
  const n = x.length;
  let mu = -Infinity;
  let finiteCount = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v !== v || v === Infinity) throw new RangeError('fastSoftmax: NaN and +Infinity are special values');
    if (v !== -Infinity) {
      finiteCount++;
      if (v > mu) mu = v;
    }
  }
  if (finiteCount === 0) throw new RangeError('fastSoftmax: the row has no finite entry');

  const reference = new Float64Array(n);
  // Sum2: s + c accumulates the terms, c collecting every TwoSum error.
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v === -Infinity) continue;
    const d = v - mu;
    const virtualMu = d - v;
    const t = v - (d - virtualMu) + (-mu - virtualMu);
    const exp = Math.exp(d);
    const term = t === 0 ? exp : exp + exp * t;
    reference[i] = term;
    const sum = s + term;
    const virtualTerm = sum - s;
    c += s - (sum - virtualTerm) + (term - virtualTerm);
    s = sum;
  }
  const total = s + c;

  const beta = fastTierRelativeErrorBound(finiteCount);
  const margin = (beta + 2 ** -51) * (1 + 2 ** -40);
  const rounded = new Float32Array(n);
  const undecided: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v === -Infinity) continue;
    const y = reference[i]! / total;
    reference[i] = y;
    if (v - mu < ZERO_BELOW) continue;
    const e = y * margin;
    const r = roundIntervalToF32(y - e, y + e);
    if (r === undefined) {
      rounded[i] = y;
      undecided.push(i);
    } else {
      rounded[i] = r;
    }
  }
  return { rounded, reference, undecided, relativeErrorBound: beta };
}
