/**
 * Error metrics of SPEC "Metrics": fractional ULP error against the exact
 * value, integer float32 step distance, and the exact sum-to-one deviation.
 */

import { f32ToBits, isFloat32, pow2 } from './float32-bits.js';
import { ulp32 } from '../src/float-bits.js';

/** The float32 grid spacing, defined once in src/float-bits.ts; the metrics below are in its units. */
export { ulp32 };

/**
 * Fractional error |y - exact| / ulp32(exact); 0.5 means correctly rounded.
 *
 * Both NaN: 0. Exactly one NaN, or an infinity against anything but the same
 * infinity: Infinity. Otherwise the one rounding is in fl(y - exact), whose
 * relative error is at most 2^-53 (none at all when y and exact are within a
 * factor 2, by Sterbenz's lemma); the division by a power of two is exact.
 * `exact` is itself a double approximation of the real value, so near a power
 * of two the binade of `exact` can differ from the real value's (see
 * softmaxOracle's reference bound for how close it is).
 */
export function ulpError(y: number, exact: number): number {
  const yNaN = Number.isNaN(y);
  const exactNaN = Number.isNaN(exact);
  if (yNaN || exactNaN) return yNaN && exactNaN ? 0 : Infinity;
  if (!Number.isFinite(y) || !Number.isFinite(exact)) return y === exact ? 0 : Infinity;
  return Math.abs(y - exact) / ulp32(exact);
}

/** Position of a float32 on the number line counted in float32 steps; +0 and -0 are both 0. */
function ordinal32(v: number): number {
  const bits = f32ToBits(v);
  return bits >>> 31 ? -(bits & 0x7fffffff) : bits;
}

/**
 * Number of float32 steps between two float32 values (sign-magnitude bit
 * patterns mapped to ordinals). +0 and -0 are one point; the infinities are
 * one step beyond +-FLT_MAX. NaN against NaN: 0; NaN against a number:
 * Infinity. Throws RangeError if an argument is not a float32.
 */
export function ulpDistance(a: number, b: number): number {
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN && bNaN ? 0 : Infinity;
  if (!isFloat32(a) || !isFloat32(b)) {
    throw new RangeError(`ulpDistance: arguments must be float32 values (got ${a}, ${b})`);
  }
  return Math.abs(ordinal32(a) - ordinal32(b));
}

// Per-binade mantissa sums stay exact integers in a double while their
// magnitude is below 2^53: 2^28 mantissas of < 2^24 each leave a factor 2 spare.
const FLUSH_EVERY = 2 ** 28;
const ONE_IN_UNITS_OF_2_POW_MINUS_149 = 1n << 149n;

/**
 * |sum_i y_i - 1| computed exactly, in units of 2^-24 (so 1 is one float32
 * ULP just below 1). Every float32 is an integer multiple of 2^-149; mantissas
 * are summed per exponent field as exact integers in doubles, and the per-field
 * sums are combined in BigInt on the 2^-149 grid. The only rounding is the final
 * conversion of the exact integer to a double. NaN if any y_i is NaN or infinite.
 */
export function sumToOneDeviation(y: Float32Array): number {
  const bits = new Uint32Array(y.buffer, y.byteOffset, y.length);
  // Field 0 (subnormals) has scale 2^-149; field f >= 1 has scale 2^(f-150).
  const fieldSums = new Float64Array(255);
  let total = -ONE_IN_UNITS_OF_2_POW_MINUS_149;
  const flush = (): void => {
    for (let field = 0; field < 255; field++) {
      const sum = fieldSums[field]!;
      if (sum !== 0) total += BigInt(sum) << BigInt(field === 0 ? 0 : field - 1);
    }
    fieldSums.fill(0);
  };
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i]!;
    const field = (b >>> 23) & 0xff;
    if (field === 0xff) return NaN;
    const mantissa = field === 0 ? b & 0x7fffff : (b & 0x7fffff) | 0x800000;
    fieldSums[field] += b >>> 31 ? -mantissa : mantissa;
    if ((i + 1) % FLUSH_EVERY === 0) flush();
  }
  flush();
  const deviation = total < 0n ? -total : total;
  return Number(deviation) / pow2(125);
}
