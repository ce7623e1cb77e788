// The sweep: every available kernel of the registry (optionally filtered) at every size, on
// every input, in every denormal mode the timer can set, and the memory-only patterns that
// bound them, timed with the paper's method (docs/bench.md).

import type { ExternalKernel } from '../external/external-kernel.js';
import type { KernelEntry } from '../registry.js';
import type { BenchInput } from './input.js';
import { timeFixedBuffers, timeJs } from './js-timer.js';
import { measure, type MeasurePlan, type Measured, type Timer } from './measure.js';
import { wasmBuffers, type WasmRowBuffers } from '../kernels/wasm/buffers.js';
import { benchAddon, type BenchAddon } from './native-timer.js';
import type { BenchRow, Condition, DenormalMode, RooflineRow, SkippedRow } from './schema.js';
import { ALGORITHM_BYTES, COMPULSORY_BYTES, PATTERN_BYTES, rooflineFor, type MemoryPattern } from './traffic.js';

export interface SweepOptions {
  kernels: readonly KernelEntry[];
  sizes: readonly number[];
  inputs: readonly BenchInput[];
  /** Modes of the native timings; JS-timed kernels run with denormals on only. */
  denormals: readonly DenormalMode[];
  /** The measured last-level cache (0: unknown). */
  llcBytes: number;
  /** Memory the run may use now (bytes), asked before each size: larger sizes are skipped with a message. */
  memoryBytes: () => number;
  plan: MeasurePlan;
  /** Ports among the kernels: timed by their driver's own loop when it has one, else from here. */
  ports?: readonly ExternalKernel[];
  /** Called after each measurement (progress on stderr). */
  onRow?: (line: string) => void;
  /** Time the memory-only patterns too (default true; a retest needs only the kernel). */
  roofline?: boolean;
}

export interface SweepResult {
  rows: BenchRow[];
  roofline: RooflineRow[];
  skipped: SkippedRow[];
}

const NATIVE_ISAS = ['avx512', 'avx2'] as const;
type NativeIsa = (typeof NATIVE_ISAS)[number];

function isNative(isa: string): isa is NativeIsa {
  return (NATIVE_ISAS as readonly string[]).includes(isa);
}

/** Where a row of n floats sits against the last-level cache. */
export function residency(n: number, llcBytes: number): Pick<Condition, 'cache' | 'llcMultiple'> {
  if (!(llcBytes > 0)) return { cache: 'unknown', llcMultiple: null };
  const llcMultiple = (4 * n) / llcBytes;
  return { cache: llcMultiple <= 1 ? 'in-cache' : 'out-of-cache', llcMultiple };
}

/** The output pool at n: at least two rows, or one row of at least the pool (bench.c, js-timer.ts). */
export function poolFor(n: number, poolBytes: number): number {
  const row = 4 * n;
  return row >= poolBytes ? row : Math.max(poolBytes, 2 * row);
}

/** Bytes a measurement at n holds at its peak: the input row and the native and the JS output pools. */
export function bytesNeeded(n: number, poolBytes: number): number {
  return 4 * n + 2 * poolFor(n, poolBytes);
}

/** The triad reads an aligned copy of two rows on top of that. */
function triadBytesNeeded(n: number, poolBytes: number): number {
  return bytesNeeded(n, poolBytes) + 8 * n;
}

/** A wasm32 module's memory holds at most 4 GiB, and x and y both live in it. */
const WASM_MEMORY_BYTES = 2 ** 32;

function cannotRun(entry: KernelEntry, n: number): string | null {
  if (entry.spec.isa.startsWith('wasm') && 8 * n >= WASM_MEMORY_BYTES) return `x and y (${((8 * n) / 2 ** 30).toFixed(1)} GiB) do not fit a wasm32 memory (4 GiB)`;
  return null;
}

type TimerKind = BenchRow['timer'];

/**
 * How a kernel is timed: natively; through its RowKernel (JS); wasm kernels also through the
 * zero-copy API; a port by its process-ABI driver's own loop (`driver`), or from here through
 * its runner (`roundtrip`: a call includes the transfer).
 */
