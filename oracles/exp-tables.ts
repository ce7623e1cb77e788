/**
 * e^-a for distances a = mu - x >= 0 between float32 values, from tables.
 *
 * Every float32 is an integer multiple of 2^-149, so every such distance has
 * a finite binary expansion
 *     a = c + sum_{j=1..19} b_j * 2^(-8j)      (c integer, bytes b_j in 0..255;
 *                                                 19 bytes reach 2^-152)
 * and e^-a = E_0[c] * prod_j E_j[b_j] exactly, with E_0[c] = e^-c and
 * E_j[b] = e^(-b * 2^(-8j)). A term then costs at most 20 table lookups and
 * multiplications instead of a Taylor series: decimal.js exp takes 60-120 us
 * per call at 30-40 digits, which would make the exact sum over a 1e6-element
 * row take a minute.
 *
 * Each table exists twice: as Decimals (for numerators, which need relative
 * accuracy however small they are) and as fixed-point BigInts floor(E * 2^W)
 * (for the row sum, which is at least 1, so absolute accuracy suffices and
 * BigInt multiplication is about ten times faster than decimal.js).
 */

import type { Decimal, DecimalCtor } from './decimal-context.js';
import { Bound, decimalAt, unitRoundoff } from './decimal-context.js';
import { dyadicToDecimal } from './dyadic-decimal.js';
import { f32ToScaledBigInt } from './float32-bits.js';

/** Number of fraction bytes in a distance (8 * 19 = 152 >= 149). */
export const BYTE_LEVELS = 19;

const FRACTION_BITS = BigInt(8 * BYTE_LEVELS);
const FRACTION_MASK = (1n << FRACTION_BITS) - 1n;

/** The expansion of one distance; reused across calls so that the hot loop allocates nothing. */
export class DistanceSplit {
  /** floor(a); exact below 2^53, and far beyond any table when it is not. */
  integerPart = 0;
  /** bytes[j] for j = 1..levels; entries beyond `levels` are stale. */
  readonly bytes = new Uint8Array(BYTE_LEVELS + 1);
  /** Index of the last nonzero byte (0 when a is an integer). */
  levels = 0;
}

/** Fills `out` with the exact expansion of a = mu - x, for finite float32 values mu >= x. */
export function splitDistance(mu: number, x: number, out: DistanceSplit): DistanceSplit {
  const a = mu - x;
  // TwoSum: mu - x = a + residual exactly. The residual is nonzero only when
  // the exponents of mu and x are so far apart that the difference needs more
  // than 53 bits.
  const virtualX = a - mu;
  const residual = mu - (a - virtualX) + (-x - virtualX);
  if (residual === 0) {
    // a is this double: removing the integer part and scaling by 256 are
    // exact operations (Sterbenz's lemma; powers of two), so the bytes are exact.
    const c = Math.floor(a);
    let f = a - c;
    let level = 0;
    while (f !== 0) {
      level++;
      f *= 256;
      const b = Math.floor(f);
      out.bytes[level] = b;
      f -= b;
    }
    out.integerPart = c;
    out.levels = level;
    return out;
  }
  // Otherwise use the exact integers a * 2^152 from the float32 bits.
  const scaled = (f32ToScaledBigInt(mu) - f32ToScaledBigInt(x)) << 3n;
  let fraction = scaled & FRACTION_MASK;
  let level = 0;
  while (fraction !== 0n) {
    level++;
    const shift = FRACTION_BITS - BigInt(8 * level);
    out.bytes[level] = Number(fraction >> shift);
    fraction &= (1n << shift) - 1n;
  }
  out.integerPart = Number(scaled >> FRACTION_BITS);
  out.levels = level;
  return out;
}

/**
 * e^-h for an exact 0 < h <= 1 by the Taylor series of e^h (all terms
 * positive) and one division, with a rigorous relative error bound.
 */
function expMinusTaylor(D: DecimalCtor, digits: number, h: Decimal): { value: Decimal; relError: Decimal } {
  const u = unitRoundoff(digits);
  const stop = new D(`1e-${digits + 2}`);
  let term = new D(1);
  let sum = new D(1);
  let m = 0;
  while (term.gte(stop)) {
    m++;
    term = term.times(h).div(m);
    sum = sum.plus(term);
  }
  // term_m carries 2m roundings, the running sum m more: relative error of sum
  // against sum_{i<=m} h^i/i! is below 3.02*m*u (all terms positive). The tail
  // sum_{i>m} h^i/i! <= 2 * h^(m+1)/(m+1)! < 2 * term_m * 1.01 < 3 * stop, and
  // sum >= 1. The reciprocal adds one rounding.
  const relError = new Bound(m).times(4).times(u).plus(new Bound(stop).times(3)).plus(u).times(1.01);
  return { value: new D(1).div(sum), relError };
}

