import { join } from 'node:path';
import { BENCH_INPUT_NAMES, BUSY_CORES, gateAgainstBaseline, formatReport, remeasure, remeasureInFreshProcess, RETEST_ROUNDS, parseSizes, nativePeersMissing, peersMissing, QUICK_SIZES, readBaseline, REGRESSION_MIN_N, REGRESSION_RELATIVE, REGRESSION_SPREADS, runBench, writeBenchReport, type BenchRow, type Regression } from '../bench/index.js';
import type { Command } from './command.js';
import { userPaths } from './user-paths.js';
import { EXTERNAL_OPTIONS, externalsFromOptions } from './external-options.js';
import { parseOptions } from './options.js';
import { UsageError } from '../errors.js';
import { EXIT } from './exit-codes.js';

function secondsOption(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const s = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || !(s > 0)) throw new UsageError(`--time-budget ${v}: expected a positive number of seconds`);
  return s;
}

export const benchCommand: Command = {
  name: 'bench',
  help: `  softmax-verify bench [--kernel PATTERN] [--isa LIST] [--sizes LIST] [--input LIST] [--denormals on|off|both]
                       [--time-budget S] [--quick] [--peers [--peer-set js|native|all]] [--baseline FILE] [--out FILE] [--no-suite]
                       [--external PATH | --exec 'CMD' ...  (the options of check --external)]
      Times every available kernel (single thread) over row lengths 2^8 .. 2^26 and 1/8, 1, 4 and 8
      times the measured last-level cache (LIST: 2^10,65536 or 256..2^26), on inputs ${BENCH_INPUT_NAMES.join(', ')}
      or FILE.f32 (default uniform1000), with the native timing thread's FTZ/DAZ off (--denormals on),
      set (off) or both (default; JS and wasm cannot set them), against memory-only kernels with each algorithm's traffic (the roofline) and,
      with --peers, onnxruntime-node/web, tfjs-wasm and plain JS (install: npm run bench:peers:install) and
      XNNPACK and oneDNN timed natively, with their accuracy (build: npm run bench:peers:native).
      --external/--exec: time ports with the same method and JSON (their drivers' own loop
      when they have one: timer "driver"; else from here: timer "roundtrip"); alone, or beside
      the built-ins selected by --kernel/--isa.
      --time-budget: seconds of timed samples per (kernel, n), default 2 (0.3 with --quick).
      --quick: 4 sizes, 3 repeats, a shortened check timing; under a minute. Writes
      OUT_DIR/bench.json (as for check; schema: docs/bench.md). Exit: 0, 2 usage or peers missing,
      4 a regression against --baseline (median ns/elem worse by > ${REGRESSION_RELATIVE * 100}% and > ${REGRESSION_SPREADS}x the jitter median - min, n >= ${REGRESSION_MIN_N}),
        still so in each of ${RETEST_ROUNDS} retests (fastest timing kept) while other processes used
        at most ${BUSY_CORES} cores; on a busier machine it is reported as inconclusive (exit 0, a warning).`,
  async run(args) {
    const v = parseOptions(args, {
      kernel: { type: 'string' },
      isa: { type: 'string' },
      sizes: { type: 'string' },
      'time-budget': { type: 'string' },
      quick: { type: 'boolean' },
      peers: { type: 'boolean' },
      baseline: { type: 'string' },
      out: { type: 'string' },
      'no-suite': { type: 'boolean' },
      input: { type: 'string' },
      denormals: { type: 'string' },
      'peer-set': { type: 'string' },
      ...EXTERNAL_OPTIONS,
    });
    const peerSet = v['peer-set'] ?? 'all';
    if (!['js', 'native', 'all'].includes(peerSet)) throw new UsageError(`--peer-set ${peerSet}: expected js, native or all`);
    if (v['peer-set'] !== undefined && !v.peers) throw new UsageError('--peer-set: only with --peers');
    const quick = v.quick ?? false;
    if (v.peers) {
      const missing = peerSet === 'native' ? 'JS peers not requested (--peer-set native)' : peersMissing();
      const nativeMissing = peerSet === 'js' ? 'native peers not requested (--peer-set js)' : nativePeersMissing();
      // --peers runs whichever peers are installed; with none at all it is a usage error.
      if (missing && nativeMissing) {
        process.stderr.write(`softmax-verify bench: ${missing}; ${nativeMissing}\n`);
        return EXIT.usage;
      }
    }
    const baseline = v.baseline === undefined ? null : readBaseline(v.baseline);
    const ports = (await externalsFromOptions(v, false)).map((p) => p.kernel);
    const report = await runBench({
      kernel: v.kernel,
      ports,
      isa: v.isa,
      sizes: v.sizes ? parseSizes(v.sizes) : quick ? QUICK_SIZES : undefined,
      input: v.input,
      denormals: v.denormals,
      quick,
      peers: v.peers ? (peerSet as 'js' | 'native' | 'all') : false,
      timeBudgetSeconds: secondsOption(v['time-budget'], quick ? 0.3 : 2),
      suite: !(v['no-suite'] ?? false),
      command: ['softmax-verify', 'bench', ...args],
      onProgress: (line) => process.stderr.write(`  ${line}\n`),
    });
    try {
      const out = v.out ?? join(userPaths().outDir, 'bench.json');
      writeBenchReport(out, report);
      process.stdout.write(formatReport(report));
      process.stdout.write(`wrote ${out}\n`);
      if (!baseline) return EXIT.ok;
      // Built-in kernels are retested in a fresh process each round (fresh-retest.ts says why);
      // ports in this one, whose runners are already processes of their own.
      const isPort = (r: { kernel: string }) => ports.some((p) => p.entry.spec.id === r.kernel);
      const retest = async (rows: BenchRow[]) => [
        ...(rows.some((r) => !isPort(r)) ? (await remeasureInFreshProcess(report, rows.filter((r) => !isPort(r)))).rows : []),
        ...(await remeasure(report, rows.filter(isPort), ports, (line) => process.stderr.write(`  ${line}\n`))),
      ];
      const gate = await gateAgainstBaseline(report.rows, baseline.rows, retest);
      const slower = (r: Regression) => `${r.kernel} n=${r.n} (${r.row.input}, denormals ${r.row.denormals}): ${r.nsPerElement.toFixed(3)} ns/elem, baseline ${r.baselineNsPerElement.toFixed(3)} (${((r.nsPerElement / r.baselineNsPerElement - 1) * 100).toFixed(1)}% slower)`;
      const load = gate.otherCores === null ? 'other processes\' load unknown' : `other processes used ${gate.otherCores.toFixed(2)} cores`;
      for (const r of gate.cleared) process.stdout.write(`cleared on retest: ${r.kernel} n=${r.n} looked ${((r.nsPerElement / r.baselineNsPerElement - 1) * 100).toFixed(1)}% slower once; a retest timed it within the gate\n`);
      for (const r of gate.confirmed) process.stdout.write(`REGRESSION ${slower(r)}, confirmed by ${RETEST_ROUNDS} retests in fresh processes (${load})\n`);
      for (const r of gate.inconclusive) process.stdout.write(`REGRESSION? ${slower(r)}: inconclusive, the machine was busy while retesting (${load}, more than ${BUSY_CORES}); rerun on a quiet machine\n`);
      if (gate.inconclusive.length) process.stderr.write(`softmax-verify bench: warning: the machine was busy (${load}); ${gate.inconclusive.length} apparent regression(s) not gated\n`);
      return gate.confirmed.length > 0 ? EXIT.regression : EXIT.ok;
    } finally {
      for (const p of ports) p.close();
    }
  },
};
