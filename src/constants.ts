// The one source of truth for every numeric constant a kernel uses, stored as
// bit patterns so no backend ever re-parses a decimal string. The wasm and
// native backends get them from code generated from this file.
//
// float32 constants: the exp approximation of XNNPACK's kernels (see
// docs/algorithms.md). float64 constants: the `accurate` recipe
// (docs/recipes.md).

import { bitsToF32, bitsToF64 } from './float-bits.js';

/** float32 constants of the `paper` recipe, as IEEE-754 binary32 bit patterns. */
export const PAPER_F32_BITS = {
  /** 0x1.715476p+0: log2(e) rounded to float32. */
  LOG2E: 0x3fb8aa3b,
  /** 0x1.8000FEp23: 1.5*2^23 + 127; adding it rounds to an integer pre-biased by 127. */
  MAGIC_BIAS: 0x4b40007f,
  /** -0x1.62E400p-1: high part of -ln2 for rr2 (9 trailing zero bits, so n*hi is exact for |n| <= 2^8). */
  MINUS_LN2_HI_RR2: 0xbf317200,
  /** -0x1.7F7D1Cp-20: low part of -ln2 for rr2. */
  MINUS_LN2_LO_RR2: 0xb5bfbe8e,
  /** -0x1.62E43p-1: -ln2 rounded to float32; hi part of the Two-Pass FMA pair. */
  MINUS_LN2_FMA: 0xbf317218,
  /** +0x1.05C61p-29: (float32(ln2) - ln2), the lo term of the Two-Pass FMA pair. */
  LN2_LO_FMA: 0x3102e308,
  /** p5 coefficients c1..c5 of p(t) ~ exp(t) on [-ln2/2, ln2/2]; c0 = 1. */
  C1: 0x3f7ffffb,
  C2: 0x3efffee3,
  C3: 0x3e2aad40,
  C4: 0x3d2b9d0d,
  C5: 0x3c07cfce,
  /** -0x1.5D589Ep6 = ln(2^-126): below it the magic-bias 2^n is not a normal float. */
  DENORM_CUTOFF: 0xc2aeac4f,
  /** +1.0 */
  ONE: 0x3f800000,
  /** Largest |x| whose x*log2e stays finite in float32 (Two-Pass input clamp). */
  TWO_PASS_X_LIMIT: 0x7f317217,
  /**
   * The Two-Pass reduced argument is clamped to [-2, 2]: there p5 stays positive and
   * finite, so a meaningless t (|x| > ~2^30) cannot give a negative or infinite m. Below
   * 2^24, |t| reaches ~1.2 (n = round(f32(x*log2e)) is off by more than 1/2 once |x| > 2^22),
   * so the clamp must not bite there.
   */
  TWO_PASS_T_LIMIT: 0x40000000,
  /** The canonical quiet NaN every kernel writes for a NaN row. */
  CANONICAL_NAN: 0x7fc00000,
} as const;

/**
 * float64 constants of the `accurate` recipe, version 3 (docs/recipes.md), as IEEE-754
 * binary64 bit patterns (hex). exp(x) = 2^n * T[j] * p(t) with k = roundEven(x * 16/ln2),
 * n = floor(k / 16), j = k - 16 n and t = x - k ln2/16.
 */
