/**
 * Bit-level views of binary32 and binary64 values, and exact powers of two.
 *
 * Typed-array views over one shared scratch buffer per format are the only
 * exact way in JavaScript to move between a number and its IEEE 754 encoding;
 * everything else in the oracle that needs bits goes through this module.
 */

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);
const f64Scratch = new Float64Array(1);
const u64Scratch = new BigUint64Array(f64Scratch.buffer);
// Big-endian by default, so word 0 is the sign/exponent word on every platform.
const f64View = new DataView(new ArrayBuffer(8));

/** Largest finite float32, (2 - 2^-23) * 2^127. */
export const FLT_MAX = 3.4028234663852886e38;
/** Smallest positive normal float32, 2^-126. */
export const FLT_MIN_NORMAL = 2 ** -126;
/** Smallest positive subnormal float32, 2^-149: the float32 grid spacing below 2^-126. */
export const FLT_TRUE_MIN = 2 ** -149;

/** The binary32 encoding of `v` (rounded to float32 first), as an unsigned 32-bit integer. */
export function f32ToBits(v: number): number {
  f32Scratch[0] = v;
  return u32Scratch[0]!;
}

/** The float32 whose encoding is the low 32 bits of `bits`. */
export function bitsToF32(bits: number): number {
  u32Scratch[0] = bits >>> 0;
  return f32Scratch[0]!;
}

/** The binary64 encoding of `v`, as an unsigned 64-bit BigInt. */
export function f64ToBits(v: number): bigint {
  f64Scratch[0] = v;
  return u64Scratch[0]!;
}

/** The double whose encoding is the low 64 bits of `bits`. */
export function bitsToF64(bits: bigint): number {
  u64Scratch[0] = BigInt.asUintN(64, bits);
  return f64Scratch[0]!;
}

/** True when `v` is exactly representable in binary32 (NaN and the infinities included). */
export function isFloat32(v: number): boolean {
  return Number.isNaN(v) || Math.fround(v) === v;
}

/**
 * Smallest float32 strictly greater than `v` (any double). NaN gives NaN and
 * +Infinity gives +Infinity; both zeros step to 2^-149, and -2^-149 steps to -0.
 */
export function nextUp32(v: number): number {
  if (Number.isNaN(v) || v === Infinity) return v;
  const r = Math.fround(v);
  if (r > v) return r;
  if (r === 0) return FLT_TRUE_MIN;
  // Positive encodings grow with the value, negative ones shrink.
  const bits = f32ToBits(r);
  return bitsToF32(r > 0 ? bits + 1 : bits - 1);
}

/** Largest float32 strictly less than `v` (any double); the mirror image of nextUp32. */
export function nextDown32(v: number): number {
  return -nextUp32(-v);
}

/**
 * Exactly v * 2^149 as a BigInt, read from the float32 bits of `v` (integer
 * mantissa times a power of two). Every finite float32 is an integer multiple
 * of 2^-149, so this is the exact value of `v` on a common fixed-point grid.
 */
export function f32ToScaledBigInt(v: number): bigint {
  if (!Number.isFinite(v) || !isFloat32(v)) {
    throw new RangeError(`f32ToScaledBigInt: ${v} is not a finite float32`);
  }
  const bits = f32ToBits(v);
  const field = (bits >>> 23) & 0xff;
  const fraction = bits & 0x7fffff;
  // Subnormals have no hidden bit and the same scale as the lowest normal binade.
  const mantissa = BigInt(field === 0 ? fraction : fraction | 0x800000);
  const scaled = field === 0 ? mantissa : mantissa << BigInt(field - 1);
  return bits >>> 31 ? -scaled : scaled;
}

/**
 * The exact dyadic decomposition of a finite double: v = mantissa * 2^exponent
 * with an integer mantissa (BigInt, signed). Used to build exact decimals.
 */
export function decomposeF64(v: number): { mantissa: bigint; exponent: number } {
  if (!Number.isFinite(v)) throw new RangeError(`decomposeF64: ${v} is not finite`);
  const bits = f64ToBits(v);
  const field = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const magnitude = field === 0 ? fraction : fraction | 0x10000000000000n;
  const exponent = (field === 0 ? 1 : field) - 1075;
  return { mantissa: bits >> 63n ? -magnitude : magnitude, exponent };
}

// 2^k for every k a double can hold, built by exact halving and doubling.
const POW2_MIN = -1074;
const POW2_MAX = 1023;
const pow2Table = (() => {
  const table = new Float64Array(POW2_MAX - POW2_MIN + 1);
  table[-POW2_MIN] = 1;
  for (let k = 1; k <= POW2_MAX; k++) table[k - POW2_MIN] = table[k - 1 - POW2_MIN]! * 2;
  for (let k = -1; k >= POW2_MIN; k--) table[k - POW2_MIN] = table[k + 1 - POW2_MIN]! / 2;
  return table;
})();

/** Exactly 2^k for an integer k in [-1074, 1023]. */
export function pow2(k: number): number {
  if (!Number.isInteger(k) || k < POW2_MIN || k > POW2_MAX) {
    throw new RangeError(`pow2: exponent ${k} outside [${POW2_MIN}, ${POW2_MAX}]`);
  }
  return pow2Table[k - POW2_MIN]!;
}

/**
 * floor(log2 |v|) for a finite double with |v| >= 2^-1022, read from its
 * exponent field (Math.log2 is not exact next to powers of two).
 */
export function binadeExponent(v: number): number {
  f64View.setFloat64(0, v);
  const field = (f64View.getUint32(0) >>> 20) & 0x7ff;
  if (field === 0 || field === 0x7ff) {
    throw new RangeError(`binadeExponent: ${v} is zero, subnormal or not finite`);
  }
  return field - 1023;
}
