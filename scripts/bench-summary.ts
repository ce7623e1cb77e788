// Compact summary tables of a bench JSON, one per (input, denormal mode): ns per element (and the
// roofline ratio) of each kernel and peer at each n, with in/out of the measured LLC marked, then
// the issue's targets. Run: npx tsx scripts/bench-summary.ts bench.json [--kernel SUBSTRING] [--min]
// --min shows the fastest sample instead of the median: on a machine shared with other work,
// interference only ever slows samples down, so the minimum is the steadier figure.

import { readBenchReport } from '../src/bench/read-bench-report.js';
import { formatPow2Label as pow2 } from '../src/bench/table.js';
import { evaluateTargets } from '../src/bench/targets.js';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: tsx scripts/bench-summary.ts BENCH.json [--kernel SUBSTRING]\n');
  process.exit(2);
}
const filter = rest.includes('--kernel') ? rest[rest.indexOf('--kernel') + 1] : undefined;
const useMin = rest.includes('--min');
const stat = (ns: { median: number; min: number }) => (useMin ? ns.min : ns.median);
const r = readBenchReport(file);
const sizes = [...new Set(r.rows.map((x) => x.n))].sort((a, b) => a - b);
const llc = r.method.llcBytes;
const head = sizes.map((n) => `${pow2(n)}${llc > 0 ? (4 * n > llc ? '*' : '') : '?'}`);

function table(title: string, lines: Array<[string, (n: number) => string]>): string {
  const cells = lines.map(([name, f]) => [name, ...sizes.map(f)]);
  const all = [['', ...head], ...cells];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return [title, ...all.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))].join('\n');
}

const conditions = [...new Map(r.rows.map((x) => [`${x.input}|${x.denormals}`, [x.input, x.denormals] as const])).values()];
const out: string[] = [`${r.machine.cpuModel}; LLC ${(llc / 2 ** 20).toFixed(0)} MiB (measured; * = row out of it); load ${r.machine.loadAverage.start.toFixed(1)} -> ${r.machine.loadAverage.end.toFixed(1)}; cells: ${useMin ? 'fastest-sample' : 'median'} ns/elem (roofline ratio, of medians)`];
for (const [input, denormals] of conditions) {
  const rows = r.rows.filter((x) => x.input === input && x.denormals === denormals && (!filter || x.kernel.includes(filter)));
  const names = [...new Set(rows.map((x) => `${x.kernel}${x.timer === 'js-zero-copy' ? ' zero-copy' : ''}`))];
  const lines: Array<[string, (n: number) => string]> = names.map((name) => [
    name,
    (n) => {
      const x = rows.find((y) => `${y.kernel}${y.timer === 'js-zero-copy' ? ' zero-copy' : ''}` === name && y.n === n);
      return x ? `${(stat(x.ns) / x.n).toFixed(2)}${x.rooflineRatio === null ? '' : ` (${x.rooflineRatio.toFixed(2)})`}` : '-';
    },
  ]);
  const peers = r.peers.filter((p) => p.input === input && p.denormals === denormals);
  for (const name of [...new Set(peers.map((p) => p.peer))]) {
    lines.push([`peer ${name}`, (n) => {
      const p = peers.find((y) => y.peer === name && y.n === n);
      return p ? (stat(p.ns) / p.n).toFixed(2) : '-';
    }]);
  }
  out.push('', table(`input ${input}, denormals ${denormals}`, lines));
}
const targets = evaluateTargets(r);
if (targets.length) {
  out.push('', 'targets (n >= 4x LLC; wasm: n >= 2^12):');
  for (const t of targets) out.push(`  ${t.met ? 'met ' : 'MISS'}  ${t.target}  n=${pow2(t.n)} ${t.input} denormals ${t.denormals}: ${t.value.toFixed(2)} (goal ${t.goal})`);
}
if (r.accuracy.length) {
  out.push('', 'accuracy vs the exact oracle (n = 2^16): max ULP / mean ULP / elements > 1 ULP');
  for (const a of r.accuracy) out.push(`  ${a.implementation.padEnd(40)} ${a.input.padEnd(12)} ${a.maxUlp.toPrecision(4).padStart(10)} ${a.meanUlp.toFixed(3).padStart(9)} ${String(a.over1Ulp).padStart(6)}`);
}
if (r.sanity.length) {
  out.push('', 'sanity:');
  for (const s of r.sanity) out.push(`  ${s.kernel} n=${pow2(s.n)} ${s.input} denormals ${s.denormals}: ${s.rooflineRatio.toFixed(2)} of roofline; ${s.cause}`);
}
const bySize = r.skipped.filter((s) => s.kernel === '*');
for (const s of bySize) out.push(`skipped every kernel at n=${s.n}: ${s.reason}`);
process.stdout.write(`${out.join('\n')}\n`);
