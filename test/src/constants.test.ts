import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ACCURATE_F64, PAPER_F32, f32FromBits } from '../../src/constants.js';

/** Parses a C99 hex float such as -0x1.62E43p-1 exactly (the spelling docs/algorithms.md uses). */
function hexFloat(s: string): number {
  const m = /^(-?)0x([0-9a-f]+)\.?([0-9a-f]*)p([+-]?\d+)$/i.exec(s);
  if (!m) throw new Error(`not a hex float: ${s}`);
  const mantissa = BigInt('0x' + m[2] + m[3]);
  const value = Number(mantissa) * 2 ** (Number(m[4]) - 4 * m[3].length);
  return m[1] ? -value : value;
}

const D = Decimal.clone({ precision: 60 });

describe('paper constants are the paper values docs/algorithms.md gives', () => {
  const table: Array<[keyof typeof PAPER_F32, string]> = [
    ['LOG2E', '0x1.715476p+0'],
    ['MAGIC_BIAS', '0x1.8000FEp23'],
    ['MINUS_LN2_HI_RR2', '-0x1.62E400p-1'],
    ['MINUS_LN2_LO_RR2', '-0x1.7F7D1Cp-20'],
    ['MINUS_LN2_FMA', '-0x1.62E43p-1'],
    ['LN2_LO_FMA', '0x1.05C61p-29'],
    ['C1', '0x1.FFFFF6p-1'],
    ['C2', '0x1.FFFDC6p-2'],
    ['C3', '0x1.555A80p-3'],
    ['C4', '0x1.573A1Ap-5'],
    ['C5', '0x1.0F9F9Cp-7'],
    ['DENORM_CUTOFF', '-0x1.5D589Ep6'],
  ];
  it.each(table)('%s = %s', (name, hex) => {
    expect(PAPER_F32[name]).toBe(hexFloat(hex));
  });

  it('TWO_PASS_X_LIMIT is the largest float32 whose product with LOG2E is finite in float32', () => {
    const lim = PAPER_F32.TWO_PASS_X_LIMIT;
    expect(Number.isFinite(Math.fround(lim * PAPER_F32.LOG2E))).toBe(true);
    const next = f32FromBits(0x7f317217 + 1);
    expect(next).toBeGreaterThan(lim);
    expect(Math.fround(next * PAPER_F32.LOG2E)).toBe(Infinity);
  });
});

describe('accurate constants', () => {
  const ln2 = D.ln(2);
  it('LN2_HI has at most 21 significant bits and LN2_HI + LN2_LO is ln2 to 2^-80', () => {
    const hi = ACCURATE_F64.LN2_HI;
    expect(Number.isInteger(hi * 2 ** 21)).toBe(true); // hi in [0.5, 1): 21 bits after the point
    const err = ln2.minus(new D(hi)).minus(new D(ACCURATE_F64.LN2_LO)).abs();
    expect(err.lt(new D(2).pow(-80))).toBe(true);
  });
  it('LOG2E is 1/ln2 correctly rounded and C0..C9 are 1/k! correctly rounded', () => {
    expect(ACCURATE_F64.LOG2E).toBe(Number(new D(1).div(ln2).toString()));
    let fact = new D(1);
    const coefficients = [ACCURATE_F64.C0, ACCURATE_F64.C1, ACCURATE_F64.C2, ACCURATE_F64.C3, ACCURATE_F64.C4, ACCURATE_F64.C5, ACCURATE_F64.C6, ACCURATE_F64.C7, ACCURATE_F64.C8, ACCURATE_F64.C9];
    coefficients.forEach((c, k) => {
      if (k > 0) fact = fact.times(k);
      expect(c).toBe(Number(new D(1).div(fact).toString())); // JS parses decimal strings with correct rounding
    });
  });
  it('the pow2 bit construction constants and sentinels', () => {
    expect(ACCURATE_F64.POW2_MAGIC).toBe(2 ** 52 + 1023);
    expect(ACCURATE_F64.POW2_MIN_EXPONENT).toBe(-1023);
    expect(ACCURATE_F64.REDUCTION_LIMIT).toBe(2 ** 31);
    expect(ACCURATE_F64.EMPTY_LANE).toBe(-(2 ** 200));
  });
});