/**
 * Tables for one fixed-point width W. Decimal entries carry `digits`
 * significant digits and relative error at most `entryError`; fixed-point
 * entries are floor(E * 2^W) of those decimals, so they are within
 * entryError + 2^-W of E (every E is at most 1).
 */
export class ExpTables {
  readonly width: number;
  readonly digits: number;
  /** E_0 has entries e^-c for 0 <= c < integerLimit. */
  readonly integerLimit: number;
  readonly entryError: Decimal;

  private readonly D: DecimalCtor;
  private readonly toFixedCtor: DecimalCtor;
  private readonly scale: Decimal;
  private readonly widthBig: bigint;
  private readonly decimalLevels: Decimal[][] = [];
  private readonly fixedLevels: bigint[][] = [];
  private readonly baseValues: Decimal[] = [];

  constructor(width: number) {
    this.width = width;
    this.widthBig = BigInt(width);
    // Decimal entries must resolve 2^-W with room to spare: W*log10(2) digits plus 16 guard digits.
    this.digits = Math.ceil(width * Math.log10(2)) + 16;
    // e^-c below 2^-W / 2^40 is negligible in any row sum of up to 2^40 terms;
    // numerators need e^-c down to c = 745 (below that, Y_i < 2^-1075 rounds to 0 in double).
    this.integerLimit = Math.max(746, Math.ceil((width + 40) * Math.LN2) + 1);
    this.D = decimalAt(this.digits);
    const scaleDigits = Math.ceil(width * Math.log10(2)) + 1;
    // digits + scaleDigits digits hold the product of an entry and 2^W exactly.
    this.toFixedCtor = decimalAt(this.digits + scaleDigits);
    this.scale = new this.toFixedCtor((1n << this.widthBig).toString());

    // Bases e^-1 and e^-(2^-8j): Taylor to 10 more digits, then rounded to
    // `digits` (multiplying by 1 rounds to the receiver's precision).
    const baseDigits = this.digits + 10;
    const B = decimalAt(baseDigits);
    let baseError = new Bound(0);
    for (let level = 0; level <= BYTE_LEVELS; level++) {
      const h = level === 0 ? new B(1) : dyadicToDecimal(B, 1n, -8 * level);
      const { value, relError } = expMinusTaylor(B, baseDigits, h);
      this.baseValues.push(new this.D(1).times(value));
      if (relError.gt(baseError)) baseError = relError;
    }
    // A base has relative error baseError + u; entry k of a level is entry k-1
    // times the base, rounded, so its error is below k * (baseError + 2u) * 1.01
    // while that is tiny (it is below 10^-20 here).
    const largestIndex = Math.max(255, this.integerLimit - 1);
    const u = unitRoundoff(this.digits);
    this.entryError = new Bound(largestIndex).times(baseError.plus(u).plus(u)).times(1.01);
  }

  /** Decimal entry E_level[index] (index < integerLimit on level 0, <= 255 on the byte levels). */
  decimal(level: number, index: number): Decimal {
    return this.decimalLevel(level)[index]!;
  }

  /** floor(E_level[index] * 2^W). */
  fixed(level: number, index: number): bigint {
    let table = this.fixedLevels[level];
    if (table === undefined) {
      table = this.decimalLevel(level).map((e) => BigInt(new this.toFixedCtor(e).times(this.scale).toFixed(0, 1)));
      this.fixedLevels[level] = table;
    }
    return table[index]!;
  }

  private decimalLevel(level: number): Decimal[] {
    let table = this.decimalLevels[level];
    if (table === undefined) {
      const size = level === 0 ? this.integerLimit : 256;
      const base = this.baseValues[level]!;
      table = [new this.D(1), base];
      for (let k = 2; k < size; k++) table.push(table[k - 1]!.times(base));
      this.decimalLevels[level] = table;
    }
    return table;
  }
}

const tablesByWidth = new Map<number, ExpTables>();

/** Tables for fixed-point width `width`, built once per width (entries lazily, one level at a time). */
export function expTablesFor(width: number): ExpTables {
  let tables = tablesByWidth.get(width);
  if (tables === undefined) {
    tables = new ExpTables(width);
    tablesByWidth.set(width, tables);
  }
  return tables;
}
