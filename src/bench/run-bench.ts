// `softmax-verify bench` as a function: sweep, roofline, peers, ratios, suite timing, report.

import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { matchKernels } from '../registry.js';
import { ISAS } from '../spec/kernel-id.js';
import { DEFAULT_BENCH_INPUT, DENORMALS_JS_NOTE, parseBenchInputs, parseDenormals, type BenchInput } from './input.js';
import { releaseJsPool, timeJs } from './js-timer.js';
import { benchAddon } from './native-timer.js';
import { availableMemoryBytes, lastLevelCacheBytes, machineInfo } from './machine.js';
import { measure, type MeasurePlan } from './measure.js';
import { loadPeers, peersMissing } from './peers.js';
import { NATIVE_PEERS, nativePeerAccuracy, nativePeersMissing, RowFile, rowFileInMemory, timeNativePeer } from './native-peers.js';
import { ulpError, softmaxOracle } from '../../oracles/index.js';
import type { KernelEntry } from '../registry.js';
import { kernelRatios, peerRatios } from './ratios.js';
import { sanityRows } from './sanity.js';
import { BENCH_SCHEMA_VERSION, type AccuracyRow, type BenchReport, type BenchRow, type DenormalMode, type PeerRow, type SkippedRow } from './schema.js';
import { defaultSizes } from './sizes.js';
import { DEFAULT_CHECK_ARGS, QUICK_CHECK_ARGS, timeSuite } from './suite.js';
import { bytesNeeded, poolFor, residency, runSweep } from './sweep.js';
import { COMPULSORY_BYTES } from './traffic.js';
import type { ExternalKernel } from '../external/external-kernel.js';

export interface BenchOptions {
  kernel?: string;
  /** Users' ports, timed beside the built-ins (the built-ins are left out when kernel and isa are not given). */
  ports?: readonly ExternalKernel[];
  /** Comma-separated ISAs to keep. */
  isa?: string;
  /** Row lengths; default: 2^8 .. 2^26 and 1/8, 1, 4 and 8 times the measured LLC. */
  sizes?: readonly number[];
  /** `--input`: comma-separated input names or FILE.f32 paths (default uniform1000). */
  input?: string;
  /** `--denormals on|off|both` (default both): the native timing thread's MXCSR FTZ/DAZ. */
  denormals?: string;
  quick: boolean;
  /** Which peers to time: false for none; `js`, `native` or `all` (both kinds). */
  peers: boolean | 'js' | 'native' | 'all';
  timeBudgetSeconds: number;
  /** Time the oracle and a check run too. */
  suite: boolean;
  command: string[];
  onProgress?: (line: string) => void;
}

/**
 * Output pool when the last-level cache cannot be read: 64 MiB, twice a 32 MiB L3. Only the
 * pool falls back; sizes and the cache column then say the LLC is unknown.
 */
const POOL_BYTES_UNKNOWN_LLC = 64 * 2 ** 20;

async function measurePeers(sizes: readonly number[], inputs: readonly BenchInput[], plan: MeasurePlan, llcBytes: number, memoryBytes: () => number, skipped: SkippedRow[], onProgress?: (line: string) => void): Promise<PeerRow[]> {
  const rows: PeerRow[] = [];
  for (const peer of await loadPeers()) {
    for (const input of inputs) {
      let lastNsPerElement = 0;
      for (const n of sizes) {
        if (lastNsPerElement * n > plan.budgetNs) continue;
        // A peer copies x into its own tensor and y out of it: two more rows than our kernels.
        if (bytesNeeded(n, plan.poolBytes) + 8 * n > memoryBytes()) {
          skipped.push({ kernel: peer.name, n, reason: 'not enough memory for the peer\'s own tensors' });
          continue;
        }
        const x = input.row(n);
        try {
          const call = await peer.forSize(n);
          const m = await measure(async (reps, calls) => (await timeJs(call, x, reps, calls, plan.poolBytes)).samples, plan, true);
          lastNsPerElement = m.ns.median / n;
          rows.push({ peer: peer.name, includes: peer.includes, timer: 'js', n, input: input.name, denormals: 'on', ...residency(n, llcBytes), repeats: m.repeats, callsPerSample: m.callsPerSample, ns: m.ns, nsPerElement: lastNsPerElement, gbpsCompulsory: COMPULSORY_BYTES / lastNsPerElement });
          onProgress?.(`${peer.name} n=${n} ${input.name} ${lastNsPerElement.toFixed(3)} ns/elem`);
        } catch (e) {
          skipped.push({ kernel: peer.name, n, reason: (e as Error).message.split('\n')[0]! });
          lastNsPerElement = Infinity;
        }
      }
    }
  }
  return rows;
}

/** Bytes a native peer's timing at n holds: this process's row, the child's row and pool, and the row file on a tmpfs. */
function nativePeerBytes(n: number, poolBytes: number): number {
  return 8 * n + poolFor(n, poolBytes) + (rowFileInMemory() ? 4 * n : 0);
}

