// Benchmark inputs, each from a fixed seed so runs compare: the paper's uniform [-1000, 1000]
// (almost every exp underflows: the worst case for kernels that pay for subnormals),
// logits-like rows (normal with sigma 1, 4, 16: few or no underflowing terms), or a user's
// raw little-endian float32 file, repeated to the row length.

import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';

import { seededUniform, seededUniformRow } from '../seeded-random.js';

export const BENCH_SEED = 1;
export const BENCH_INPUT = `uniform [-1000, 1000], seededUniform (mulberry32) seed ${BENCH_SEED}`;

export function benchInput(n: number, lo = -1000, hi = 1000): Float32Array {
  return seededUniformRow(BENCH_SEED, n, lo, hi);
}

/** Normal(0, sigma) by Box-Muller over the seeded uniforms (two per pair of outputs). */
function normalRow(n: number, sigma: number): Float32Array {
  const x = new Float32Array(n);
  const u = seededUniform(BENCH_SEED);
  const next = () => 1 - u(); // in (0, 1]: log() below stays finite
  for (let i = 0; i < n; i += 2) {
    const r = sigma * Math.sqrt(-2 * Math.log(next()));
    const a = 2 * Math.PI * next();
    x[i] = r * Math.cos(a);
    if (i + 1 < n) x[i + 1] = r * Math.sin(a);
  }
  return x;
}

export interface BenchInput {
  /** As given to --input and recorded per measurement in the JSON. */
  name: string;
  description: string;
  row(n: number): Float32Array;
}

const BUILTIN: Record<string, BenchInput> = {
  uniform1000: { name: 'uniform1000', description: BENCH_INPUT + " (the paper's input)", row: (n) => benchInput(n) },
  normal1: { name: 'normal1', description: 'normal(0, 1), Box-Muller over mulberry32 seed 1 (logits-like)', row: (n) => normalRow(n, 1) },
  normal4: { name: 'normal4', description: 'normal(0, 4), Box-Muller over mulberry32 seed 1 (logits-like)', row: (n) => normalRow(n, 4) },
  normal16: { name: 'normal16', description: 'normal(0, 16), Box-Muller over mulberry32 seed 1 (logits-like)', row: (n) => normalRow(n, 16) },
};

export const BENCH_INPUT_NAMES = Object.keys(BUILTIN);
export const DEFAULT_BENCH_INPUT = 'uniform1000';

/** A raw float32 file as an input: its values repeated until the row is full. */
function fileInput(path: string, spec: string): BenchInput {
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch (e) {
    throw new UsageError(`--input ${spec}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (bytes === 0 || bytes % 4 !== 0) throw new UsageError(`--input ${spec}: ${path} has ${bytes} bytes; expected a positive multiple of 4 (raw little-endian float32)`);
  const data = readFileSync(path);
  const values = new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + bytes));
  return {
    name: path,
    description: `${path}: ${values.length} float32 values, repeated to the row length`,
    row: (n) => {
      const x = new Float32Array(n);
      for (let i = 0; i < n; i += values.length) x.set(values.subarray(0, Math.min(values.length, n - i)), i);
      return x;
    },
  };
}

/** `--input uniform1000,normal4,my.f32`: built-in names, or paths ending in .f32. */
export function parseBenchInputs(spec: string): BenchInput[] {
  const parts = spec.split(',').map((p) => p.trim());
  const out = parts.map((p) => {
    if (BUILTIN[p]) return BUILTIN[p];
    if (p.endsWith('.f32')) return fileInput(p, spec);
    throw new UsageError(`--input ${spec}: "${p}" is neither one of ${BENCH_INPUT_NAMES.join(', ')} nor a raw float32 file FILE.f32`);
  });
  if (new Set(out.map((i) => i.name)).size !== out.length) throw new UsageError(`--input ${spec}: an input is listed twice`);
  return out;
}

/** Denormal modes of the native timing thread: `on` = subnormals computed (FTZ/DAZ off, as Node runs), `off` = FTZ and DAZ set. */
export type DenormalMode = 'on' | 'off';

/** `--denormals on|off|both`. */
export function parseDenormals(spec: string): DenormalMode[] {
  if (spec === 'on' || spec === 'off') return [spec];
  if (spec === 'both') return ['on', 'off'];
  throw new UsageError(`--denormals ${spec}: expected on, off or both`);
}

/** What cannot follow --denormals, said in the output and the JSON. */
export const DENORMALS_JS_NOTE = 'JS and wasm kernels and peers always run with denormals on: V8 gives JavaScript and WebAssembly no way to set MXCSR FTZ/DAZ';
