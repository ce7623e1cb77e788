import { DEFAULT_SIZES, findRegressions, formatReport, parseSizes, peersMissing, QUICK_SIZES, readBaseline, REGRESSION_MIN_N, REGRESSION_RELATIVE, REGRESSION_SPREADS, runBench, writeBenchReport } from '../bench/index.js';
import type { Command } from './command.js';
import { EXTERNAL_OPTIONS, externalsFromOptions } from '../external/external-options.js';
import { parseOptions } from './options.js';
import { EXIT, UsageError } from '../errors.js';

function secondsOption(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const s = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || !(s > 0)) throw new UsageError(`--time-budget ${v}: expected a positive number of seconds`);
  return s;
}

export const benchCommand: Command = {
  name: 'bench',
  help: `  softmax-verify bench [--kernel PATTERN] [--isa LIST] [--sizes LIST] [--time-budget S] [--quick]
                       [--peers] [--baseline FILE] [--out FILE] [--no-suite]
                       [--external PATH | --exec 'CMD' ...  (the options of check --external)]
      Times every available kernel (single thread) over row lengths 2^8 .. 2^26 (LIST: 2^10,65536
      or 256..2^26), against memory-only kernels with each algorithm's traffic (the roofline) and,
      with --peers, onnxruntime-node/web, tfjs-wasm and plain JS (install: npm run bench:peers:install).
      --time-budget: seconds of timed samples per (kernel, n), default 2 (0.3 with --quick).
      --quick: 4 sizes, 3 repeats, a shortened check timing; under a minute. Writes
      reports/out/bench.json (schema: docs/bench.md). Exit: 0, 2 usage or peers missing,
      --external/--exec: time ports with the same method and JSON (their drivers' own loop
      when they have one: timer "driver"; else from here: timer "roundtrip"); alone, or beside
      the built-ins selected by --kernel/--isa.
      4 a regression against --baseline (median ns/elem worse by > ${REGRESSION_RELATIVE * 100}% and > ${REGRESSION_SPREADS}x the jitter median - min, n >= ${REGRESSION_MIN_N}).`,
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
      ...EXTERNAL_OPTIONS,
    });
    const quick = v.quick ?? false;
    if (v.peers) {
      const missing = peersMissing();
      if (missing) {
        process.stderr.write(`softmax-verify bench: ${missing}\n`);
        return EXIT.usage;
      }
    }
    const baseline = v.baseline === undefined ? null : readBaseline(v.baseline);
    const ports = (await externalsFromOptions(v, false)).map((p) => p.kernel);
    const report = await runBench({
      kernel: v.kernel,
      ports,
      isa: v.isa,
      sizes: v.sizes ? parseSizes(v.sizes) : quick ? QUICK_SIZES : DEFAULT_SIZES,
      quick,
      peers: v.peers ?? false,
      timeBudgetSeconds: secondsOption(v['time-budget'], quick ? 0.3 : 2),
      suite: !(v['no-suite'] ?? false),
      command: ['softmax-verify', 'bench', ...args],
      onProgress: (line) => process.stderr.write(`  ${line}\n`),
    });
    for (const p of ports) p.close();
    const out = v.out ?? 'reports/out/bench.json';
    writeBenchReport(out, report);
    process.stdout.write(formatReport(report));
    process.stdout.write(`wrote ${out}\n`);
    if (!baseline) return EXIT.ok;
    const regressions = findRegressions(report.rows, baseline.rows);
    for (const r of regressions) {
      process.stdout.write(`REGRESSION ${r.kernel} n=${r.n}: ${r.nsPerElement.toFixed(3)} ns/elem, baseline ${r.baselineNsPerElement.toFixed(3)} (${((r.nsPerElement / r.baselineNsPerElement - 1) * 100).toFixed(1)}% slower)\n`);
    }
    return regressions.length > 0 ? EXIT.regression : EXIT.ok;
  },
};
