// The shape of a kernel's metadata and the builders the per-ISA tables use.

import { ACCURATE_LANES } from '../constants.js';
import {
  FAITHFUL,
  FAITHFUL_RELOAD,
  type ErrorBound,
} from './error-bounds.js';
import { formatKernelId, type Algorithm, type Isa, type KernelIsa, type Recipe } from './kernel-id.js';

export interface SpecialValuePolicy {
  /** Output for a row whose entries are all -inf: NaN, or all +0 (masked-safe). */
  masked: 'nan' | 'zero';
  /** Outputs whose exact value is below 2^-126: rounded as subnormals, or possibly flushed to 0. */
  subnormals: 'produced' | 'flushed';
}

/**
 * The float32 exp arithmetic a paper kernel evaluates per element, operation by operation
 * (docs/recipes.md, "The paper recipe"; scalar models in properties/laws/exp-models.ts).
 * The exp-identity property holds every paper kernel to its model bit for bit.
 * - `rr2-p5`: exp(d), d <= 0: magic-bias n (mul, then add), rr2 reduction without FMA,
 *   p5 without FMA, 2^n from the magic-bias bits, 0 below DENORM_CUTOFF.
 * - `rr1-p5-fma`: the same steps with FMA: n by one fused d*LOG2E + MAGIC_BIAS, one-constant
 *   reduction t = fma(n, -ln2, d), p5 and the reconstruction fused.
 * - `extexp-rr2-p5-fma-{scalef,pow2bits}`: Two-Pass (m, n): n = roundEven(x*LOG2E), the FMA
 *   pair (-ln2_hi, +ln2_lo), p5 with FMA down to c0 = 1; outputs scaled by VSCALEFPS
 *   (subnormals produced) or by 2^k built from float32 bits (0 below 2^-126).
 * - `extexp-rr2-p5-pow2bits`: the same pair and polynomial without FMA (rr2 constants).
 */
export type ExpModel =
  | 'rr2-p5'
  | 'rr1-p5-fma'
  | 'extexp-rr2-p5-fma-scalef'
  | 'extexp-rr2-p5-fma-pow2bits'
  | 'extexp-rr2-p5-pow2bits';

/**
 * How a builtin kernel's main loop walks the row: each step loads `unroll` vectors of
 * `vector` lanes and feeds them into `accumulators` independent vector accumulators. The C
 * templates and the AssemblyScript kernels read these numbers from tables generated from
 * this spec (scripts/gen-kernel-tables.ts), so they cannot drift from the declared tile and
 * bounds.
 */
export interface LoopShape {
  /** Lanes per vector in the kernel's arithmetic type (float32 for paper, binary64 for accurate); 1 for scalar code. */
  vector: number;
  /** Vectors per main-loop step. */
  unroll: number;
  /** Independent vector accumulators the step feeds (vector k of a step goes to accumulator k). */
  accumulators: number;
}

export interface KernelSpec {
  id: string;
  algorithm: Algorithm;
  isa: KernelIsa;
  recipe: Recipe;
  /** Elements per main-loop step (shape.unroll * shape.vector); tests sweep tails 0..2*tile+1 around it. */
  tile: number;
  /** The main loop's shape; absent for a kernel loaded at run time (a user's port), whose loop is not known. */
  shape?: LoopShape;
  /** How partial results are formed and reduced (defines the bits of accurate kernels). */
  accumulation: string;
  bound: ErrorBound;
  policy: SpecialValuePolicy;
  /** y may be the same view as x. */
  inPlace: boolean;
  /** The naive control: expected to fail the contract; never gates the exit status. */
  control: boolean;
  /** `builtin`: in the kernel table; `external`: loaded at run time; `mutant`: a deliberately broken test kernel. */
  origin: 'builtin' | 'external' | 'mutant';
  /** Id of the golden model this kernel must match bit for bit, when it is a port of one. */
  bitIdenticalTo: string | null;
  /**
   * The per-element exp a paper kernel declares (checked bit for bit by exp-identity); null
   * for accurate kernels (held to bit identity by bitIdenticalTo) and the naive control.
   */
  expModel: ExpModel | null;
}

const ACCURATE_ACCUMULATION = `${ACCURATE_LANES} logical binary64 lanes (element i -> lane i mod ${ACCURATE_LANES}, in index order), pairwise tree w = 8, 4, 2, 1`;

/** Bounds of the accurate recipe are ISA-independent: every port is bit-identical. */
const ACCURATE_BOUND: Record<Exclude<Algorithm, 'naive'>, ErrorBound> = {
  'three-pass-recompute': FAITHFUL,
  'three-pass-reload': FAITHFUL_RELOAD,
  'two-pass': FAITHFUL,
  online: FAITHFUL,
};

export function spec(
  algorithm: Algorithm,
  isa: Isa,
  recipe: Recipe,
  rest: {
    shape: LoopShape;
    accumulation: string;
    bound: ErrorBound;
    subnormals: SpecialValuePolicy['subnormals'];
    expModel: ExpModel | null;
  },
): KernelSpec {
  const accurate = recipe === 'accurate';
  const golden = formatKernelId({ algorithm, isa: 'scalar', recipe });
  const id = formatKernelId({ algorithm, isa, recipe });
  const shape = checkedShape(id, rest.shape);
  return {
    id,
    algorithm,
    isa,
    recipe,
    tile: shape.unroll * shape.vector,
    shape,
    accumulation: rest.accumulation,
    bound: rest.bound,
    policy: { masked: accurate ? 'zero' : 'nan', subnormals: rest.subnormals },
    inPlace: true,
    control: algorithm === 'naive',
    origin: 'builtin',
    bitIdenticalTo: accurate && isa !== 'scalar' ? golden : null,
    expModel: rest.expModel,
  };
}

/** A frozen copy of the shape; a RangeError naming the kernel and the field when a count is not a positive integer. */
function checkedShape(id: string, shape: LoopShape): LoopShape {
  for (const field of ['vector', 'unroll', 'accumulators'] as const) {
    const v = shape[field];
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${id}: shape.${field} must be a positive integer, got ${v}`);
  }
  return Object.freeze({ vector: shape.vector, unroll: shape.unroll, accumulators: shape.accumulators });
}

/**
 * The four accurate kernels of one ISA: their bounds and policy are ISA-independent. Each
 * step is one block of the recipe's ACCURATE_LANES logical lanes, held as
 * ACCURATE_LANES / f64Lanes binary64 vectors (one lane-state accumulator each), so the
 * tile is ACCURATE_LANES on every ISA.
 */
export function accurateKernels(isa: Isa, f64Lanes: number): KernelSpec[] {
  if (!Number.isInteger(f64Lanes) || f64Lanes < 1 || ACCURATE_LANES % f64Lanes !== 0) {
    throw new RangeError(`accurateKernels(${isa}): f64Lanes must divide the ${ACCURATE_LANES} logical lanes, got ${f64Lanes}`);
  }
  const unroll = ACCURATE_LANES / f64Lanes;
  return (['three-pass-recompute', 'three-pass-reload', 'two-pass', 'online'] as const).map((algorithm) =>
    spec(algorithm, isa, 'accurate', {
      shape: { vector: f64Lanes, unroll, accumulators: unroll },
      accumulation: ACCURATE_ACCUMULATION,
      bound: ACCURATE_BOUND[algorithm],
      subnormals: 'produced',
      expModel: null,
    }),
  );
}

