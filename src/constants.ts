// The one source of truth for every numeric constant a kernel uses, stored as
// bit patterns so no backend ever re-parses a decimal string. The wasm and
// native backends get them from code generated from this file.
//
// float32 constants: the exp approximation of XNNPACK's kernels (see
// docs/algorithms.md). float64 constants: the `accurate` recipe
// (docs/recipes.md).

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

/** float64 constants of the `accurate` recipe, as IEEE-754 binary64 bit patterns (hex). */
export const ACCURATE_F64_BITS = {
  /** log2(e) rounded to double. */
  LOG2E: '3FF71547652B82FE',
  /** ln2 rounded to 21 significant bits (0x1.62E43p-1): n*LN2_HI is exact for |n| < 2^32. */
  LN2_HI: '3FE62E4300000000',
  /** ln2 - LN2_HI rounded to double (negative). */
  LN2_LO: 'BE205C610B4E8BD9',
  /**
   * |x| at or above which the reduced argument is set to 0 (m = 1): 2^31. Below it the
   * Cody-Waite reduction is exact to ~2^-43; above it float32 neighbours are at least 128
   * apart, so exp ratios between distinct values are below 2^-184 and m does not matter.
   */
  REDUCTION_LIMIT: '41E0000000000000',
  /** Initial exponent / maximum of an empty lane: finite and below every float32, so no -inf - -inf. */
  EMPTY_LANE: 'CC70000000000000',
  /** Taylor coefficients 1/k! rounded to double, k = 0..9 (Horner from c9 down). */
  C0: '3FF0000000000000',
  C1: '3FF0000000000000',
  C2: '3FE0000000000000',
  C3: '3FC5555555555555',
  C4: '3FA5555555555555',
  C5: '3F81111111111111',
  C6: '3F56C16C16C16C17',
  C7: '3F2A01A01A01A01A',
  C8: '3EFA01A01A01A01A',
  C9: '3EC71DE3A556C734',
  /** 2^52 + 1023: adding it to an integer k in [-1023, 0] puts k + 1023 in the low mantissa bits. */
  POW2_MAGIC: '43300000000003FF',
  /** Exponents below this make 2^k exactly +0 (biased exponent 0). */
  POW2_MIN_EXPONENT: 'C08FF80000000000',
} as const;

/** Number of logical accumulator lanes of the accurate recipe, shared by every ISA. */
export const ACCURATE_LANES = 16;

const f32View = new Float32Array(1);
const u32View = new Uint32Array(f32View.buffer);
const f64View = new Float64Array(1);
const u64View = new BigUint64Array(f64View.buffer);

export function f32FromBits(bits: number): number {
  u32View[0] = bits >>> 0;
  return f32View[0];
}

export function f64FromHex(hex: string): number {
  u64View[0] = BigInt('0x' + hex);
  return f64View[0];
}

type Values<T> = { readonly [K in keyof T]: number };

function decode<T extends Record<string, number | string>>(table: T, from: (v: T[keyof T]) => number): Values<T> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(table)) out[k] = from(v as T[keyof T]);
  return Object.freeze(out) as Values<T>;
}

/** The paper constants as numbers (each exactly a float32). */
export const PAPER_F32 = decode(PAPER_F32_BITS, (b) => f32FromBits(b as number));
/** The accurate constants as numbers (doubles). */
export const ACCURATE_F64 = decode(ACCURATE_F64_BITS, (h) => f64FromHex(h as string));
