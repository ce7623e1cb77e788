// Which kernels of the spec table can run on this machine, and why not when they can't.
// Each ISA's backend (src/kernels/*/) supplies implementations; nothing here lists kernels.

import { scalarBackend } from './kernels/scalar/index.js';
import { wasmBackend } from './kernels/wasm/index.js';
import { NATIVE_BACKENDS } from './kernels/native/index.js';
import { batchFromRows, type BatchKernel, type RowKernel } from './kernels/row-kernel.js';
import { KERNELS, type KernelSpec } from './spec/kernels.js';
import type { Backend } from './kernels/backend.js';

export interface KernelEntry {
  spec: KernelSpec;
  available: boolean;
  /** Why the kernel cannot run here (when unavailable). */
  reason: string | null;
  row: RowKernel | null;
  batch: BatchKernel | null;
}

const BACKENDS: Backend[] = [scalarBackend, wasmBackend, ...NATIVE_BACKENDS];

let cache: Map<string, KernelEntry> | null = null;
/** Kernels added at run time: external ports and test mutants; never part of the table. */
const extras = new Map<string, KernelEntry>();

function resolve(spec: KernelSpec): KernelEntry {
  const backend = BACKENDS.find((b) => b.isa === spec.isa);
  if (!backend) return { spec, available: false, reason: `no ${spec.isa} backend is built into this package`, row: null, batch: null };
  const why = backend.unavailableReason();
  if (why) return { spec, available: false, reason: why, row: null, batch: null };
  const impl = backend.implementation(spec);
  if (!impl) return { spec, available: false, reason: `the ${spec.isa} backend has no implementation of ${spec.id}`, row: null, batch: null };
  return { spec, available: true, reason: null, row: impl.row, batch: impl.batch ?? batchFromRows(impl.row) };
}

export function registry(): Map<string, KernelEntry> {
  if (!cache) cache = new Map([...KERNELS.map((s): [string, KernelEntry] => [s.id, resolve(s)]), ...extras]);
  return cache;
}

/**
 * Adds a kernel that is not in the built-in table (an external port, or a test mutant), so
 * the API, the contract and the reports treat it exactly like a built-in one.
 */
export function registerKernel(spec: KernelSpec, impl: { row: RowKernel; batch?: BatchKernel }): KernelEntry {
  if (spec.origin === 'builtin') throw new RangeError(`spec.origin: registerKernel takes external or mutant kernels, not built-in ${spec.id}`);
  if (registry().has(spec.id)) throw new RangeError(`spec.id: a kernel "${spec.id}" is already registered`);
  const entry: KernelEntry = { spec, available: true, reason: null, row: impl.row, batch: impl.batch ?? batchFromRows(impl.row) };
  extras.set(spec.id, entry);
  cache = null;
  return entry;
}

export function unregisterKernel(id: string): void {
  extras.delete(id);
  cache = null;
}

export function listKernels(): KernelEntry[] {
  return [...registry().values()];
}

/**
 * Entries matching a comma-separated list of patterns: `*` matches any run of
 * characters; a pattern without `*` matches ids that contain it (`two-pass`, `avx512`).
 */
export function matchKernels(pattern: string | undefined): KernelEntry[] {
  if (!pattern) return listKernels();
  const res = pattern.split(',').map((p) => {
    const escaped = p.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(p.includes('*') ? `^${escaped.replace(/\*/g, '.*')}$` : escaped);
  });
  return listKernels().filter((e) => res.some((re) => re.test(e.spec.id)));
}
