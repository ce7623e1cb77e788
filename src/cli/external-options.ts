// The command-line options that describe an external port, shared by `check` and `digest`.

import { UsageError } from '../errors.js';
import { integerOption } from './options.js';
import { ALGORITHMS, RECIPES, type Algorithm, type Recipe } from '../spec/kernel-id.js';
import { ExternalLoadError } from '../external/errors.js';
import { EXTERNAL_ABIS, EXTERNAL_DEFAULTS, registerExternalKernel, type ExternalAbi, type ExternalKernel } from '../external/external-kernel.js';

export const EXTERNAL_OPTIONS = {
  external: { type: 'string' },
  abi: { type: 'string' },
  symbol: { type: 'string' },
  name: { type: 'string' },
  algorithm: { type: 'string' },
  recipe: { type: 'string' },
  bound: { type: 'string' },
  policy: { type: 'string' },
  subnormals: { type: 'string' },
  tile: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'memory-mb': { type: 'string' },
} as const;

export const EXTERNAL_HELP = `  --external PATH --bound ULP --policy nan|zero [--abi wasm|c|js] [--symbol S] [--name NAME]
                 [--algorithm A] [--recipe paper|accurate] [--subnormals produced|flushed]
                 [--tile N] [--timeout-ms MS] [--memory-mb MB]
      Checks a port loaded at run time (see docs/porting.md): a wasm module, a shared
      library (both run in a separate process) or a JavaScript module. Defaults:
      --algorithm ${EXTERNAL_DEFAULTS.algorithm}, --recipe ${EXTERNAL_DEFAULTS.recipe}, --tile ${EXTERNAL_DEFAULTS.tile}, --timeout-ms ${EXTERNAL_DEFAULTS.timeoutMs}.`;

type ExternalValues = { [K in keyof typeof EXTERNAL_OPTIONS]?: string };

function oneOf<T extends string>(option: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${option} ${v}: expected one of ${allowed.join(', ')}`);
  return v as T;
}

/** Options given without --external are a mistake worth naming. */
function rejectStray(v: ExternalValues): void {
  const stray = Object.keys(EXTERNAL_OPTIONS).filter((k) => k !== 'external' && v[k as keyof ExternalValues] !== undefined);
  if (stray.length) throw new UsageError(`--${stray[0]} describes an external port: give --external PATH with it`);
}

/** Registers the port the options describe, or returns null when there is none; load problems are usage errors (exit 2). */
export async function externalFromOptions(v: ExternalValues): Promise<ExternalKernel | null> {
  if (v.external === undefined) {
    rejectStray(v);
    return null;
  }
  if (v.bound === undefined || v.policy === undefined) throw new UsageError('--external needs the declared contract: --bound ULP and --policy nan|zero');
  const boundUlp = Number(v.bound);
  if (!(boundUlp > 0) || !Number.isFinite(boundUlp)) throw new UsageError(`--bound ${v.bound}: expected a positive number of ULP`);
  const algorithm = oneOf<Algorithm>('algorithm', v.algorithm, ALGORITHMS);
  if (algorithm === 'naive') throw new UsageError('--algorithm naive is the built-in negative control; a port implements one of the others');
  try {
    return await registerExternalKernel({
      path: v.external,
      abi: oneOf<ExternalAbi>('abi', v.abi, EXTERNAL_ABIS),
      symbol: v.symbol,
      name: v.name,
      algorithm,
      recipe: oneOf<Recipe>('recipe', v.recipe, RECIPES),
      boundUlp,
      policy: oneOf('policy', v.policy, ['nan', 'zero'] as const)!,
      subnormals: oneOf('subnormals', v.subnormals, ['produced', 'flushed'] as const),
      tile: integerOption('tile', v.tile, 1),
      timeoutMs: integerOption('timeout-ms', v['timeout-ms'], 1),
      memoryMb: integerOption('memory-mb', v['memory-mb'], 64),
    });
  } catch (e) {
    if (e instanceof ExternalLoadError) throw new UsageError(e.message);
    throw e;
  }
}
