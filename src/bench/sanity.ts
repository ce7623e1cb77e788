// The sanity line: a kernel out of cache far below its roofline is not "just slower"; something
// other than memory limits it. Each such row is flagged with the likely cause, read from the
// other measurements of the same run (the same kernel in the other denormal mode, the timer).

import type { BenchRow, SanityRow } from './schema.js';

/** Out of cache, a kernel below this fraction of its memory-only roofline is flagged. */
export const SANITY_ROOFLINE_RATIO = 0.5;
/** Denormals on slower than off by more than this factor: denormal assists. */
const DENORMAL_FACTOR = 1.2;

function cause(r: BenchRow, rows: readonly BenchRow[]): string {
  if (r.timer === 'js-zero-copy') return 'zero-copy wasm (no copies): V8 may not have tiered up to TurboFan, wasm SIMD128 is 4 lanes wide, and denormals cannot be turned off (no FTZ/DAZ in wasm)';
  if (r.timer === 'js') {
    if (r.isa.startsWith('wasm')) return 'JS-timed wasm: the call copies x into and y out of wasm memory, V8 may not have tiered up to TurboFan, and denormals cannot be turned off (no FTZ/DAZ in wasm)';
    return 'JS-timed scalar code: no SIMD, and the JIT tier (interpreter/baseline before TurboFan) and boxed doubles';
  }
  const other = rows.find((o) => o.kernel === r.kernel && o.n === r.n && o.input === r.input && o.denormals !== r.denormals);
  if (!other) return r.denormals === 'on' ? 'unknown: rerun with --denormals both; if denormals off is much faster, denormal (microcode) assists' : 'compute-bound with FTZ/DAZ set: the arithmetic, not memory, limits it';
  const on = r.denormals === 'on' ? r : other;
  const off = r.denormals === 'on' ? other : r;
  const factor = on.ns.median / off.ns.median;
  if (r.denormals === 'on' && factor > DENORMAL_FACTOR) return `denormal assists: with FTZ/DAZ set it runs ${factor.toFixed(2)}x faster`;
  return `compute-bound: denormal mode changes it by ${factor.toFixed(2)}x, so the arithmetic per element (not memory, not assists) limits it`;
}

/**
 * Every out-of-cache row below SANITY_ROOFLINE_RATIO of its roofline, with the likely cause.
 * `load`: the run's 1-minute load average and CPU count; more runnable processes than CPUs
 * slow the kernel and its roofline at different moments, so the cause then says so too.
 */
export function sanityRows(rows: readonly BenchRow[], load?: { average: number; cpus: number }): SanityRow[] {
  const busy = load && load.average > load.cpus ? `; also interference: load ${load.average.toFixed(1)} on ${load.cpus} CPUs during the run` : '';
  return rows
    .filter((r) => r.cache === 'out-of-cache' && r.rooflineRatio !== null && r.rooflineRatio < SANITY_ROOFLINE_RATIO)
    .map((r) => ({ kernel: r.kernel, n: r.n, input: r.input, denormals: r.denormals, rooflineRatio: r.rooflineRatio!, cause: cause(r, rows) + busy }));
}