async function measureNativePeers(sizes: readonly number[], inputs: readonly BenchInput[], denormals: readonly DenormalMode[], plan: MeasurePlan, llcBytes: number, memoryBytes: () => number, skipped: SkippedRow[], onProgress?: (line: string) => void): Promise<PeerRow[]> {
  const rows: PeerRow[] = [];
  const last = new Map<string, number>();
  // The sweep is done: its output pools would only crowd the child's out of memory at 4 and 8 x LLC.
  releaseJsPool();
  benchAddon()?.benchReleasePool?.();
  for (const n of sizes) {
    // The child holds the row and its own output pool, this process the row it writes to the
    // file, and the file costs memory too where the temporary directory is a tmpfs.
    const need = nativePeerBytes(n, plan.poolBytes);
    if (need > memoryBytes()) {
      for (const peer of NATIVE_PEERS) skipped.push({ kernel: peer.name, n, reason: `n=${n} needs ~${(need / 2 ** 30).toFixed(1)} GiB for the row, the row file and the child's output pool, more than the ${(memoryBytes() / 2 ** 30).toFixed(1)} GiB available` });
      continue;
    }
    for (const input of inputs) {
      let file: RowFile;
      try {
        file = new RowFile(input.row(n));
      } catch (e) {
        // A row file that cannot be written (a full disk) skips the peers at this size, not the run.
        for (const peer of NATIVE_PEERS) skipped.push({ kernel: peer.name, n, reason: `the row file could not be written: ${(e as Error).message.split('\n')[0]}` });
        onProgress?.(`native peers n=${n} ${input.name} skipped: the row file could not be written`);
        continue;
      }
      try {
        for (const peer of NATIVE_PEERS) {
          for (const mode of denormals) {
            const key = `${peer.id}|${input.name}|${mode}`;
            if ((last.get(key) ?? 0) * n > plan.budgetNs) continue;
            try {
              const m = await measure(async (reps, calls) => timeNativePeer(peer, file, reps, calls, plan.poolBytes, mode), plan, false);
              const nsPerElement = m.ns.median / n;
              last.set(key, nsPerElement);
              rows.push({ peer: peer.name, includes: peer.includes, timer: 'native', n, input: input.name, denormals: mode, ...residency(n, llcBytes), repeats: m.repeats, callsPerSample: m.callsPerSample, ns: m.ns, nsPerElement, gbpsCompulsory: COMPULSORY_BYTES / nsPerElement });
              onProgress?.(`${peer.name} n=${n} ${input.name} denormals ${mode} ${nsPerElement.toFixed(3)} ns/elem`);
            } catch (e) {
              skipped.push({ kernel: peer.name, n, reason: (e as Error).message.split('\n')[0]! });
              last.set(key, Infinity);
            }
          }
        }
      } finally {
        file.dispose();
      }
    }
  }
  return rows;
}

/** Row length of the accuracy rows: long enough for the kernels' main loops, short enough for the oracle. */
export const ACCURACY_N = 2 ** 16;

/** The native peers and our native kernels on one row of each input, against the exact oracle. */
function measureAccuracy(kernels: readonly KernelEntry[], inputs: readonly BenchInput[]): AccuracyRow[] {
  const out: AccuracyRow[] = [];
  for (const input of inputs) {
    const x = input.row(ACCURACY_N);
    for (const peer of NATIVE_PEERS) out.push({ implementation: peer.name, kind: 'peer', input: input.name, n: ACCURACY_N, ...nativePeerAccuracy(peer, x) });
    const exact = softmaxOracle(x).reference;
    for (const k of kernels.filter((e) => e.available && (e.spec.isa === 'avx512' || e.spec.isa === 'avx2'))) {
      const y = new Float32Array(ACCURACY_N);
      k.row!(x, y);
      let maxUlp = 0;
      let sum = 0;
      let over1Ulp = 0;
      for (let i = 0; i < ACCURACY_N; i++) {
        const e = ulpError(y[i]!, exact[i]!);
        maxUlp = Math.max(maxUlp, e);
        sum += e;
        if (e > 1) over1Ulp++;
      }
      out.push({ implementation: k.spec.id, kind: 'kernel', input: input.name, n: ACCURACY_N, maxUlp, meanUlp: sum / ACCURACY_N, over1Ulp });
    }
  }
  return out;
}

/** The timing method of a run: the same for its retests (gate.ts). */
function measurePlan(quick: boolean, timeBudgetSeconds: number, llcBytes: number): MeasurePlan {
  return {
    minSampleNs: quick ? 50_000 : 200_000,
    budgetNs: timeBudgetSeconds * 1e9,
    minReps: quick ? 3 : 5,
    maxReps: quick ? 3 : 15,
    // Twice the last-level cache: every call's output is evicted before it comes round again.
    poolBytes: llcBytes > 0 ? 2 * llcBytes : POOL_BYTES_UNKNOWN_LLC,
    jitWarmupNs: quick ? 30e6 : 200e6,
  };
}

/**
 * Times `rows` of `report` again, each alone (its kernel, n, input and denormal mode), with
 * the report's method: the performance gate's retest. Rows that can no longer be timed are
 * left out of the answer.
 */
