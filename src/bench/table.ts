// The terminal summary of a bench report.

import { binadeExponent, pow2 } from '../float-bits.js';
import type { BenchReport } from './schema.js';
import { evaluateTargets } from './targets.js';

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

/** Where the row sits against the measured last-level cache: `in 0.13x` / `out 8.0x` (of the LLC). */
export function cacheText(r: { cache: string; llcMultiple: number | null }): string {
  if (r.llcMultiple === null) return '?';
  const m = r.llcMultiple < 0.1 ? r.llcMultiple.toExponential(0) : r.llcMultiple.toFixed(2);
  return `${r.cache === 'in-cache' ? 'in' : 'out'} ${m}x`;
}

export function formatReport(r: BenchReport): string {
  const kernels = render(
    ['kernel', 'n', 'LLC', 'input', 'denorm', 'ns/elem', 'GB/s(8B)', 'GB/s(real)', 'roofline', 'spread', 'reps'],
    r.rows.map((x) => [`${x.kernel}${x.timer === 'js-zero-copy' ? ' (zero-copy)' : ''}`, formatPow2Label(x.n), cacheText(x), x.input, x.denormals, x.nsPerElement.toFixed(3), x.gbpsCompulsory.toFixed(2), x.gbpsReal.toFixed(2), x.rooflineRatio === null ? '-' : x.rooflineRatio.toFixed(2), spreadText(x.ns), String(x.repeats)]),
  );
  const roof = render(
    ['memory-only', 'isa', 'n', 'LLC', 'ns/elem', 'B/elem', 'GB/s', 'spread'],
    r.roofline.map((x) => [x.pattern, x.isa, formatPow2Label(x.n), cacheText(x), x.nsPerElement.toFixed(3), String(x.bytesPerElement), x.gbps.toFixed(2), spreadText(x.ns)]),
  );
  const parts = [kernels, roof];
  if (r.peers.length > 0) {
    parts.push(render(['peer', 'n', 'LLC', 'input', 'denorm', 'timer', 'ns/elem', 'GB/s(8B)', 'spread', 'reps'], r.peers.map((p) => [p.peer, formatPow2Label(p.n), cacheText(p), p.input, p.denormals, p.timer, p.nsPerElement.toFixed(3), p.gbpsCompulsory.toFixed(2), spreadText(p.ns), String(p.repeats)])));
  }
  parts.push(render(['ratio (median time numerator / denominator)', 'denominator', 'n', 'input', 'denorm', 'ratio'], r.ratios.map((x) => [`${x.kind}: ${x.numerator}`, `${x.denominator}${x.denominatorTimer === 'js-zero-copy' ? ' (zero-copy)' : ''}`, formatPow2Label(x.n), x.input, x.denormals, x.ratio.toFixed(3)])));
  if (r.accuracy.length > 0) {
    parts.push(render(['accuracy vs the exact oracle', 'kind', 'input', 'n', 'max ULP', 'mean ULP', '> 1 ULP'], r.accuracy.map((a) => [a.implementation, a.kind, a.input, formatPow2Label(a.n), a.maxUlp.toFixed(2), a.meanUlp.toFixed(3), String(a.over1Ulp)])));
  }
  const targets = evaluateTargets(r);
  if (targets.length > 0) {
    parts.push(render(['target (reported, never asserted)', 'n', 'input', 'denorm', 'value', 'goal', 'met'], targets.map((t) => [t.target, formatPow2Label(t.n), t.input, t.denormals, t.value.toFixed(2), t.goal, t.met ? 'yes' : 'NO'])));
  }
  if (r.sanity.length > 0) {
    parts.push(r.sanity.map((s) => `SANITY ${s.kernel} n=${formatPow2Label(s.n)} ${s.input} denormals ${s.denormals}: ${s.rooflineRatio.toFixed(2)} of its roofline out of cache; likely cause: ${s.cause}`).join('\n'));
  } else parts.push('sanity: no kernel out of cache below 0.5 of its roofline');
  if (r.skipped.length > 0) {
    const bySize = r.skipped.filter((s) => s.kernel === '*');
    parts.push([`skipped: ${r.skipped.length} (kernel, n) pairs; see "skipped" in the JSON`, ...bySize.map((s) => `  every kernel at n=${s.n}: ${s.reason}`)].join('\n'));
  }
  if (r.suite) {
    const { oracle, check } = r.suite;
    parts.push(`oracle: ${oracle.n} elements (${oracle.input}) in ${oracle.seconds.toFixed(3)} s, ${oracle.fallbacks} exact-tier fallbacks`);
    if (check) parts.push(`check: softmax-verify ${check.args.join(' ')} took ${check.seconds.toFixed(1)} s (exit ${check.exitCode})`);
  }
  parts.push(`inputs: ${r.method.inputs.map((i) => `${i.name} = ${i.description}`).join('; ')}`);
  parts.push(`denormals: native timings ${r.method.denormals.join(' and ')} (on = FTZ/DAZ off, as Node runs; off = FTZ and DAZ set in the timing thread). ${r.method.denormalsNote}.`);
  parts.push(`machine: ${r.machine.cpuModel}, node ${r.machine.nodeVersion}, LLC ${r.method.llcBytes > 0 ? `${(r.method.llcBytes / 2 ** 20).toFixed(0)} MiB (measured)` : 'unknown'}, thread denormals ${r.machine.denormals ? `FTZ=${+r.machine.denormals.ftz} DAZ=${+r.machine.denormals.daz}` : 'unknown'}, load ${r.machine.loadAverage.start.toFixed(2)} -> ${r.machine.loadAverage.end.toFixed(2)}`);
  return `${parts.join('\n\n')}\n`;
}
