// `softmax-verify bench` as a function: sweep, roofline, peers, ratios, suite timing, report.

import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { matchKernels } from '../registry.js';
import { ISAS } from '../spec/kernel-id.js';
import { BENCH_INPUT, benchInput } from './input.js';
import { timeJs } from './js-timer.js';
import { lastLevelCacheBytes, machineInfo } from './machine.js';
import { measure, type MeasurePlan } from './measure.js';
import { loadPeers } from './peers.js';
import { kernelRatios, peerRatios } from './ratios.js';
import { BENCH_SCHEMA_VERSION, type BenchReport, type PeerRow } from './schema.js';
import { DEFAULT_CHECK_ARGS, QUICK_CHECK_ARGS, timeSuite } from './suite.js';
import { runSweep } from './sweep.js';
import { COMPULSORY_BYTES } from './traffic.js';
import type { ExternalKernel } from '../external/external-kernel.js';

export interface BenchOptions {
  kernel?: string;
  /** Users' ports, timed beside the built-ins (the built-ins are left out when kernel and isa are not given). */
  ports?: readonly ExternalKernel[];
  /** Comma-separated ISAs to keep. */
  isa?: string;
  sizes: readonly number[];
  quick: boolean;
  peers: boolean;
  timeBudgetSeconds: number;
  /** Time the oracle and a check run too. */
  suite: boolean;
  command: string[];
  onProgress?: (line: string) => void;
}

/** Fallback when sysfs does not say: this project's reference machine has a 32 MiB L3. */
const DEFAULT_LLC_BYTES = 32 * 2 ** 20;

async function measurePeers(sizes: readonly number[], plan: MeasurePlan, onProgress?: (line: string) => void): Promise<PeerRow[]> {
  const rows: PeerRow[] = [];
  for (const peer of await loadPeers()) {
    let lastNsPerElement = 0;
    for (const n of sizes) {
      if (lastNsPerElement * n > plan.budgetNs) continue;
      const x = benchInput(n);
      const call = await peer.forSize(n);
      const m = await measure(async (reps, calls) => (await timeJs(call, x, reps, calls, plan.poolBytes)).samples, plan, true);
      lastNsPerElement = m.ns.median / n;
      rows.push({ peer: peer.name, includes: peer.includes, n, repeats: m.repeats, callsPerSample: m.callsPerSample, ns: m.ns, nsPerElement: lastNsPerElement, gbpsCompulsory: COMPULSORY_BYTES / lastNsPerElement });
      onProgress?.(`${peer.name} n=${n} ${lastNsPerElement.toFixed(3)} ns/elem`);
    }
  }
  return rows;
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
  const plan: MeasurePlan = {
    minSampleNs: o.quick ? 50_000 : 200_000,
    budgetNs: o.timeBudgetSeconds * 1e9,
    minReps: o.quick ? 3 : 5,
    maxReps: o.quick ? 3 : 15,
    // Twice the last-level cache: every call's output is evicted before it comes round again.
    poolBytes: 2 * (lastLevelCacheBytes(machine) || DEFAULT_LLC_BYTES),
    jitWarmupNs: o.quick ? 30e6 : 200e6,
  };
  const sweep = await runSweep({ kernels, ports, sizes: o.sizes, plan, onRow: o.onProgress });
  const peers = o.peers ? await measurePeers(o.sizes, plan, o.onProgress) : [];
  const suite = o.suite ? timeSuite(o.quick ? QUICK_CHECK_ARGS : DEFAULT_CHECK_ARGS) : null;
  machine.loadAverage.end = loadavg()[0]!;
  return {
    schema: 'softmax-verify-bench',
    schemaVersion: BENCH_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    command: o.command,
    quick: o.quick,
    machine,
    method: { input: BENCH_INPUT, outputPoolBytes: plan.poolBytes, minSampleNs: plan.minSampleNs, jitWarmupNs: plan.jitWarmupNs, timeBudgetSeconds: o.timeBudgetSeconds, inCacheInputWarmed: true },
    rows: sweep.rows,
    roofline: sweep.roofline,
    peers,
    ratios: [...kernelRatios(sweep.rows), ...peerRatios(sweep.rows, peers)],
    skipped: sweep.skipped,
    suite,
  };
}

export function writeBenchReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 1)}\n`);
}
