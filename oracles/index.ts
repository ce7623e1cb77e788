/** The oracle's public surface: the softmax oracle, its two tiers, and the error metrics. */

export { softmaxOracle, FallbackTally } from './oracle.js';
export type { AllMaskedPolicy, OracleOptions, OracleResult } from './oracle.js';
export { ulp32, ulpError, ulpDistance, sumToOneDeviation } from './ulp.js';
export { fastSoftmax, fastTierRelativeErrorBound } from './fast-float64.js';
export type { FastTierResult } from './fast-float64.js';
export {
  ExactSoftmaxRow,
  exactSoftmax,
  exactSoftmaxElement,
  exactSoftmaxAtPrecision,
  INITIAL_DIGITS,
  MAX_DIGITS,
} from './exact-decimal.js';
export type { ExactElement, ExactEvaluation } from './exact-decimal.js';
export { roundRationalToF32, roundDecimalToF32, roundIntervalToF32 } from './f32-rounding.js';
export {
  FLT_MAX,
  FLT_MIN_NORMAL,
  FLT_TRUE_MIN,
  f32ToBits,
  bitsToF32,
  f64ToBits,
  bitsToF64,
  isFloat32,
  nextUp32,
  nextDown32,
} from './float32-bits.js';
