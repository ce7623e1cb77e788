// The performance targets, evaluated on one run (reported, never asserted: timings are
// the machine's). Each line says the measured value, the goal and whether it is met.

import type { BenchReport, BenchRow } from './schema.js';

export interface TargetRow {
  target: string;
  input: string;
  denormals: string;
  n: number;
  value: number;
  goal: string;
  met: boolean;
}

const THREE_PASS = ['three-pass-recompute', 'three-pass-reload'];

function at(rows: readonly BenchRow[], kernel: string, r: Pick<BenchRow, 'n' | 'input' | 'denormals'>): BenchRow | undefined {
  return rows.find((x) => x.kernel === kernel && x.n === r.n && x.input === r.input && x.denormals === r.denormals && x.timer !== 'js-zero-copy');
}

/** The targets at rows of at least 4x the LLC (Two-Pass, accurate/paper, native peers) and n >= 2^12 (wasm peers). */
export function evaluateTargets(r: BenchReport): TargetRow[] {
  const out: TargetRow[] = [];
  const big = r.rows.filter((x) => x.llcMultiple !== null && x.llcMultiple >= 4 && x.timer === 'native');
  for (const tp of big.filter((x) => x.kernel === 'two-pass/avx512/paper')) {
    const three = THREE_PASS.map((a) => at(r.rows, `${a}/avx512/paper`, tp)).filter((x): x is BenchRow => x !== undefined);
    if (three.length > 0) {
      const faster = Math.min(...three.map((x) => x.ns.median));
      const v = faster / tp.ns.median;
      out.push({ target: 'two-pass/avx512/paper over the faster Three-Pass', input: tp.input, denormals: tp.denormals, n: tp.n, value: v, goal: '>= 1.25', met: v >= 1.25 });
    }
    if (tp.rooflineRatio !== null) out.push({ target: 'two-pass/avx512/paper roofline ratio', input: tp.input, denormals: tp.denormals, n: tp.n, value: tp.rooflineRatio, goal: '>= 0.90', met: tp.rooflineRatio >= 0.9 });
  }
  for (const acc of big.filter((x) => x.recipe === 'accurate')) {
    const paper = at(r.rows, `${acc.algorithm}/${acc.isa}/paper`, acc);
    if (!paper) continue;
    const v = acc.ns.median / paper.ns.median;
    out.push({ target: `${acc.kernel} / its paper kernel`, input: acc.input, denormals: acc.denormals, n: acc.n, value: v, goal: '<= 1.5', met: v <= 1.5 });
  }
  for (const p of r.peers) {
    const ours = r.rows.filter((x) => x.n === p.n && x.input === p.input && x.denormals === p.denormals && x.algorithm !== 'naive');
    const native = ours.filter((x) => x.timer === 'native');
    const wasm = ours.filter((x) => x.isa === 'wasm-simd128');
    const best = (rows: BenchRow[]) => Math.min(...rows.map((x) => x.ns.median));
    if (p.timer === 'native' && native.length > 0) {
      const v = p.ns.median / best(native);
      out.push({ target: `our best native over ${p.peer}`, input: p.input, denormals: p.denormals, n: p.n, value: v, goal: '> 1', met: v > 1 });
    }
    if (p.peer.startsWith('tfjs') && p.n >= 2 ** 12 && wasm.length > 0) {
      const v = p.ns.median / best(wasm);
      out.push({ target: `our best wasm over ${p.peer}`, input: p.input, denormals: p.denormals, n: p.n, value: v, goal: '>= 1.2', met: v >= 1.2 });
    }
  }
  return out;
}
