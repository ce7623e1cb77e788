// Bit-level views of binary32 and binary64 values, exact powers of two and the float32
// grid spacing: the one place of the project that moves between a number and its IEEE 754
// encoding. It is foundation (imports nothing) because the kernels, the declared bounds
// (src/spec/error-bounds.ts), the oracle and the properties all need it.
//
// Typed-array views over one scratch buffer per format are the only exact way in
// JavaScript to read an encoding; exponents are read from the exponent field, never from
// Math.log2, which is not exact next to powers of two.

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

// 2^k for every k a double can hold, built by exact doubling and halving.
const POW2_MIN = -1074;
const POW2_MAX = 1023;
const pow2Table = (() => {
  const table = new Float64Array(POW2_MAX - POW2_MIN + 1);
  table[-POW2_MIN] = 1;
  for (let k = 1; k <= POW2_MAX; k++) table[k - POW2_MIN] = table[k - 1 - POW2_MIN]! * 2;
  for (let k = -1; k >= POW2_MIN; k--) table[k - POW2_MIN] = table[k + 1 - POW2_MIN]! / 2;
  return table;
})();

/** Exactly 2^k for an integer k in [-1074, 1023]; a RangeError naming k otherwise. */
export function pow2(k: number): number {
  if (!Number.isInteger(k) || k < POW2_MIN || k > POW2_MAX) {
    throw new RangeError(`pow2: exponent ${k} outside [${POW2_MIN}, ${POW2_MAX}]`);
  }
  return pow2Table[k - POW2_MIN]!;
}

/**
 * floor(log2 |v|) for a finite double with |v| >= 2^-1022, read from its exponent field.
 */
export function binadeExponent(v: number): number {
  f64View.setFloat64(0, v);
  const field = (f64View.getUint32(0) >>> 20) & 0x7ff;
  if (field === 0 || field === 0x7ff) {
    throw new RangeError(`binadeExponent: ${v} is zero, subnormal or not finite`);
  }
  return field - 1023;
}

/**
 * Float32 grid spacing at |v|: 2^(e-23) for |v| in [2^e, 2^(e+1)) with e >= -126, and
 * 2^-149 below 2^-126 (and at 0). A double that is not a float32 uses its own binade, so
 * ulp32(exact) is the spacing of the float32 grid around the exact value. NaN and the
 * infinities give NaN.
 */
export function ulp32(v: number): number {
  const magnitude = Math.abs(v);
  if (!(magnitude < Infinity)) return NaN;
  if (magnitude < FLT_MIN_NORMAL) return FLT_TRUE_MIN;
  return pow2(binadeExponent(magnitude) - 23);
}
