// Comparisons within one run, so they hold on any machine: Two-Pass against each Three-Pass
// (same ISA and recipe), accurate against paper (same algorithm and ISA), ours against peers.

import type { BenchRow, PeerRow, RatioRow } from './schema.js';

const THREE_PASS = ['three-pass-recompute', 'three-pass-reload'];
const NATIVE = ['avx2', 'avx512'];
const WASM = ['wasm-simd128'];

function key(r: Pick<BenchRow, 'algorithm' | 'isa' | 'recipe' | 'n' | 'input' | 'denormals' | 'timer'>): string {
  return `${r.algorithm}/${r.isa}/${r.recipe}@${r.n}|${r.input}|${r.denormals}|${r.timer}`;
}

/** Fastest of `rows` at n on an input and denormal mode among kernels of the given ISAs (the naive control excluded). */
function best(rows: readonly BenchRow[], isas: readonly string[], p: Pick<PeerRow, 'n' | 'input' | 'denormals'>): BenchRow | undefined {
  return rows
    .filter((r) => r.n === p.n && r.input === p.input && r.denormals === p.denormals && isas.includes(r.isa) && r.algorithm !== 'naive')
    .sort((a, b) => a.ns.median - b.ns.median)[0];
}

export function kernelRatios(rows: readonly BenchRow[]): RatioRow[] {
  const byKey = new Map(rows.map((r) => [key(r), r]));
  const out: RatioRow[] = [];
  for (const r of rows) {
    // Among kernels, compare like with like: the zero-copy wasm rows only enter the peer ratios.
    if (r.timer === 'js-zero-copy') continue;
    if (r.algorithm === 'two-pass') {
      for (const algorithm of THREE_PASS) {
        const other = byKey.get(key({ ...r, algorithm }));
        if (other) out.push({ kind: 'two-pass-vs-three-pass', input: r.input, denormals: r.denormals, numerator: other.kernel, denominator: r.kernel, n: r.n, ratio: other.ns.median / r.ns.median });
      }
    }
    if (r.recipe === 'accurate') {
      const paper = byKey.get(key({ ...r, recipe: 'paper' }));
      if (paper) out.push({ kind: 'accurate-vs-paper', input: r.input, denormals: r.denormals, numerator: r.kernel, denominator: paper.kernel, n: r.n, ratio: r.ns.median / paper.ns.median });
    }
  }
  return out;
}

/** Each peer against our fastest native kernel, and wasm peers also against our fastest wasm kernel. */
export function peerRatios(rows: readonly BenchRow[], peers: readonly PeerRow[]): RatioRow[] {
  return peers.flatMap((p) => {
    const ours = [best(rows, NATIVE, p), p.peer.includes('wasm') ? best(rows, WASM, p) : undefined];
    return ours.filter((o): o is BenchRow => o !== undefined).map((o) => ({ kind: 'peer' as const, input: p.input, denormals: p.denormals, numerator: p.peer, denominator: o.kernel, n: p.n, ratio: p.ns.median / o.ns.median, denominatorTimer: o.timer }));
  });
}
