// The bench JSON (reports/out/bench.json): its versioned shape, documented field by field in
// docs/bench.md. A renderer or a comparison across machines reads only these fields.

/** Bumped on any change a reader must know about (renamed, removed or re-defined fields). */
export const BENCH_SCHEMA_VERSION = 1;

export interface Spread {
  /** Nanoseconds per call: median, fastest and slowest sample. */
  median: number;
  min: number;
  max: number;
}

/** One (kernel, n) measurement. */
export interface BenchRow {
  kernel: string;
  algorithm: string;
  isa: string;
  recipe: string;
  n: number;
  /**
   * `native`: timing loop in the addon; `js`: process.hrtime.bigint() around the JS call;
   * `driver`: a port's process-ABI driver runs the same loop next to the kernel (op 3);
   * `roundtrip`: a port without its own loop, timed from here (each call includes the pipe).
   */
  timer: 'native' | 'js' | 'driver' | 'roundtrip';
  repeats: number;
  callsPerSample: number;
  ns: Spread;
  nsPerElement: number;
  elementsPerSecond: number;
  /** 8 bytes per element (read x once, write y once) per second, in 1e9 bytes/s. */
  gbpsCompulsory: number;
  /** The algorithm's own traffic (ALGORITHMS.md: 12, 16 or 20 bytes per element) per second. */
  gbpsReal: number;
  /** Memory-only time of the algorithm's access pattern / this kernel's time (1 = at the limit). */
  rooflineRatio: number | null;
}

/** One memory-only measurement: an access pattern with no arithmetic (the physical limit). */
export interface RooflineRow {
  pattern: string;
  isa: string;
  n: number;
  repeats: number;
  callsPerSample: number;
  ns: Spread;
  nsPerElement: number;
  bytesPerElement: number;
  /** bytesPerElement per element / median time, in 1e9 bytes/s (write-allocate reads not counted). */
  gbps: number;
}

export interface PeerRow {
  peer: string;
  /** What one timed call includes, in words. */
  includes: string;
  n: number;
  repeats: number;
  callsPerSample: number;
  ns: Spread;
  nsPerElement: number;
  gbpsCompulsory: number;
}

/** A comparison at one n: `numerator` median time / `denominator` median time (> 1: the denominator is faster). */
export interface RatioRow {
  kind: 'two-pass-vs-three-pass' | 'accurate-vs-paper' | 'peer';
  numerator: string;
  denominator: string;
  n: number;
  ratio: number;
}

export interface SkippedRow {
  kernel: string;
  n: number;
  reason: string;
}

export interface MachineInfo {
  cpuModel: string;
  logicalCpus: number;
  /** ISA-related CPU flags from /proc/cpuinfo (avx2, fma, avx512f, ...). */
  isaFlags: string[];
  /** Per cache level from /sys/devices/system/cpu/cpu0/cache: e.g. { level: 3, type: 'Unified', bytes: 33554432 }. */
  caches: Array<{ level: number; type: string; bytes: number }>;
  memoryBytes: number;
  nodeVersion: string;
  platform: string;
  /** MXCSR of the benchmarking thread, read natively; null without the addon. */
  denormals: { mxcsr: number; ftz: boolean; daz: boolean } | null;
  /** 1-minute load average when the run started and ended (other processes skew timings). */
  loadAverage: { start: number; end: number };
}

export interface SuiteTiming {
  /** softmaxOracle on one row of `n` elements. */
  oracle: { n: number; input: string; seconds: number; fallbacks: number };
  /** A `softmax-verify check` child process; `args` says whether it was the default run or a shortened one. */
  check: { args: string[]; seconds: number; exitCode: number | null } | null;
}

export interface BenchReport {
  schema: 'softmax-verify-bench';
  schemaVersion: typeof BENCH_SCHEMA_VERSION;
  createdAt: string;
  command: string[];
  quick: boolean;
  machine: MachineInfo;
  method: {
    input: string;
    outputPoolBytes: number;
    minSampleNs: number;
    /** JS and wasm code (kernels and peers) ran at least this long before being timed. */
    jitWarmupNs: number;
    timeBudgetSeconds: number;
    inCacheInputWarmed: boolean;
  };
  rows: BenchRow[];
  roofline: RooflineRow[];
  peers: PeerRow[];
  ratios: RatioRow[];
  skipped: SkippedRow[];
  suite: SuiteTiming | null;
}
