// The command-line options that describe external ports, shared by `check`, `digest` and
// `bench`. Several ports may be given (`--external A --external B --exec 'CMD'`); the
// contract options (--bound, --policy, --algorithm, ...) apply to each of them.

import { UsageError } from '../errors.js';
import { integerOption } from './options.js';
import { ALGORITHMS, RECIPES, type Algorithm, type Recipe } from '../spec/kernel-id.js';
import { ExternalLoadError } from '../external/errors.js';
import { EXTERNAL_ABIS, EXTERNAL_DEFAULTS, EXTERNAL_LIMITS, registerExternalKernel, type ExternalAbi, type ExternalKernel } from '../external/external-kernel.js';
import { boundFromOptions } from '../external/port-bound.js';
import { shellQuote } from '../../properties/core/shell-quote.js';

export const EXTERNAL_OPTIONS = {
  external: { type: 'string', multiple: true },
  exec: { type: 'string', multiple: true },
  abi: { type: 'string' },
  symbol: { type: 'string' },
  name: { type: 'string' },
  algorithm: { type: 'string' },
  recipe: { type: 'string' },
  bound: { type: 'string' },
  'bound-like': { type: 'string' },
  policy: { type: 'string' },
  subnormals: { type: 'string' },
  tile: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'startup-ms': { type: 'string' },
  'memory-mb': { type: 'string' },
} as const;

export const EXTERNAL_HELP = `  --external PATH | --exec 'CMD ARGS'  (either, repeatable)
                 --bound ULP|EXPR | --bound-like KERNEL_ID   --policy nan|zero
                 [--abi wasm|c|js] [--symbol S] [--name NAME] [--algorithm A]
                 [--recipe paper|accurate] [--subnormals produced|flushed] [--tile N]
                 [--timeout-ms MS] [--startup-ms MS] [--memory-mb MB]
      Checks ports loaded at run time (see docs/porting.md): a wasm module, a shared
      library (both run in a separate process), a JavaScript module, or any command
      speaking the process ABI (docs/process-abi.md; e.g. a program built with
      src/external/drivers/softmax_driver.h, python3 src/external/drivers/softmax_driver.py
      port.py:fn, 'qemu-aarch64 ./driver', 'ssh board ./driver'). --bound is a number of
      ULP or an expression in n, spread (|x_i - max|) and magnitude (max|x|), e.g.
      '2 + 2^23*ulp(spread) + ceil(n/4) - 1' (docs/porting.md); --bound-like adopts a
      built-in kernel's bound. Defaults: --algorithm ${EXTERNAL_DEFAULTS.algorithm}, --recipe ${EXTERNAL_DEFAULTS.recipe},
      --tile ${EXTERNAL_DEFAULTS.tile}, --timeout-ms ${EXTERNAL_DEFAULTS.timeoutMs} (per row of a call), --startup-ms ${EXTERNAL_DEFAULTS.startupMs} (--exec),
      --memory-mb ${EXTERNAL_DEFAULTS.memoryMb}. Ranges: ${Object.entries(EXTERNAL_LIMITS).map(([k, [lo, hi]]) => `${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} ${lo}..${hi}`).join(', ')}.`;

export type ExternalValues = { [K in keyof typeof EXTERNAL_OPTIONS]?: (typeof EXTERNAL_OPTIONS)[K] extends { multiple: true } ? string[] : string };

/** One port as given on the command line: `--external PATH` or `--exec CMD`. */
export interface PortArgument {
  option: 'external' | 'exec';
  value: string;
}

function oneOf<T extends string>(option: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${option} ${v}: expected one of ${allowed.join(', ')}`);
  return v as T;
}

export function portArguments(v: ExternalValues): PortArgument[] {
  return [...(v.external ?? []).map((value) => ({ option: 'external' as const, value })), ...(v.exec ?? []).map((value) => ({ option: 'exec' as const, value }))];
}

/** Options given without a port are a mistake worth naming. */
function rejectStray(v: ExternalValues): void {
  const stray = Object.keys(EXTERNAL_OPTIONS).filter((k) => k !== 'external' && k !== 'exec' && v[k as keyof ExternalValues] !== undefined);
  if (stray.length) throw new UsageError(`--${stray[0]} describes an external port: give --external PATH or --exec CMD with it`);
}

/** The options that load `port` with the same contract, for replay commands. */
export function portSelector(v: ExternalValues, port: PortArgument): string {
  const shared = (Object.keys(EXTERNAL_OPTIONS) as Array<keyof typeof EXTERNAL_OPTIONS>)
    .filter((k) => k !== 'external' && k !== 'exec' && v[k] !== undefined)
    .map((k) => `--${k} ${shellQuote(v[k] as string)}`);
  return [`--${port.option} ${shellQuote(port.value)}`, ...shared].join(' ');
}

/**
 * Registers the ports the options describe (none: an empty list); load problems are usage
 * errors (exit 2). `needContract: false` (digest) lets --bound and --policy be left out.
 */
export async function externalsFromOptions(v: ExternalValues, needContract = true): Promise<Array<{ port: PortArgument; kernel: ExternalKernel }>> {
  const ports = portArguments(v);
  if (ports.length === 0) {
    rejectStray(v);
    return [];
  }
  if (needContract && ((v.bound === undefined && v['bound-like'] === undefined) || v.policy === undefined)) {
    throw new UsageError('--external/--exec need the declared contract: --bound ULP (or --bound-like KERNEL_ID) and --policy nan|zero');
  }
  if (ports.length > 1 && v.name !== undefined) throw new UsageError('--name names one port; with several, each is named after its file or command');
  const boundUlp = boundFromOptions(v.bound, v['bound-like']);
  const algorithm = oneOf<Algorithm>('algorithm', v.algorithm, ALGORITHMS);
  if (algorithm === 'naive') throw new UsageError('--algorithm naive is the built-in negative control; a port implements one of the others');
  const loaded: Array<{ port: PortArgument; kernel: ExternalKernel }> = [];
  try {
    for (const port of ports) {
      const kernel = await registerExternalKernel({
        ...(port.option === 'exec' ? { exec: port.value } : { path: port.value }),
        abi: oneOf<ExternalAbi>('abi', v.abi, EXTERNAL_ABIS),
        symbol: v.symbol,
        name: v.name,
        algorithm,
        recipe: oneOf<Recipe>('recipe', v.recipe, RECIPES),
        boundUlp,
        policy: oneOf('policy', v.policy, ['nan', 'zero'] as const) ?? 'nan',
        subnormals: oneOf('subnormals', v.subnormals, ['produced', 'flushed'] as const),
        tile: integerOption('tile', v.tile, ...EXTERNAL_LIMITS.tile),
        timeoutMs: integerOption('timeout-ms', v['timeout-ms'], ...EXTERNAL_LIMITS.timeoutMs),
        startupMs: integerOption('startup-ms', v['startup-ms'], ...EXTERNAL_LIMITS.startupMs),
        memoryMb: integerOption('memory-mb', v['memory-mb'], ...EXTERNAL_LIMITS.memoryMb),
      });
      loaded.push({ port, kernel });
    }
  } catch (e) {
    for (const l of loaded) l.kernel.close();
    if (e instanceof ExternalLoadError) throw new UsageError(e.message);
    const twice = e instanceof RangeError ? /kernel "([^"]+)" is already registered/.exec(e.message) : null;
    if (twice) throw new UsageError(`two ports are both ${twice[1]}: give them files or commands with different names`);
    throw e;
  }
  return loaded;
}