function timerKinds(entry: KernelEntry, addon: BenchAddon | null, port: ExternalKernel | undefined): TimerKind[] {
  if (port?.timer) return ['driver'];
  if (port?.transport === 'isolated') return ['roundtrip'];
  if (isNative(entry.spec.isa) && addon) return ['native'];
  return entry.spec.isa.startsWith('wasm') ? ['js', 'js-zero-copy'] : ['js'];
}

/** One zero-copy buffer pair per (n, input), shared by every wasm kernel: each pair is a wasm memory of up to 4 GiB. */
type SharedBuffers = { get(): WasmRowBuffers };

function kernelTimer(kind: TimerKind, entry: KernelEntry, addon: BenchAddon | null, x: Float32Array, plan: MeasurePlan, denormals: DenormalMode, shared: SharedBuffers, port: ExternalKernel | undefined): Timer {
  if (kind === 'driver') {
    const time = port!.timer!;
    return async (reps, calls) => time(x, reps, calls, plan.poolBytes);
  }
  if (kind === 'native') {
    const k = addon!.kernelIds.indexOf(entry.spec.id);
    return async (reps, calls) => addon!.benchKernel(k, x, reps, calls, plan.poolBytes, denormals === 'off');
  }
  if (kind === 'js-zero-copy') {
    // The rows live in the module's memory, as the zero-copy API's users keep them; y is reused per call.
    const buffers = shared.get();
    return async (reps, calls) => timeFixedBuffers(() => buffers.softmax(entry.spec.id), buffers.x, reps, calls);
  }
  const row = entry.row!;
  return async (reps, calls) => (await timeJs(row, x, reps, calls, plan.poolBytes)).samples;
}

function rooflineRow(pattern: MemoryPattern, isa: NativeIsa, n: number, m: Measured, input: string, llcBytes: number): RooflineRow {
  const nsPerElement = m.ns.median / n;
  return { pattern, isa, n, input, ...residency(n, llcBytes), repeats: m.repeats, callsPerSample: m.callsPerSample, ns: m.ns, nsPerElement, bytesPerElement: PATTERN_BYTES[pattern], gbps: PATTERN_BYTES[pattern] / nsPerElement };
}

/** Memory-only figures at n for every native ISA this machine runs: each algorithm's pattern, copy and triad. */
async function measureRoofline(addon: BenchAddon, isas: readonly NativeIsa[], x: Float32Array, plan: MeasurePlan, input: string, llcBytes: number, memoryBytes: number, skipped: SkippedRow[]): Promise<RooflineRow[]> {
  const out: RooflineRow[] = [];
  for (const isa of isas) {
    for (const pattern of addon.memoryPatterns) {
      // The triad is a machine figure no kernel's ratio uses: where its second row does not fit, it goes.
      if (pattern === 'triad' && triadBytesNeeded(x.length, plan.poolBytes) > memoryBytes) {
        skipped.push({ kernel: `memory-only/${pattern}/${isa}`, n: x.length, reason: 'its copy of two rows does not fit the available memory' });
        continue;
      }
      const m = await measure(async (reps, calls) => addon.benchMemory(pattern, isa, x, reps, calls, plan.poolBytes, false), plan, false);
      out.push(rooflineRow(pattern, isa, x.length, m, input, llcBytes));
    }
  }
  return out;
}

