/**
 * The oracle's float32 helpers on top of the project's bit conversions (src/float-bits.ts,
 * re-exported here so the oracle reads as one module): neighbours on the float32 grid
 * and exact integer decompositions of float32 and binary64 values.
 */

export { FLT_MAX, FLT_MIN_NORMAL, FLT_TRUE_MIN, binadeExponent, bitsToF32, bitsToF64, f32ToBits, f64ToBits, pow2 } from '../src/float-bits.js';
import { FLT_TRUE_MIN, bitsToF32, f32ToBits, f64ToBits } from '../src/float-bits.js';

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