export const ACCURATE_F64_BITS = {
  /** 16/ln2 rounded to double (exactly 16 * fl(log2 e)): k = roundEven(x * LOG2E_16). */
  LOG2E_16: '40371547652B82FE',
  /** 1/16: n = floor(k * INV_TABLE_SIZE) is exact (a power of two, then an integer part). */
  INV_TABLE_SIZE: '3FB0000000000000',
  /** 16: j = k - n * TABLE_SIZE is exact, an integer in [0, 15]. */
  TABLE_SIZE: '4030000000000000',
  /**
   * ln2/16 rounded to 15 significant bits (0x1.62E4p-5 = 90852 * 2^-21): k * LN2_16_HI is
   * exact for |k| < 2^38, which covers |k| <= |x| 16/ln2 < 2^35.6 for |x| < REDUCTION_LIMIT.
   */
  LN2_16_HI: '3FA62E4000000000',
  /** ln2/16 - LN2_16_HI rounded to double (about 2^-23.4; the pair is ln2/16 to 2^-77). */
  LN2_16_LO: '3E77F7D1CF79ABCA',
  /**
   * |x| at or above which the reduced argument and the table index are set to 0 (m = 1): 2^31.
   * Below it the Cody-Waite reduction errs by < 2^-40; from it on float32 neighbours are at
   * least 128 apart, so exp ratios between distinct values are below 2^-184 and m does not matter.
   */
  REDUCTION_LIMIT: '41E0000000000000',
  /**
   * expm(d) takes max(d, EXPM_MIN_ARG) first (-708.5). It changes no result: every d <= -708.5
   * has n = floor(k/16) <= -1023, so 2^n is flushed and exp(d) is +0 either way; it makes
   * n >= -1023, so ports may build 2^n from integer bits without a clamp, and |d| small
   * enough for ROUND_SHIFT.
   */
  EXPM_MIN_ARG: 'C086240000000000',
  /**
   * 1.5 * 2^52: for |v| < 2^51, fl(v + ROUND_SHIFT) = ROUND_SHIFT + roundEven(v), its low
   * mantissa bits holding 2^51 + k. A port's exact alternative to roundEven in expm: j is
   * then the low 4 bits and n + 1023 = (bits >> 4) + 1023 modulo 2^12 (docs/recipes.md).
   */
  ROUND_SHIFT: '4338000000000000',
  /** The integer 1023 (binary64 exponent bias) as 64-bit lane bits (not meant as a double): n + 1023 is the biased exponent of 2^n. */
  EXPONENT_BIAS: '00000000000003FF',
  /** Initial exponent / maximum of an empty lane: finite and below every float32, so no -inf - -inf. */
  EMPTY_LANE: 'CC70000000000000',
  /** Taylor coefficients 1/k! rounded to double, k = 0..4 (Horner from c4 down; |t| <= ln2/32). */
  C0: '3FF0000000000000',
  C1: '3FF0000000000000',
  C2: '3FE0000000000000',
  C3: '3FC5555555555555',
  C4: '3FA5555555555555',
  /** 2^52 + 1023: adding it to an integer k in [-1023, 0] puts k + 1023 in the low mantissa bits. */
  POW2_MAGIC: '43300000000003FF',
  /** Exponents below this make 2^k exactly +0 (biased exponent 0). */
  POW2_MIN_EXPONENT: 'C08FF80000000000',
} as const;

/**
 * The accurate recipe's table: T[j] = 2^(j/16) rounded to double (RNE), j = 0..15, as
 * binary64 bit patterns (hex). Relative rounding errors are below 2^-53.4.
 */
export const ACCURATE_EXP2_TABLE_BITS = [
  '3FF0000000000000', '3FF0B5586CF9890F', '3FF172B83C7D517B', '3FF2387A6E756238',
  '3FF306FE0A31B715', '3FF3DEA64C123422', '3FF4BFDAD5362A27', '3FF5AB07DD485429',
  '3FF6A09E667F3BCD', '3FF7A11473EB0187', '3FF8ACE5422AA0DB', '3FF9C49182A3F090',
  '3FFAE89F995AD3AD', '3FFC199BDD85529C', '3FFD5818DCFBA487', '3FFEA4AFA2A490DA',
] as const;

/** Number of logical accumulator lanes of the accurate recipe, shared by every ISA. */
export const ACCURATE_LANES = 16;

/** The double whose binary64 encoding is the hex string (the spelling of ACCURATE_F64_BITS). */
export function f64FromHex(hex: string): number {
  return bitsToF64(BigInt('0x' + hex));
}

type Values<T> = { readonly [K in keyof T]: number };

function decode<T extends Record<string, number | string>>(table: T, from: (v: T[keyof T]) => number): Values<T> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(table)) out[k] = from(v as T[keyof T]);
  return Object.freeze(out) as Values<T>;
}

/** The paper constants as numbers (each exactly a float32). */
export const PAPER_F32 = decode(PAPER_F32_BITS, (b) => bitsToF32(b as number));
/** The accurate constants as numbers (doubles). */
export const ACCURATE_F64 = decode(ACCURATE_F64_BITS, (h) => f64FromHex(h as string));
/** The accurate table T[j] = 2^(j/16) as doubles. */
export const ACCURATE_EXP2_TABLE: readonly number[] = Object.freeze(ACCURATE_EXP2_TABLE_BITS.map(f64FromHex));
