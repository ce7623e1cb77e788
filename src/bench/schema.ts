// The bench JSON (reports/out/bench.json): its versioned shape, documented field by field in
// docs/bench.md. A renderer or a comparison across machines reads only these fields.

/** Bumped on any change a reader must know about (renamed, removed or re-defined fields). */
export const BENCH_SCHEMA_VERSION = 2;

/** `on`: subnormals computed (MXCSR FTZ/DAZ off, as Node runs); `off`: FTZ and DAZ set in the native timing thread. */
export type DenormalMode = 'on' | 'off';

/** The row (x, 4n bytes) against the measured last-level cache; `unknown` when the LLC is not known. */
export type CacheResidency = 'in-cache' | 'out-of-cache' | 'unknown';

/** Which input, which denormal mode and where the row sits: every measurement carries these. */
export interface Condition {
  /** Input name (`uniform1000`, `normal4`, ..., or a file path): method.inputs describes each. */
  input: string;
  denormals: DenormalMode;
  cache: CacheResidency;
  /** 4n bytes / the last-level cache; null when it is unknown. */
  llcMultiple: number | null;
}

export interface Spread {
  /** Nanoseconds per call: median, fastest and slowest sample. */
  median: number;
  min: number;
  max: number;
}

/** One (kernel, n, input, denormal mode) measurement. */
export interface BenchRow extends Condition {
  kernel: string;
  algorithm: string;
  isa: string;
  recipe: string;
  n: number;
  /**
   * `native`: timing loop in the addon; `js`: process.hrtime.bigint() around the registry's
   * RowKernel call (for wasm: x copied into the module, y out of it); `js-zero-copy`: around the
   * zero-copy wasm API's call (wasmBuffers: the rows live in the module's memory, no copies);
   * `driver`: a port's process-ABI driver runs the same loop next to the kernel (op 3);
   * `roundtrip`: a port without its own loop, timed from here (each call includes the pipe).
   */
  timer: 'native' | 'js' | 'js-zero-copy' | 'driver' | 'roundtrip';
  repeats: number;
  callsPerSample: number;
  ns: Spread;
  nsPerElement: number;
  elementsPerSecond: number;
  /** 8 bytes per element (read x once, write y once) per second, in 1e9 bytes/s. */
  gbpsCompulsory: number;
  /** The algorithm's own traffic (docs/algorithms.md: 12, 16 or 20 bytes per element) per second. */
  gbpsReal: number;
  /** Memory-only time of the algorithm's access pattern / this kernel's time (1 = at the limit). */
  rooflineRatio: number | null;
}

/** A kernel out of cache below SANITY_ROOFLINE_RATIO of its roofline, with the likely cause. */
export interface SanityRow {
  kernel: string;
  n: number;
  input: string;
  denormals: DenormalMode;
  rooflineRatio: number;
  cause: string;
}

/** Accuracy against the exact oracle on one row of the run's input, for peers next to our kernels. */
export interface AccuracyRow {
  implementation: string;
  kind: 'peer' | 'kernel';
  input: string;
  n: number;
  maxUlp: number;
  meanUlp: number;
  /** Elements more than 1 ULP from the exact value. */
  over1Ulp: number;
}

/** One memory-only measurement: an access pattern with no arithmetic (the physical limit), on the first input with denormals on. */
export interface RooflineRow extends Omit<Condition, 'denormals'> {
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

export interface PeerRow extends Condition {
  peer: string;
  /** `native`: timed in native code by the same loop as our kernels (bench/peers/native); `js`: around the JS call. */
  timer: 'native' | 'js';
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
  input: string;
  denormals: DenormalMode;
  numerator: string;
  denominator: string;
  /** For `peer` ratios: how our kernel was timed (a wasm kernel's fastest may be the zero-copy call). */
  denominatorTimer?: BenchRow['timer'];
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
    /** Every input of the run (`--input`), by name. */
    inputs: Array<{ name: string; description: string }>;
    /** The denormal modes the native timings ran in (`--denormals`); JS and wasm run with denormals on only (denormalsNote). */
    denormals: DenormalMode[];
    denormalsNote: string;
    /** The measured last-level cache in bytes (0: unknown): the cache column and the default LLC-multiple sizes. */
    llcBytes: number;
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
  sanity: SanityRow[];
  /** With --peers and the native peers built: their accuracy and our native kernels' on the same rows. */
  accuracy: AccuracyRow[];
  suite: SuiteTiming | null;
}
