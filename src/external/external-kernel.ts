// External kernels: a user's port, loaded at run time from a WebAssembly module, a native
// shared library or a JavaScript module (ABIs in docs/porting.md), and registered so that
// the API, the contract, the reports and `digest` treat it like a built-in kernel.
// Every port runs isolated in a process of its own: native and wasm ports in a runner,
// JavaScript ports in a Node process speaking the process ABI (drivers/softmax_driver.mjs).
// Only registerFunctionKernel (a function object of the caller's, from the library API) runs in-process.

import { existsSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { packageRoot } from '../package-root.js';
import { EXTERNAL_RUNNER_FILE, findNativeArtifact } from '../kernels/native/artifacts.js';
import { registerKernel, unregisterKernel, type KernelEntry } from '../registry.js';
import type { BatchKernel, RowKernel } from '../kernels/row-kernel.js';
import type { Algorithm, Recipe } from '../spec/kernel-id.js';
import type { KernelSpec, SpecialValuePolicy } from '../spec/kernel-spec.js';
import type { ErrorBound } from '../spec/error-bounds.js';
import { ExternalLoadError } from './errors.js';
import { alignmentOf, IsolatedKernel, type RunnerCommand } from './isolated-kernel.js';

export const EXTERNAL_ABIS = ['wasm', 'c', 'js', 'process'] as const;
export type ExternalAbi = (typeof EXTERNAL_ABIS)[number];

export interface ExternalKernelOptions {
  /** The module, shared library or script (not with `exec`). */
  path?: string;
  /** A shell command speaking the process ABI (docs/process-abi.md): `./driver`, `ssh board ./driver`, `qemu-aarch64 ./driver`. */
  exec?: string;
  /** Default: from the extension (.wasm; .so/.dylib; .js/.mjs/.cjs). */
  abi?: ExternalAbi;
  /** Entry point: default `softmax_f32` (wasm, c; the batched one is `<symbol>_rows`), `softmax` or the default export (js). */
  symbol?: string;
  /** Default: the file name without its extension. The kernel id is `algorithm/external:name/recipe`. */
  name?: string;
  /** Which algorithm the port implements (default two-pass); decides its golden model and digest. */
  algorithm?: Exclude<Algorithm, 'naive'>;
  /** `accurate` claims bit identity with the scalar golden model of `algorithm`; default `paper` (only the declared bound). */
  recipe?: Recipe;
  /** Declared maximum error, in ULP, of every normal output: a constant, or a bound of the row (n, |x_i - max|, max|x|). */
  boundUlp: number | ErrorBound;
  /** Output for an all -inf row. */
  policy: SpecialValuePolicy['masked'];
  subnormals?: SpecialValuePolicy['subnormals'];
  /** Elements per main-loop step, if known (tail lengths 0..2*tile+1 are swept); default 16. */
  tile?: number;
  /** Longest a single call may take per row before it counts as hung (isolated ports); default 5000. */
  timeoutMs?: number;
  /** Longest an `exec` command may take to greet (emulators, slow links); default 60000. */
  startupMs?: number;
  /** Address-space cap of a native port's runner, in MiB; default 4096. */
  memoryMb?: number;
  /** `mutant` for deliberately broken kernels of mutation testing. */
  origin?: 'external' | 'mutant';
}

export interface ExternalKernel {
  entry: KernelEntry;
  /** What the port printed (isolated ports: its stderr and its stdout; the last 16000 characters); '' for JavaScript ports. */
  output(): string;
  /** The driver's own timing loop (process-ABI drivers that offer it), else null: bench times calls from here. */
  timer: PortTimer | null;
  /** How calls reach the kernel: `js` in this process, `isolated` through a runner process. */
  transport: 'js' | 'isolated';
  /** Unregisters the kernel and stops its runner. */
  close(): void;
}

export const EXTERNAL_DEFAULTS = { algorithm: 'two-pass', recipe: 'paper', subnormals: 'produced', tile: 16, timeoutMs: 5000, memoryMb: 4096, startupMs: 60_000 } as const;

/**
 * The documented range of each numeric option (README "Bad input"): a tile beyond 2^16 would
 * make the designed tail rows gigabytes long; timeouts beyond an hour are hangs by another
 * name (and timers overflow at 2^31 ms); memory caps below 64 MB cannot load a runner, and
 * above 2^20 MB (1 TiB) the byte count no longer fits the limits the runners set.
 */
export const EXTERNAL_LIMITS = {
  tile: [1, 65_536],
  timeoutMs: [1, 3_600_000],
  startupMs: [1, 3_600_000],
  memoryMb: [64, 1_048_576],
} as const satisfies Record<string, readonly [number, number]>;

function checkLimit(name: keyof typeof EXTERNAL_LIMITS, v: number | undefined): void {
  if (v === undefined) return;
  const [min, max] = EXTERNAL_LIMITS[name];
  if (!Number.isSafeInteger(v) || v < min || v > max) throw new ExternalLoadError(`${name}: expected an integer from ${min} to ${max}, got ${String(v)}`);
}

const WASM_RUNNER = 'src/external/runners/wasm-runner.mjs';
const JS_DRIVER = 'src/external/drivers/softmax_driver.mjs';

function abiFromExtension(path: string): ExternalAbi {
  const ext = extname(path).toLowerCase();
  if (ext === '.wasm') return 'wasm';
  if (ext === '.so' || ext === '.dylib') return 'c';
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs') return 'js';
  throw new ExternalLoadError(`${path}: cannot tell the ABI from the extension "${ext}"; give --abi wasm, c or js`);
}

/** ns per call of each of `reps` samples of `calls` calls, outputs rotating through `poolBytes`. */
export type PortTimer = (x: Float32Array, reps: number, calls: number, poolBytes: number) => number[];

interface IsolatedImpl {
  row: RowKernel;
  batch: BatchKernel;
  output(): string;
  timer: PortTimer | null;
  close(): void;
}

function isolated(label: string, abi: 'wasm' | 'c' | 'process' | 'js', path: string, symbol: string, o: ExternalKernelOptions): IsolatedImpl {
  for (const name of ['timeoutMs', 'startupMs', 'memoryMb'] as const) checkLimit(name, o[name]);
  let runner: RunnerCommand;
  if (abi === 'js') {
    // A Node process of its own, speaking the process ABI (drivers/softmax_driver.mjs) with a
    // heap cap: process.exit, endless loops, heap exhaustion and prototype patches stay there.
    const heap = `--max-old-space-size=${o.memoryMb ?? EXTERNAL_DEFAULTS.memoryMb}`;
    // The suite's own Node options (a loader such as tsx among them) apply to the port's process too.
    runner = { command: process.execPath, args: [...process.execArgv, heap, join(packageRoot(), JS_DRIVER), o.symbol ? `${path}:${o.symbol}` : path], protocol: 'process', startupMs: o.startupMs ?? EXTERNAL_DEFAULTS.startupMs };
  } else if (abi === 'process') {
    runner = { command: o.exec!, args: [], shell: true, protocol: 'process', startupMs: o.startupMs ?? EXTERNAL_DEFAULTS.startupMs };
  } else if (abi === 'c') {
    const binary = findNativeArtifact(EXTERNAL_RUNNER_FILE);
    if (binary.path === null) throw new ExternalLoadError(`native ports run in ${EXTERNAL_RUNNER_FILE}, which is unavailable: ${binary.missing}`);
    runner = { command: binary.path, args: [path, symbol, String(o.memoryMb ?? EXTERNAL_DEFAULTS.memoryMb)] };
  } else {
    runner = { command: process.execPath, args: [join(packageRoot(), WASM_RUNNER), path, symbol] };
  }
  const kernel = new IsolatedKernel(label, runner, o.timeoutMs ?? EXTERNAL_DEFAULTS.timeoutMs);
  return {
    // Process drivers allocate their own buffers; the runners place x and y at the caller's offsets mod 64 bytes.
    row: (x, y) => kernel.call(x, y, 1, x.length, x.length, y.length, false, abi === 'process' || abi === 'js' ? undefined : alignmentOf(x, y)),
    batch: (x, y, rows, cols, xStride, yStride) => kernel.call(x, y, rows, cols, xStride, yStride, true, abi === 'process' || abi === 'js' ? undefined : alignmentOf(x, y)),
    output: () => kernel.output(),
    timer: kernel.hasTimer ? (x, reps, calls, poolBytes) => kernel.time(x, reps, calls, poolBytes) : null,
    close: () => kernel.close(),
  };
}


/** A default kernel name for a command: its last word that is not an option, as a file name without extension. */
export function nameFromCommand(command: string): string {
  const words = command.trim().split(/\s+/).filter((w) => !w.startsWith('-'));
  const last = (words.at(-1) ?? 'exec').replace(/^['"]|['"]$/g, '');
  const base = basename(last.split(':')[0], extname(last.split(':')[0]));
  return base.replace(/[^A-Za-z0-9._+-]/g, '_') || 'exec';
}

function declaredBound(b: number | ErrorBound): ErrorBound {
  if (typeof b === 'object' && b !== null && typeof b.maxUlp === 'function' && typeof b.formula === 'string') return b;
  if (typeof b !== 'number' || !(b > 0) || !Number.isFinite(b)) throw new ExternalLoadError(`boundUlp: expected a positive number of ULP or a bound of the row, got ${String(b)}`);
  return { formula: `< ${b} ULP (declared by the port)`, maxUlp: () => b };
}

/** Loads a port, checks its ABI, and registers it; ExternalLoadError says what is wrong with the input. */
export async function registerExternalKernel(o: ExternalKernelOptions): Promise<ExternalKernel> {
  if ((o.exec === undefined) === (o.path === undefined)) throw new ExternalLoadError('give a port as exactly one of path (a file) and exec (a command)');
  let path: string;
  if (o.exec !== undefined) {
    if (!o.exec.trim()) throw new ExternalLoadError('exec: expected a command, got an empty string');
    if (o.abi !== undefined && o.abi !== 'process') throw new ExternalLoadError(`abi ${o.abi}: a command (exec) speaks the process ABI`);
    path = o.exec;
  } else {
    path = resolve(o.path!);
    if (!existsSync(path)) throw new ExternalLoadError(`${o.path}: no such file`);
    if (!statSync(path).isFile()) throw new ExternalLoadError(`${o.path}: not a file`);
    if (o.abi === 'process') throw new ExternalLoadError('abi process: give the command as exec, not path');
  }
  const abi = o.exec !== undefined ? 'process' : (o.abi ?? abiFromExtension(path));
  const name = o.name ?? (o.exec !== undefined ? nameFromCommand(o.exec) : basename(path, extname(path)));
  const spec = portSpec(o, name, `as implemented by the port (${abi} ABI, ${abi === 'process' ? `command: ${path}` : path})`);
  const impl = isolated(spec.id, abi, path, o.symbol ?? 'softmax_f32', o);
  let entry: KernelEntry;
  try {
    entry = registerKernel(spec, impl);
  } catch (e) {
    impl.close();
    throw e;
  }
  return {
    entry,
    output: () => impl.output(),
    timer: impl.timer,
    transport: 'isolated',
    close: () => {
      unregisterKernel(spec.id);
      impl.close();
    },
  };
}

/** What a port declares about itself: everything of ExternalKernelOptions but where it is loaded from. */
export type PortDeclaration = Pick<ExternalKernelOptions, 'algorithm' | 'recipe' | 'boundUlp' | 'policy' | 'subnormals' | 'tile' | 'origin'>;

/** The spec table entry of a port; ExternalLoadError names a declaration that is out of range. */
function portSpec(o: PortDeclaration, name: string, accumulation: string): KernelSpec {
  const bound = declaredBound(o.boundUlp);
  checkLimit('tile', o.tile);
  if (o.policy !== 'nan' && o.policy !== 'zero') throw new ExternalLoadError(`policy: expected 'nan' or 'zero' (the output for an all -inf row), got ${String(o.policy)}`);
  if (!/^[A-Za-z0-9._+-]+$/.test(name)) throw new ExternalLoadError(`name: expected letters, digits, '.', '_', '+' or '-', got "${name}"`);
  const algorithm = o.algorithm ?? EXTERNAL_DEFAULTS.algorithm;
  const recipe = o.recipe ?? EXTERNAL_DEFAULTS.recipe;
  return {
    id: `${algorithm}/external:${name}/${recipe}`,
    algorithm,
    isa: 'external',
    recipe,
    tile: o.tile ?? EXTERNAL_DEFAULTS.tile,
    accumulation,
    bound,
    policy: { masked: o.policy, subnormals: o.subnormals ?? EXTERNAL_DEFAULTS.subnormals },
    inPlace: false,
    control: false,
    origin: o.origin ?? 'external',
    bitIdenticalTo: recipe === 'accurate' ? `${algorithm}/scalar/accurate` : null,
    // A port declares no exp model: paper ports need not share the reference's per-element bits.
    expModel: null,
  };
}

export interface FunctionKernelOptions extends PortDeclaration {
  /** The kernel id is `algorithm/external:name/recipe`; default `js-function`. */
  name?: string;
}

/** Registers a JavaScript function `(x, y) => void` (writes softmax(x) to y) as a port, in-process. */
export function registerFunctionKernel(fn: RowKernel, o: FunctionKernelOptions): ExternalKernel {
  if (typeof fn !== 'function') throw new ExternalLoadError(`kernel: expected a function (x: Float32Array, y: Float32Array) => void, got ${typeof fn}`);
  if (fn.length !== 2) throw new ExternalLoadError(`kernel: the function takes ${fn.length} parameters; expected (x: Float32Array, y: Float32Array) => void`);
  const name = o.name ?? 'js-function';
  const spec = portSpec(o, name, `as implemented by the JavaScript function ${fn.name || name}`);
  const entry = registerKernel(spec, { row: fn });
  return { entry, output: () => '', timer: null, transport: 'js', close: () => unregisterKernel(spec.id) };
}
