import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FLT_MAX,
  FLT_MIN_NORMAL,
  FLT_TRUE_MIN,
  binadeExponent,
  bitsToF32,
  bitsToF64,
  decomposeF64,
  f32ToBits,
  f32ToScaledBigInt,
  f64ToBits,
  isFloat32,
  nextDown32,
  nextUp32,
  pow2,
} from '../../oracles/float32-bits.js';

const SEED = 20240601;
const f32 = fc.float({ noNaN: true, noDefaultInfinity: true });

describe('bit patterns', () => {
  it('encodes the landmark float32 values', () => {
    expect(f32ToBits(1)).toBe(0x3f800000);
    expect(f32ToBits(-0)).toBe(0x80000000);
    expect(f32ToBits(FLT_TRUE_MIN)).toBe(1);
    expect(f32ToBits(FLT_MIN_NORMAL)).toBe(0x00800000);
    expect(f32ToBits(FLT_MAX)).toBe(0x7f7fffff);
    expect(f32ToBits(Infinity)).toBe(0x7f800000);
    expect(bitsToF32(0x7f7fffff)).toBe(FLT_MAX);
    expect(Object.is(bitsToF32(0x80000000), -0)).toBe(true);
    expect(f64ToBits(1)).toBe(0x3ff0000000000000n);
    expect(bitsToF64(1n)).toBe(2 ** -1074);
  });

  it('round-trips every float32 and double', () => {
    fc.assert(fc.property(f32, (v) => Object.is(bitsToF32(f32ToBits(v)), v)), { seed: SEED });
    fc.assert(fc.property(fc.double({ noNaN: true }), (v) => Object.is(bitsToF64(f64ToBits(v)), v)), { seed: SEED });
  });

  it('isFloat32 accepts float32 values and rejects other doubles', () => {
    expect(isFloat32(0.5)).toBe(true);
    expect(isFloat32(NaN)).toBe(true);
    expect(isFloat32(-Infinity)).toBe(true);
    expect(isFloat32(0.1)).toBe(false);
    expect(isFloat32(2 ** -150)).toBe(false);
  });
});

describe('nextUp32 / nextDown32', () => {
  it('steps through zero, the subnormals and the binade boundaries', () => {
    expect(nextUp32(0)).toBe(FLT_TRUE_MIN);
    expect(nextUp32(-0)).toBe(FLT_TRUE_MIN);
    expect(nextDown32(0)).toBe(-FLT_TRUE_MIN);
    expect(Object.is(nextUp32(-FLT_TRUE_MIN), -0)).toBe(true);
    expect(nextUp32(FLT_MIN_NORMAL - FLT_TRUE_MIN)).toBe(FLT_MIN_NORMAL);
    expect(nextDown32(FLT_MIN_NORMAL)).toBe(FLT_MIN_NORMAL - FLT_TRUE_MIN);
    expect(nextUp32(1)).toBe(1 + 2 ** -23);
    expect(nextDown32(1)).toBe(1 - 2 ** -24);
    expect(nextUp32(FLT_MAX)).toBe(Infinity);
    expect(nextUp32(Infinity)).toBe(Infinity);
    expect(nextUp32(-Infinity)).toBe(-FLT_MAX);
    expect(nextDown32(-FLT_MAX)).toBe(-Infinity);
    expect(nextUp32(NaN)).toBeNaN();
  });

  it('gives the nearest float32 strictly beyond a double that is not a float32', () => {
    expect(nextUp32(1 + 2 ** -30)).toBe(1 + 2 ** -23);
    expect(nextDown32(1 + 2 ** -30)).toBe(1);
    expect(nextUp32(2 ** -150)).toBe(FLT_TRUE_MIN);
    expect(nextDown32(2 ** -150)).toBe(0);
  });

  it('are inverse neighbours one bit pattern apart', () => {
    fc.assert(
      fc.property(f32, (v) => {
        const up = nextUp32(v);
        if (up === Infinity) return v === FLT_MAX;
        return up > v && nextDown32(up) === (v === 0 ? 0 : v);
      }),
      { seed: SEED },
    );
  });
});

describe('exact dyadic views', () => {
  it('f32ToScaledBigInt is v * 2^149 from the bits', () => {
    expect(f32ToScaledBigInt(1)).toBe(1n << 149n);
    expect(f32ToScaledBigInt(FLT_TRUE_MIN)).toBe(1n);
    expect(f32ToScaledBigInt(-FLT_MAX)).toBe(-((2n ** 24n - 1n) << (104n + 149n)));
    // v * 2^149 is an integer below 2^277, exact in double: an independent route.
    fc.assert(fc.property(f32, (v) => f32ToScaledBigInt(v) === BigInt(v * 2 ** 149)), { seed: SEED });
    expect(() => f32ToScaledBigInt(0.1)).toThrow(RangeError);
    expect(() => f32ToScaledBigInt(Infinity)).toThrow(RangeError);
  });

  it('decomposeF64 gives mantissa * 2^exponent exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const { mantissa, exponent } = decomposeF64(v);
        // |mantissa| < 2^53 and exponent >= -1074, so this product is exact.
        return Number(mantissa) * 2 ** exponent === v && exponent >= -1074;
      }),
      { seed: SEED },
    );
    expect(decomposeF64(1.5)).toEqual({ mantissa: 3n << 51n, exponent: -52 });
    expect(decomposeF64(2 ** -1074)).toEqual({ mantissa: 1n, exponent: -1074 });
  });

  it('pow2 and binadeExponent are exact at every exponent', () => {
    for (let k = -1074; k <= 1023; k++) expect(pow2(k)).toBe(2 ** k);
    expect(() => pow2(1024)).toThrow(RangeError);
    expect(binadeExponent(1)).toBe(0);
    expect(binadeExponent(1 - 2 ** -53)).toBe(-1);
    expect(binadeExponent(-3)).toBe(1);
    expect(binadeExponent(2 ** -1022)).toBe(-1022);
    expect(() => binadeExponent(2 ** -1023)).toThrow(RangeError);
  });
});
