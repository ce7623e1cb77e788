import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ACCURATE_EXP2_TABLE, ACCURATE_F64, PAPER_F32 } from '../../src/constants.js';
import { bitsToF32 } from '../../src/float-bits.js';

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
    const next = bitsToF32(0x7f317217 + 1);
    expect(next).toBeGreaterThan(lim);
    expect(Math.fround(next * PAPER_F32.LOG2E)).toBe(Infinity);
  });
});

/** The exact value of a double, as a Decimal (decimal.js reads a number through its shortest decimal string). */
function exact(x: number): Decimal {
  if (x === 0) return new D(0);
  const [mantissa, exponent] = (() => {
    let e = 0;
    let m = Math.abs(x);
    while (!Number.isInteger(m)) (m *= 2), e--;
    return [m, e];
  })();
  const v = new D(BigInt(mantissa).toString()).times(new D(2).pow(exponent));
  return x < 0 ? v.neg() : v;
}

describe('accurate constants (recipe v3)', () => {
  const ln2 = D.ln(2);
  const ln2Over16 = ln2.div(16);
  it('LN2_16_HI has at most 15 significant bits and LN2_16_HI + LN2_16_LO is ln2/16 to 2^-76', () => {
    const hi = ACCURATE_F64.LN2_16_HI;
    // hi * 2^21 is an integer below 2^17 with two trailing zero bits: 15 significant bits.
    expect(Number.isInteger(hi * 2 ** 21)).toBe(true);
    expect(hi * 2 ** 21 < 2 ** 17).toBe(true);
    expect((hi * 2 ** 21) % 4).toBe(0);
    // |k| < 2^36 for |x| < REDUCTION_LIMIT, so k * hi has at most 51 significant bits: exact.
    expect(Math.abs(ACCURATE_F64.REDUCTION_LIMIT * ACCURATE_F64.LOG2E_16) < 2 ** 36).toBe(true);
    const err = ln2Over16.minus(exact(hi)).minus(exact(ACCURATE_F64.LN2_16_LO)).abs();
    expect(err.lt(new D(2).pow(-76))).toBe(true);
  });
  it('LOG2E_16 is 16/ln2 correctly rounded; the table size constants are 16 and 1/16', () => {
    expect(ACCURATE_F64.LOG2E_16).toBe(Number(new D(16).div(ln2).toString()));
    expect(ACCURATE_F64.TABLE_SIZE).toBe(16);
    expect(ACCURATE_F64.INV_TABLE_SIZE).toBe(1 / 16);
  });
  it('C0..C4 are 1/k! correctly rounded', () => {
    let fact = new D(1);
    const coefficients = [ACCURATE_F64.C0, ACCURATE_F64.C1, ACCURATE_F64.C2, ACCURATE_F64.C3, ACCURATE_F64.C4];
    coefficients.forEach((c, k) => {
      if (k > 0) fact = fact.times(k);
      expect(c).toBe(Number(new D(1).div(fact).toString())); // JS parses decimal strings with correct rounding
    });
  });
  it('T[j] is 2^(j/16) correctly rounded, j = 0..15', () => {
    expect(ACCURATE_EXP2_TABLE.length).toBe(16);
    ACCURATE_EXP2_TABLE.forEach((t, j) => {
      const want = new D(2).pow(new D(j).div(16));
      expect(t).toBe(Number(want.toString()));
      expect(exact(t).minus(want).abs().div(want).lt(new D(2).pow(-53.4))).toBe(true); // the bound docs/recipes.md uses
    });
  });
  it('degree 4 on |t| <= ln2/32 (1 + 2^-15) has relative truncation error below 2^-34.4', () => {
    const edge = ln2.div(32).times(new D(1).plus(new D(2).pow(-15)));
    for (const t of [edge, edge.neg()]) {
      let p = new D(0);
      let fact = new D(1);
      for (let k = 0; k <= 4; k++) {
        if (k > 0) fact = fact.times(k);
        p = p.plus(t.pow(k).div(fact));
      }
      const e = D.exp(t);
      expect(e.minus(p).div(e).abs().lt(new D(2).pow(-34.4))).toBe(true);
    }
  });
  it('the pow2 bit construction constants and sentinels', () => {
    expect(ACCURATE_F64.POW2_MAGIC).toBe(2 ** 52 + 1023);
    expect(ACCURATE_F64.POW2_MIN_EXPONENT).toBe(-1023);
    expect(ACCURATE_F64.REDUCTION_LIMIT).toBe(2 ** 31);
    expect(ACCURATE_F64.EMPTY_LANE).toBe(-(2 ** 200));
  });
});
