// The terminal summary of a bench report.

import { binadeExponent, pow2 } from '../float-bits.js';
import type { BenchReport } from './schema.js';

/** A row length as the label `2^k` when it is a power of two (read from its exponent bits), else its digits. */
export function formatPow2Label(n: number): string {
  if (Number.isInteger(n) && n >= 1) {
    const e = binadeExponent(n);
    if (pow2(e) === n) return `2^${e}`;
  }
  return String(n);
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

function render(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  return [pad(header, widths), ...body.map((r) => pad(r, widths))].join('\n');
}

/** Spread as -a%/+b% around the median. */
function spreadText(s: { median: number; min: number; max: number }): string {
  return `-${((1 - s.min / s.median) * 100).toFixed(1)}%/+${((s.max / s.median - 1) * 100).toFixed(1)}%`;
}

export function formatReport(r: BenchReport): string {
  const kernels = render(
    ['kernel', 'n', 'ns/elem', 'GB/s(8B)', 'GB/s(real)', 'roofline', 'spread', 'reps'],
    r.rows.map((x) => [x.kernel, formatPow2Label(x.n), x.nsPerElement.toFixed(3), x.gbpsCompulsory.toFixed(2), x.gbpsReal.toFixed(2), x.rooflineRatio === null ? '-' : x.rooflineRatio.toFixed(2), spreadText(x.ns), String(x.repeats)]),
  );
  const roof = render(
    ['memory-only', 'isa', 'n', 'ns/elem', 'B/elem', 'GB/s', 'spread'],
    r.roofline.map((x) => [x.pattern, x.isa, formatPow2Label(x.n), x.nsPerElement.toFixed(3), String(x.bytesPerElement), x.gbps.toFixed(2), spreadText(x.ns)]),
  );
  const parts = [kernels, roof];
  if (r.peers.length > 0) {
    parts.push(render(['peer', 'n', 'ns/elem', 'GB/s(8B)', 'spread', 'reps'], r.peers.map((p) => [p.peer, formatPow2Label(p.n), p.nsPerElement.toFixed(3), p.gbpsCompulsory.toFixed(2), spreadText(p.ns), String(p.repeats)])));
  }
  parts.push(render(['ratio (median time numerator / denominator)', 'denominator', 'n', 'ratio'], r.ratios.map((x) => [`${x.kind}: ${x.numerator}`, x.denominator, formatPow2Label(x.n), x.ratio.toFixed(3)])));
  if (r.skipped.length > 0) parts.push(`skipped: ${r.skipped.length} (kernel, n) pairs; see "skipped" in the JSON`);
  if (r.suite) {
    const { oracle, check } = r.suite;
    parts.push(`oracle: ${oracle.n} elements (${oracle.input}) in ${oracle.seconds.toFixed(3)} s, ${oracle.fallbacks} exact-tier fallbacks`);
    if (check) parts.push(`check: softmax-verify ${check.args.join(' ')} took ${check.seconds.toFixed(1)} s (exit ${check.exitCode})`);
  }
  parts.push(`machine: ${r.machine.cpuModel}, node ${r.machine.nodeVersion}, denormals ${r.machine.denormals ? `FTZ=${+r.machine.denormals.ftz} DAZ=${+r.machine.denormals.daz}` : 'unknown'}, load ${r.machine.loadAverage.start.toFixed(2)} -> ${r.machine.loadAverage.end.toFixed(2)}`);
  return `${parts.join('\n\n')}\n`;
}
