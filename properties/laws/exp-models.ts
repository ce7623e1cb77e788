// The per-element exp arithmetic each paper kernel declares (KernelSpec.expModel), as the
// exp-identity property observes it. On a probe row (row maximum 0, every other entry so far
// below it that the float32 sum cannot depend on the summation order: properties/families/row-families.ts,
// `exp-probe`) every kernel computes r = fl(1 / fl(k + sum of terms)) and then each output from
// its own entry alone, so these two functions predict every output bit for bit.

import { fround, pow2Saturating, scalef32 } from '../../src/arith.js';
import type { ExpModel } from '../../src/spec/kernel-spec.js';
import { expMinusRr1P5Fma, expMinusRr2P5, ext, extExpP5, extExpRr2P5, scalePow2Bits } from '../../src/kernels/scalar/exp-paper.js';

export interface ExpModelEval {
  /** What entry d adds to the row's sum: exp(d - max) with max = 0, or Two-Pass's m * 2^n (exact, in binary64). */
  term(d: number): number;
  /** The output for entry d, given r = fl(1/sum): exp(d)*r, or Two-Pass's scale(m*r, n - n_s) with n_s = 0. */
  output(d: number, r: number): number;
}

/** Three-Pass (both) and Online: y = fl(exp(x_i - max) * r); x_i - max = d exactly when max = 0. */
function minusMax(exp: (d: number) => number): ExpModelEval {
  return { term: exp, output: (d, r) => fround(exp(d) * r) };
}

/** Two-Pass: y = scale(fl(m * r), n - n_s); the probe row's zeros make n_s = 0. */
function extExp(pair: (x: number) => void, scale: (m: number, k: number) => number): ExpModelEval {
  return {
    term(d) {
      pair(d);
      return ext.m * pow2Saturating(ext.n);
    },
    output(d, r) {
      pair(d);
      return scale(fround(ext.m * r), ext.n);
    },
  };
}

/** The same functions the scalar paper kernels (paper.ts) run, and their port variants. */
export const EXP_MODELS: Readonly<Record<ExpModel, ExpModelEval>> = {
  'rr2-p5': minusMax(expMinusRr2P5),
  'rr1-p5-fma': minusMax(expMinusRr1P5Fma),
  'extexp-rr2-p5-fma-scalef': extExp(extExpP5, scalef32),
  'extexp-rr2-p5-fma-pow2bits': extExp(extExpP5, scalePow2Bits),
  'extexp-rr2-p5-pow2bits': extExp(extExpRr2P5, scalePow2Bits),
};
