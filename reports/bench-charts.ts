// The performance charts of the report, drawn from one bench JSON as vega-lite specs
// (rendered to inline SVG like the accuracy charts in charts.ts).

import type { BenchReport } from '../src/bench/schema.js';
import { rooflineFor } from '../src/bench/traffic.js';
import { parseKernelId } from '../src/spec/kernel-id.js';
import { bestPerIsa, conditionLabel, primaryRows } from './bench-json.js';
import { CONFIG, type Chart, type Datum } from './charts.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** n on a base-2 log axis, ticks at the measured sizes (powers of two in any bench run) labelled 2^k. */
function nAxis(sizes: number[]) {
  return { field: 'n', type: 'quantitative' as const, title: 'n (floats per row)', scale: { type: 'log' as const, base: 2 }, axis: { values: sizes, labelExpr: "'2^' + round(log(datum.value) / LN2)" } };
}

/**
 * Line layers told apart by colour (the caller's encoding) and by dash (`field`), a dot at each
 * measured n. The dots are a layer of their own: points on the line mark itself would turn the
 * dash legend's line samples into dots.
 */
function dashedLines(field: string, order: string[]) {
  return [
    { mark: { type: 'line' as const, strokeWidth: 1.5 }, encoding: { strokeDash: { field, type: 'nominal' as const, title: null, sort: order, legend: { labelLimit: 0 } } } },
    { mark: { type: 'point' as const, filled: true, size: 16 } },
  ];
}

const NS_PER_ELEMENT = { field: 'nsPerElement', type: 'quantitative' as const, title: 'ns per element', scale: { type: 'log' as const } };

/** Full series names (peer ids are long), in as many columns as fit. */
const LEGEND = { labelLimit: 0, columns: 3 } as const;

export function benchChartsFor(bench: BenchReport): Chart[] {
  const sizes = [...new Set([...bench.rows, ...bench.peers].map((r) => r.n))].sort((a, b) => a - b);
  const primary = primaryRows(bench);
  const time: Datum[] = primary.flatMap((r) => {
    const limit = rooflineFor(r, r.n, bench.roofline);
    const kernel = { algorithm: r.algorithm, recipe: r.recipe, isa: r.isa, n: r.n };
    return [
      { ...kernel, nsPerElement: r.nsPerElement, line: 'kernel' },
      ...(limit ? [{ ...kernel, nsPerElement: limit.nsPerElement, line: 'memory-only roofline' }] : []),
    ];
  });
  const speedup: Datum[] = bench.ratios
    .filter((r) => r.kind === 'two-pass-vs-three-pass')
    .map((r) => {
      const k = parseKernelId(r.numerator);
      return { isa: k.isa, recipe: `${k.recipe}; ${conditionLabel(r)}`, variant: k.algorithm, n: r.n, speedup: r.ratio };
    });
  const peers: Datum[] = [
    ...bestPerIsa(primary).map((r) => ({ series: `ours: fastest ${r.isa}`, source: 'softmax-verify', n: r.n, nsPerElement: r.nsPerElement })),
    ...bench.peers.filter((p) => p.input === primary[0]?.input).map((p) => ({ series: p.peer, source: 'peer', n: p.n, nsPerElement: p.nsPerElement })),
  ];

  const charts: Chart[] = [
    {
      id: 'bench-time',
      title: `Time per element against n, with each kernel's memory-only roofline (${bench.method.inputs[0]?.name ?? ''}, denormals on)`,
      caption:
        'Median ns per element (log-log). Dashed: the memory-only kernel with the same passes and bytes as the algorithm, on the kernel\'s ISA ' +
        '(scalar and wasm kernels: the fastest native ISA), measured in the same run: a solid line on its dashed line is at the memory limit.',
      spec: {
        $schema: SCHEMA,
        data: { values: time },
        config: CONFIG,
        facet: { column: { field: 'algorithm', title: null }, row: { field: 'recipe', title: null } },
        spec: {
          width: 170,
          height: 130,
          encoding: { x: nAxis(sizes), y: NS_PER_ELEMENT, color: { field: 'isa', type: 'nominal', title: 'ISA', legend: LEGEND } },
          layer: dashedLines('line', ['kernel', 'memory-only roofline']),
        },
      },
    },
  ];
  if (speedup.length) {
    charts.push({
      id: 'bench-speedup',
      title: 'Two-Pass over Three-Pass speedup against n',
      caption: 'Three-Pass median time / Two-Pass median time, same ISA, recipe, input and denormal mode, same run: above the line at 1, Two-Pass is faster (1.25 = 25% more throughput).',
      spec: {
        $schema: SCHEMA,
        data: { values: speedup },
        config: CONFIG,
        facet: { column: { field: 'isa', title: null }, row: { field: 'recipe', title: null } },
        spec: {
          width: 170,
          height: 110,
          layer: [
            { mark: { type: 'rule', color: '#888', strokeDash: [2, 2] }, encoding: { y: { datum: 1 } } },
            {
              mark: { type: 'line', point: { size: 16 }, strokeWidth: 1.5 },
              encoding: {
                x: nAxis(sizes),
                y: { field: 'speedup', type: 'quantitative', title: 'Two-Pass speedup', scale: { type: 'log' } },
                color: { field: 'variant', type: 'nominal', title: 'over', legend: LEGEND },
              },
            },
          ],
        },
      },
    });
  }
  if (bench.peers.length) {
    charts.push({
      id: 'bench-peers',
      title: 'Other softmax implementations against our fastest kernel per ISA',
      caption: 'Median ns per element (log-log); what a peer\'s timed call includes is listed in docs/bench.md. Ours: the fastest kernel of each ISA at each n, the naive control excluded.',
      spec: {
        $schema: SCHEMA,
        data: { values: peers },
        config: CONFIG,
        width: 460,
        height: 260,
        // Legend in data order: ours first, then the peers.
        encoding: { x: nAxis(sizes), y: NS_PER_ELEMENT, color: { field: 'series', type: 'nominal', title: null, legend: LEGEND, sort: [...new Set(peers.map((d) => String(d.series)))] } },
        layer: dashedLines('source', ['softmax-verify', 'peer']),
      },
    });
  }
  return charts;
}