export async function remeasure(report: Pick<BenchReport, 'quick' | 'method'>, rows: readonly BenchRow[], ports: readonly ExternalKernel[] = [], onProgress?: (line: string) => void): Promise<BenchRow[]> {
  const plan = measurePlan(report.quick, report.method.timeBudgetSeconds, report.method.llcBytes);
  const out: BenchRow[] = [];
  for (const row of rows) {
    const port = ports.find((p) => p.entry.spec.id === row.kernel);
    const entry = port?.entry ?? matchKernels(row.kernel).find((k) => k.spec.id === row.kernel);
    if (!entry) continue;
    const sweep = await runSweep({
      kernels: [entry],
      ports: port ? [port] : [],
      sizes: [row.n],
      inputs: parseBenchInputs(row.input),
      denormals: [row.denormals],
      llcBytes: report.method.llcBytes,
      memoryBytes: () => 0.75 * availableMemoryBytes(),
      plan,
      roofline: false,
    });
    out.push(...sweep.rows.filter((r) => r.timer === row.timer));
    onProgress?.(`retested ${row.kernel} n=${row.n} (${row.input}, denormals ${row.denormals})`);
  }
  return out;
}

export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const machine = machineInfo();
  const isas = o.isa?.split(',').map((s) => s.trim());
  const unknown = isas?.filter((isa) => !(ISAS as readonly string[]).includes(isa)) ?? [];
  if (unknown.length > 0) throw new UsageError(`--isa ${o.isa}: unknown ${unknown.join(', ')}; expected some of ${ISAS.join(', ')}`);
  const ports = o.ports ?? [];
  // With ports and no --kernel/--isa, the ports alone; the roofline is measured either way.
  const builtins = ports.length && !o.kernel && !o.isa ? [] : matchKernels(o.kernel).filter((k) => k.spec.origin === 'builtin' && (!isas || isas.includes(k.spec.isa)));
  const kernels = [...builtins, ...ports.map((p) => p.entry)];
  if (kernels.length === 0) throw new UsageError(`no kernel matches --kernel ${o.kernel ?? '(all)'} --isa ${o.isa ?? '(all)'}`);
  const inputs = parseBenchInputs(o.input ?? DEFAULT_BENCH_INPUT);
  const denormals = parseDenormals(o.denormals ?? 'both');
  const llcBytes = lastLevelCacheBytes(machine);
  const sizes = o.sizes ?? defaultSizes(llcBytes);
  // What the run may hold: most of what is available when asked, leaving room for Node and other processes.
  const memoryBytes = () => 0.75 * availableMemoryBytes();
  const plan = measurePlan(o.quick, o.timeBudgetSeconds, llcBytes);
  if (llcBytes === 0) o.onProgress?.('the last-level cache size is unknown (no sysfs cache directory, no getconf): no LLC-multiple sizes, cache column "unknown"');
  o.onProgress?.(DENORMALS_JS_NOTE);
  const sweep = await runSweep({ kernels, ports, sizes, inputs, denormals, llcBytes, memoryBytes, plan, onRow: o.onProgress });
  const peers: PeerRow[] = [];
  let accuracy: AccuracyRow[] = [];
  if (o.peers) {
    const set = o.peers === true ? 'all' : o.peers;
    const jsMissing = set === 'native' ? 'not requested' : peersMissing();
    const nativeMissing = set === 'js' ? 'not requested' : nativePeersMissing();
    if (jsMissing) o.onProgress?.(`JS peers skipped: ${jsMissing}`);
    else peers.push(...(await measurePeers(sizes, inputs, plan, llcBytes, memoryBytes, sweep.skipped, o.onProgress)));
    if (nativeMissing) o.onProgress?.(`native peers skipped: ${nativeMissing}`);
    else {
      peers.push(...(await measureNativePeers(sizes, inputs, denormals, plan, llcBytes, memoryBytes, sweep.skipped, o.onProgress)));
      accuracy = measureAccuracy(kernels, inputs);
    }
  }
  const suite = o.suite ? timeSuite(o.quick ? QUICK_CHECK_ARGS : DEFAULT_CHECK_ARGS) : null;
  machine.loadAverage.end = loadavg()[0]!;
  return {
    schema: 'softmax-verify-bench',
    schemaVersion: BENCH_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    command: o.command,
    quick: o.quick,
    machine,
    method: {
      inputs: inputs.map((i) => ({ name: i.name, description: i.description })),
      denormals,
      denormalsNote: DENORMALS_JS_NOTE,
      llcBytes,
      outputPoolBytes: plan.poolBytes,
      minSampleNs: plan.minSampleNs,
      jitWarmupNs: plan.jitWarmupNs,
      timeBudgetSeconds: o.timeBudgetSeconds,
      inCacheInputWarmed: true,
    },
    rows: sweep.rows,
    roofline: sweep.roofline,
    peers,
    ratios: [...kernelRatios(sweep.rows), ...peerRatios(sweep.rows, peers)],
    skipped: sweep.skipped,
    sanity: sanityRows(sweep.rows, { average: Math.max(machine.loadAverage.start, machine.loadAverage.end), cpus: machine.logicalCpus }),
    accuracy,
    suite,
  };
}

export function writeBenchReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 1)}\n`);
}
