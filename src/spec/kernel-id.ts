// Kernel ids are `algorithm/isa/recipe`; tools parse them instead of keeping metadata twice.

export const ALGORITHMS = ['naive', 'three-pass-recompute', 'three-pass-reload', 'two-pass', 'online'] as const;
export const ISAS = ['scalar', 'wasm-simd128', 'avx2', 'avx512', 'neon'] as const;
export const RECIPES = ['paper', 'accurate'] as const;

export type Algorithm = (typeof ALGORITHMS)[number];
export type Isa = (typeof ISAS)[number];

/**
 * The ordered levels of the x86-64 native dispatch policy (src/kernels/native/c/dispatch.h): a cap
 * (SOFTMAX_MAX_ISA, or per call) at one level allows every level before it. neon is not a level:
 * the x86-64 addon never runs it (its kernels are cross-built and run under qemu-aarch64).
 */
export const DISPATCH_LEVELS = ['scalar', 'wasm-simd128', 'avx2', 'avx512'] as const satisfies readonly Isa[];
export type DispatchLevel = (typeof DISPATCH_LEVELS)[number];
export type Recipe = (typeof RECIPES)[number];
/** Where a kernel runs: a machine ISA, or `external` for a kernel loaded at run time (a user's port). */
export type KernelIsa = Isa | 'external';

export interface KernelIdParts {
  algorithm: Algorithm;
  isa: Isa;
  recipe: Recipe;
}

export function formatKernelId(p: KernelIdParts): string {
  return `${p.algorithm}/${p.isa}/${p.recipe}`;
}

/** Parses `algorithm/isa/recipe`; throws a RangeError naming the part that is wrong. */
export function parseKernelId(id: string): KernelIdParts {
  if (typeof id !== 'string') throw new TypeError(`kernel id: expected a string like "two-pass/scalar/accurate", got ${typeof id}`);
  const parts = id.split('/');
  if (parts.length !== 3) throw new RangeError(`kernel id "${id}": expected algorithm/isa/recipe`);
  const [algorithm, isa, recipe] = parts;
  const check = <T extends string>(value: string, allowed: readonly T[], what: string): T => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new RangeError(`kernel id "${id}": unknown ${what} "${value}"; expected one of ${allowed.join(', ')}`);
    }
    return value as T;
  };
  return {
    algorithm: check(algorithm, ALGORITHMS, 'algorithm'),
    isa: check(isa, ISAS, 'isa'),
    recipe: check(recipe, RECIPES, 'recipe'),
  };
}
