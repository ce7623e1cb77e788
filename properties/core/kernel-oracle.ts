// The oracle as one kernel's properties see it: exact values under the kernel's
// special-value policy, the declared bound of every element, and the per-element
// verdict that every accuracy property shares.

import { FLT_MIN_NORMAL } from '../../src/float-bits.js';
import { softmaxOracle, type OracleResult } from '../../oracles/oracle.js';
import { ulp32, ulpError } from '../../oracles/ulp.js';
import type { KernelSpec } from '../../src/spec/kernels.js';

export interface RowFacts {
  x: Float32Array;
  oracle: OracleResult;
  /** Declared max ULP error of each element. */
  bound: Float64Array;
  /** 'poisoned': NaN or +inf present; 'masked': all -inf; otherwise 'ordinary'. */
  kind: 'ordinary' | 'poisoned' | 'masked';
  /** Largest finite entry, and largest |finite entry|. */
  max: number;
  magnitude: number;
}

export interface ElementVerdict {
  ok: boolean;
  /** Fractional ULP error (0 for exact special outputs, Infinity for a wrong special). */
  ulp: number;
}

export class KernelOracle {
  private readonly cache = new WeakMap<Float32Array, RowFacts>();
  /** Elements decided by the exact tier, over every row this oracle saw. */
  fallbacks = 0;
  elements = 0;

  constructor(readonly spec: KernelSpec) {}

  facts(x: Float32Array): RowFacts {
    let f = this.cache.get(x);
    if (!f) {
      f = this.compute(x);
      this.cache.set(x, f);
    }
    return f;
  }

  private compute(x: Float32Array): RowFacts {
    let max = -Infinity;
    let magnitude = 0;
    let poisoned = false;
    for (const v of x) {
      if (v !== v || v === Infinity) poisoned = true;
      else if (v !== -Infinity) {
        if (v > max) max = v;
        magnitude = Math.max(magnitude, Math.abs(v));
      }
    }
    const kind = poisoned ? 'poisoned' : max === -Infinity ? 'masked' : 'ordinary';
    const oracle = softmaxOracle(x, { policy: this.spec.policy.masked });
    this.fallbacks += oracle.fallbacks;
    this.elements += x.length;
    const bound = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      bound[i] = this.spec.bound.maxUlp({ n: x.length, spread: Math.abs(x[i] - max), magnitude });
    }
    return { x, oracle, bound, kind, max, magnitude };
  }

  /**
   * Is y_i acceptable? NaN and exact-zero outputs of the special-value policy must
   * match exactly; a `flushed` kernel may return 0 where the exact value is below
   * 2^-126; otherwise the ULP error must be below the declared bound.
   */
  verdict(f: RowFacts, i: number, yi: number): ElementVerdict {
    const ref = f.oracle.reference[i];
    if (ref !== ref) return yi !== yi ? { ok: true, ulp: 0 } : { ok: false, ulp: Infinity };
    if (yi !== yi) return { ok: false, ulp: Infinity };
    if (f.x[i] === -Infinity || f.kind === 'masked') {
      return Object.is(yi, 0) ? { ok: true, ulp: 0 } : { ok: false, ulp: Infinity };
    }
    const ulp = ulpError(yi, ref);
    if (this.spec.policy.subnormals === 'flushed' && ref < FLT_MIN_NORMAL && yi >= 0 && yi <= FLT_MIN_NORMAL) return { ok: true, ulp: 0 };
    return { ok: ulp < f.bound[i], ulp };
  }
}

/**
 * How far an output may be from the exact value Y, in absolute terms: its bound in
 * ULP of Y, plus 2^-126 where a kernel that flushes subnormals may return 0 for Y < 2^-126.
 */
export function elementSlack(spec: KernelSpec, boundUlp: number, exact: number): number {
  const flush = spec.policy.subnormals === 'flushed' && exact < FLT_MIN_NORMAL ? FLT_MIN_NORMAL : 0;
  return boundUlp * ulp32(exact) + flush;
}
