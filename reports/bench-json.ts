// A bench JSON (`softmax-verify bench --out`, docs/bench.md) as the report renderers read it:
// validated on read, and the few derived views the HTML and Markdown reports share.

import type { BenchReport, BenchRow } from '../src/bench/schema.js';

export { readBenchReport } from '../src/bench/read-bench-report.js';

/**
 * The rows users' runs are like: the run's first input, with denormals on (as Node runs) when
 * that mode was measured, wasm through the registry's copying call (the zero-copy rows are a
 * second timing of the same kernels). Cross-machine tables and the time charts use these.
 */
export function primaryRows(bench: BenchReport): BenchRow[] {
  const input = bench.method.inputs[0]?.name;
  const mode = bench.method.denormals.includes('on') ? 'on' : bench.method.denormals[0];
  return bench.rows.filter((r) => r.input === input && r.timer !== 'js-zero-copy' && (r.timer === 'js' || r.denormals === mode));
}

/** "uniform1000, denormals on": how the sets of one run's measurements are labelled. */
export function conditionLabel(r: { input: string; denormals: string }): string {
  return `${r.input}, denormals ${r.denormals}`;
}

/** Our fastest kernel of each ISA at each n (the naive control excluded: it is not a softmax anyone should use). */
export function bestPerIsa(rows: readonly BenchRow[]): BenchRow[] {
  const best = new Map<string, BenchRow>();
  for (const r of rows) {
    if (r.algorithm === 'naive') continue;
    const key = `${r.isa}@${r.n}`;
    const b = best.get(key);
    if (!b || r.ns.median < b.ns.median) best.set(key, r);
  }
  return [...best.values()];
}

/**
 * The row length at which machines' speeds of `kernel` compare: the largest n that every bench
 * timing the kernel has (a kernel one machine cannot run does not hold the others back); null when
 * none is shared.
 */
export function sharedN(benches: readonly BenchReport[], kernel: string): number | null {
  const sizes = benches.map((b) => primaryRows(b).filter((r) => r.kernel === kernel).map((r) => r.n)).filter((ns) => ns.length > 0);
  if (sizes.length === 0) return null;
  const common = sizes[0].filter((n) => sizes.every((ns) => ns.includes(n)));
  return common.length ? Math.max(...common) : null;
}
