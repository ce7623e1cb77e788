// The benchmark (docs/bench.md): the CLI's `bench` command and report renderers use these.
export { remeasure, runBench, writeBenchReport, type BenchOptions } from './run-bench.js';
export { remeasureInFreshProcess } from './fresh-retest.js';
export { BUSY_CORES, gateAgainstBaseline, RETEST_ROUNDS, type GateOutcome } from './gate.js';
export { findRegressions, readBaseline, REGRESSION_MIN_N, REGRESSION_RELATIVE, REGRESSION_SPREADS, type Regression } from './baseline.js';
export { formatReport } from './table.js';
export { parseSizes, defaultSizes, QUICK_SIZES, LLC_MULTIPLES } from './sizes.js';
export { BENCH_INPUT_NAMES, DENORMALS_JS_NOTE } from './input.js';
export { SANITY_ROOFLINE_RATIO } from './sanity.js';
export { peersMissing, PEERS_INSTALL_COMMAND } from './peers.js';
export { nativePeersMissing, NATIVE_PEERS_BUILD_COMMAND } from './native-peers.js';
export { BENCH_SCHEMA_VERSION, type BenchReport, type BenchRow, type RooflineRow, type PeerRow, type RatioRow, type SanityRow } from './schema.js';
