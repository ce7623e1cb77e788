import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fma32, pow2Saturating, roundEven, scalef32 } from '../../src/arith.js';

const f32Arb = fc.float({ noNaN: true, noDefaultInfinity: true });

/** Exact a*b + c of float32 values as a rational with denominator 2^300, then rounded to float32 by bits. */
function fmaReference(a: number, b: number, c: number): number {
  const SCALE = 300n;
  const toBig = (v: number): bigint => {
    // v is a float32: v = m * 2^e with |m| < 2^24, e >= -149; scale by 2^150 to make it an integer.
    return BigInt(v * 2 ** 150); // exact: float32 * 2^150 is an integer below 2^(128+150) < 2^1024
  };
  const exact = toBig(a) * toBig(b) + toBig(c) * 2n ** 150n; // units of 2^-300
  if (exact === 0n) return a * b + c; // sign of zero as IEEE: let the double decide (exact zero)
  const neg = exact < 0n;
  const mag = neg ? -exact : exact;
  // Find the float32 rounding of mag * 2^-300 by scanning its binade.
  const bits = mag.toString(2).length; // mag in [2^(bits-1), 2^bits)
  const e = bits - 1 - Number(SCALE); // value in [2^e, 2^(e+1))
  const keep = Math.max(e, -126) - 23; // exponent of the ulp
  const shift = BigInt(keep) + SCALE; // drop this many bits
  let q: bigint;
  if (shift <= 0n) q = mag << -shift;
  else {
    q = mag >> shift;
    const rem = mag - (q << shift);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  const r = Math.fround(Number(q) * 2 ** keep); // exact: q has at most 25 bits
  return neg ? -r : r;
}

describe('fma32', () => {
  it('equals the exactly rounded a*b + c (BigInt reference)', () => {
    fc.assert(
      fc.property(f32Arb, f32Arb, f32Arb, (a, b, c) => {
        const ref = fmaReference(a, b, c);
        const got = fma32(a, b, c);
        return Object.is(got, ref) || (got === ref && got !== 0) || (Number.isNaN(got) && Number.isNaN(ref));
      }),
      { numRuns: 20000 },
    );
  });

  it('decides double-rounding midpoints by the tail', () => {
    // a*b = (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 exactly: a float32 midpoint. Adding c = 2^-80
    // puts the exact sum just above it, but the binary64 sum rounds back onto the midpoint,
    // so fround(a*b + c) would round to even (down); the exact rounding is up.
    const a = 1 + 2 ** -12;
    const c = 2 ** -80;
    const above = 1 + 2 ** -11 + 2 ** -23;
    expect(Math.fround(a * a + c)).toBe(1 + 2 ** -11); // the double-rounding trap
    expect(fma32(a, a, c)).toBe(above);
    expect(fma32(-a, a, -c)).toBe(-above);
    expect(fma32(a, a, 0)).toBe(1 + 2 ** -11); // an exact tie goes to even
    expect(fma32(a, a, c)).toBe(fmaReference(a, a, c));
  });
});

describe('roundEven', () => {
  it('rounds halves to even and keeps signs', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2 ** 52 + 1, -0.2].map(roundEven)).toEqual([0, 2, 2, -0, -2, -2, 2 ** 52 + 1, -0]);
    expect(roundEven(-Infinity)).toBe(-Infinity);
  });
});

describe('pow2Saturating and scalef32', () => {
  it('are exact powers of two, saturate outside the double range and round once', () => {
    expect(pow2Saturating(-1074)).toBe(5e-324);
    expect(pow2Saturating(-1075)).toBe(0);
    expect(pow2Saturating(0)).toBe(1);
    expect(pow2Saturating(1023)).toBe(2 ** 1023);
    expect(pow2Saturating(1024)).toBe(Infinity);
    expect(pow2Saturating(NaN)).toBeNaN();
    expect(scalef32(1.5, -149)).toBe(2 ** -148); // 1.5 * 2^-149 rounds to even: 2 * 2^-149
    expect(scalef32(1, -150)).toBe(0); // exactly half the smallest subnormal rounds to even 0
    expect(scalef32(1.25, -Infinity)).toBe(0);
    expect(scalef32(1, 200)).toBe(Infinity);
  });
});