export async function runSweep(o: SweepOptions): Promise<SweepResult> {
  const addon = benchAddon();
  const nativeIsas = NATIVE_ISAS.filter((isa) => addon && addon.isaUnavailableReason(isa) === null);
  const kernels = o.kernels.filter((k) => k.available);
  const rows: BenchRow[] = [];
  const roofline: RooflineRow[] = [];
  const skipped: SkippedRow[] = o.kernels.filter((k) => !k.available).flatMap((k) => o.sizes.map((n) => ({ kernel: k.spec.id, n, reason: k.reason ?? 'unavailable' })));
  /** ns per element each (kernel, input, mode) took at its last size: predicts the next size's call time. */
  const lastNsPerElement = new Map<string, number>();
  let lastN = 0;
  for (const n of o.sizes) {
    const need = bytesNeeded(n, o.plan.poolBytes);
    // Asked now, not at the start: the run itself holds memory by then. The native pool of the
    // last size is given back when a larger one is allocated, so it counts as available.
    const memoryBytes = o.memoryBytes() + (lastN > 0 ? poolFor(lastN, o.plan.poolBytes) : 0);
    if (need > memoryBytes) {
      const reason = `n=${n} needs ~${(need / 2 ** 30).toFixed(1)} GiB, more than the ${(memoryBytes / 2 ** 30).toFixed(1)} GiB available`;
      skipped.push({ kernel: '*', n, reason });
      o.onRow?.(`skipping ${reason}`);
      continue;
    }
    lastN = n;
    for (const [inputIndex, input] of o.inputs.entries()) {
      let x: Float32Array | null = input.row(n);
      let zeroCopy: WasmRowBuffers | null = null;
      const row = x;
      const shared: SharedBuffers = {
        get: () => {
          if (!zeroCopy) {
            zeroCopy = wasmBuffers(n);
            zeroCopy.x.set(row);
          }
          // Only softmax() (y = softmax(x)) is timed, so x stays the input for every kernel.
          return zeroCopy;
        },
      };
      // The memory-only kernels do the same work on any input: measured once per n.
      if (inputIndex === 0 && addon && nativeIsas.length > 0 && o.roofline !== false) {
        roofline.push(...(await measureRoofline(addon, nativeIsas, x, o.plan, input.name, o.llcBytes, memoryBytes, skipped)));
        o.onRow?.(`roofline n=${n} done`);
      }
      for (const entry of kernels) {
        const modes: readonly DenormalMode[] = isNative(entry.spec.isa) && addon ? o.denormals : ['on'];
        const port = o.ports?.find((p) => p.entry === entry);
        for (const [kind, denormals] of timerKinds(entry, addon, port).flatMap((k) => modes.map((d) => [k, d] as const))) {
          const key = `${entry.spec.id}|${kind}|${input.name}|${denormals}`;
          const predicted = (lastNsPerElement.get(key) ?? 0) * n;
          const why = cannotRun(entry, n) ?? (predicted === Infinity ? 'it failed at a smaller n' : null);
          if (why) {
            skipped.push({ kernel: entry.spec.id, n, reason: why });
            continue;
          }
          if (predicted > o.plan.budgetNs) {
            skipped.push({ kernel: entry.spec.id, n, reason: `one call would take ~${(predicted / 1e9).toFixed(1)} s, over the --time-budget` });
            continue;
          }
          let m: Measured;
          try {
            m = await measure(kernelTimer(kind, entry, addon, x, o.plan, denormals, shared, port), o.plan, kind === 'js' || kind === 'js-zero-copy' || kind === 'roundtrip');
          } catch (e) {
            // Memory a kernel cannot get (a wasm module's 4 GiB, the output pool) skips it, not the run.
            const reason = `${(e as Error).message.split('\n')[0]}`;
            skipped.push({ kernel: entry.spec.id, n, reason });
            o.onRow?.(`${entry.spec.id} n=${n} skipped: ${reason}`);
            lastNsPerElement.set(key, Infinity);
            continue;
          }
          const nsPerElement = m.ns.median / n;
          lastNsPerElement.set(key, nsPerElement);
          const limit = rooflineFor(entry.spec, n, roofline);
          const { algorithm, isa, recipe } = entry.spec;
          const row: BenchRow = {
            kernel: entry.spec.id,
            algorithm,
            isa,
            recipe,
            n,
            input: input.name,
            denormals,
            ...residency(n, o.llcBytes),
            timer: kind,
            repeats: m.repeats,
            callsPerSample: m.callsPerSample,
            ns: m.ns,
            nsPerElement,
            elementsPerSecond: 1e9 / nsPerElement,
            gbpsCompulsory: COMPULSORY_BYTES / nsPerElement,
            gbpsReal: ALGORITHM_BYTES[algorithm] / nsPerElement,
            rooflineRatio: limit ? limit.ns.median / m.ns.median : null,
          };
          rows.push(row);
          o.onRow?.(`${row.kernel} (${kind}) n=${n} ${input.name} denormals ${denormals} ${nsPerElement.toFixed(3)} ns/elem`);
        }
      }
      x = null;
      zeroCopy = null;
    }
  }
  return { rows, roofline, skipped };
}
