// The sweep: every available kernel of the registry (optionally filtered) at every size, and the
// memory-only patterns that bound them, timed with the paper's method (docs/bench.md).

import type { KernelEntry } from '../registry.js';
import type { ExternalKernel } from '../external/external-kernel.js';
import { benchInput } from './input.js';
import { timeJs } from './js-timer.js';
import { measure, type MeasurePlan, type Measured } from './measure.js';
import { benchAddon, type BenchAddon } from './native-timer.js';
import type { BenchRow, RooflineRow, SkippedRow } from './schema.js';
import { ALGORITHM_BYTES, COMPULSORY_BYTES, PATTERN_BYTES, rooflineFor, type MemoryPattern } from './traffic.js';

export interface SweepOptions {
  kernels: readonly KernelEntry[];
  /** Users' ports (--external, --exec), timed beside the built-ins; their ids are among `kernels`. */
  ports?: readonly ExternalKernel[];
  sizes: readonly number[];
  plan: MeasurePlan;
  /** Called after each measurement (progress on stderr). */
  onRow?: (line: string) => void;
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

function kernelTimer(entry: KernelEntry, addon: BenchAddon | null, x: Float32Array, plan: MeasurePlan, port: ExternalKernel | undefined) {
  if (port?.timer) {
    const time = port.timer;
    return { timer: 'driver' as const, run: async (reps: number, calls: number) => time(x, reps, calls, plan.poolBytes) };
  }
  if (port?.transport === 'isolated') {
    const row = entry.row!;
    return { timer: 'roundtrip' as const, run: async (reps: number, calls: number) => (await timeJs(row, x, reps, calls, plan.poolBytes)).samples };
  }
  if (isNative(entry.spec.isa) && addon) {
    const k = addon.kernelIds.indexOf(entry.spec.id);
    return { timer: 'native' as const, run: async (reps: number, calls: number) => addon.benchKernel(k, x, reps, calls, plan.poolBytes) };
  }
  const row = entry.row!;
  return { timer: 'js' as const, run: async (reps: number, calls: number) => (await timeJs(row, x, reps, calls, plan.poolBytes)).samples };
}

function rooflineRow(pattern: MemoryPattern, isa: NativeIsa, n: number, m: Measured): RooflineRow {
  const nsPerElement = m.ns.median / n;
  return { pattern, isa, n, repeats: m.repeats, callsPerSample: m.callsPerSample, ns: m.ns, nsPerElement, bytesPerElement: PATTERN_BYTES[pattern], gbps: PATTERN_BYTES[pattern] / nsPerElement };
}

/** Memory-only figures at n for every native ISA this machine runs: each algorithm's pattern, copy and triad. */
async function measureRoofline(addon: BenchAddon, isas: readonly NativeIsa[], x: Float32Array, plan: MeasurePlan): Promise<RooflineRow[]> {
  const out: RooflineRow[] = [];
  for (const isa of isas) {
    for (const pattern of addon.memoryPatterns) {
      const m = await measure(async (reps, calls) => addon.benchMemory(pattern, isa, x, reps, calls, plan.poolBytes), plan, false);
      out.push(rooflineRow(pattern, isa, x.length, m));
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
  /** ns per element each kernel took at its last size: predicts the next size's call time. */
  const lastNsPerElement = new Map<string, number>();
  for (const n of o.sizes) {
    const x = benchInput(n);
    if (addon && nativeIsas.length > 0) {
      roofline.push(...(await measureRoofline(addon, nativeIsas, x, o.plan)));
      o.onRow?.(`roofline n=${n} done`);
    }
    for (const entry of kernels) {
      const predicted = (lastNsPerElement.get(entry.spec.id) ?? 0) * n;
      if (predicted > o.plan.budgetNs) {
        skipped.push({ kernel: entry.spec.id, n, reason: `one call would take ~${(predicted / 1e9).toFixed(1)} s, over the --time-budget` });
        continue;
      }
      const t = kernelTimer(entry, addon, x, o.plan, o.ports?.find((p) => p.entry === entry));
      const m = await measure(t.run, o.plan, t.timer === 'js' || t.timer === 'roundtrip');
      const nsPerElement = m.ns.median / n;
      lastNsPerElement.set(entry.spec.id, nsPerElement);
      const limit = rooflineFor(entry.spec, n, roofline);
      const { algorithm, isa, recipe } = entry.spec;
      const row: BenchRow = {
        kernel: entry.spec.id,
        algorithm,
        isa,
        recipe,
        n,
        timer: t.timer,
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
      o.onRow?.(`${row.kernel} n=${n} ${nsPerElement.toFixed(3)} ns/elem`);
    }
  }
  return { rows, roofline, skipped };
}
