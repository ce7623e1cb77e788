// The report's charts as vega-lite specs, drawn from a check report, rendered to
// SVG in Node (vega's headless View) so the HTML report needs no script at all.

import type { TopLevelSpec } from 'vega-lite';
import { UsageError } from '../src/errors.js';
import { parseKernelId } from '../src/spec/kernel-id.js';
import type { CheckReport } from '../properties/check/check-report.js';

export interface Chart {
  id: string;
  title: string;
  /** What to read from it, one sentence under the chart. */
  caption: string;
  spec: TopLevelSpec;
}

export type Datum = Record<string, string | number | null>;

function parts(kernel: string): { algorithm: string; isa: string; recipe: string } {
  try {
    return parseKernelId(kernel);
  } catch {
    return { algorithm: kernel, isa: 'external', recipe: 'external' };
  }
}

const FONT = { font: 'system-ui, sans-serif', labelFont: 'system-ui, sans-serif', titleFont: 'system-ui, sans-serif' };
/** labelLimit 0: kernel ids are never cut (paper and accurate rows must be told apart). */
export const CONFIG = {
  ...FONT,
  view: { stroke: '#ccc' },
  axis: { labelFontSize: 10, titleFontSize: 11, grid: true, gridColor: '#eee', labelLimit: 0 },
  header: { labelLimit: 0 },
  legend: { orient: 'bottom' as const, labelLimit: 0 },
};

/** The third line of ulp-vs-n: the declared bound, at its tightest in the bucket. */
const DECLARED_BOUND = 'declared bound';

/** A dashed grey rule at 1 ULP: faithful rounding lies below it. */
const ONE_ULP_RULE = { mark: { type: 'rule' as const, color: '#888', strokeDash: [3, 3] }, encoding: { y: { datum: 1 } } };

/**
 * One panel per (algorithm, recipe) that has kernels (so no empty panel such as naive x
 * accurate), a line per ISA: readable with 40 kernels. `dashed` tells two statistics apart
 * by dash and point shape, so their legend entries differ too; `ulp` adds the 1-ULP rule.
 */
function perKernelLines(data: Datum[], x: { field: string; title: string }, y: { field: string; title: string }, o: { dashed?: string; ulp?: boolean } = {}): TopLevelSpec {
  const line = {
    mark: { type: 'line' as const, point: { size: 18 }, strokeWidth: 1.5 },
    encoding: {
      x: { field: x.field, type: 'quantitative' as const, title: x.title },
      y: { field: y.field, type: 'quantitative' as const, title: y.title, scale: { type: 'symlog' as const } },
      color: { field: 'isa', type: 'nominal' as const, title: 'ISA' },
      ...(o.dashed
        ? {
            strokeDash: { field: o.dashed, type: 'nominal' as const, title: null, scale: { range: [[1, 0], [5, 3], [1, 2]] }, legend: { symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 400 } },
            shape: { field: o.dashed, type: 'nominal' as const, title: null, scale: { range: ['circle', 'triangle-up', 'square'] } },
          }
        : {}),
    },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: data.map((d) => ({ ...d, panel: `${d.algorithm} / ${d.recipe}` })) },
    config: CONFIG,
    facet: { field: 'panel', type: 'nominal', title: null },
    columns: 5,
    spec: { width: 150, height: 120, layer: o.ulp ? [line, ONE_ULP_RULE] : [line] },
    // Each panel its own axes: no axis is left under an empty slot of the last row.
    resolve: { scale: { y: 'independent' }, axis: { x: 'independent', y: 'independent' } },
  } as TopLevelSpec;
}

export function chartsFor(report: CheckReport): Chart[] {
  const results = report.results;
  const histogram: Datum[] = results.flatMap((r) =>
    r.accuracy.histogram.map(([edge, count]) => ({ kernel: r.kernel, ulp: edge ?? 2 ** 41, count })),
  );
  const byN: Datum[] = results.flatMap((r) =>
    r.accuracy.byN.filter((b) => b.log2 !== null && b.count > 0).flatMap((b) => [
      { ...parts(r.kernel), kernel: r.kernel, log2n: b.log2, ulp: b.maxUlp, statistic: 'max' },
      { ...parts(r.kernel), kernel: r.kernel, log2n: b.log2, ulp: b.p99Ulp, statistic: 'p99' },
      // Reports written before the field existed have no bound to draw.
      ...(b.minBoundUlp != null ? [{ ...parts(r.kernel), kernel: r.kernel, log2n: b.log2, ulp: b.minBoundUlp, statistic: DECLARED_BOUND }] : []),
    ]),
  );
  const bucketLines = (key: 'bySpread' | 'byMagnitude'): Datum[] =>
    results.flatMap((r) => r.accuracy[key].filter((b) => b.log2 !== null).map((b) => ({ ...parts(r.kernel), kernel: r.kernel, log2: b.log2, ulp: b.maxUlp })));
  const sumToOne: Datum[] = results.flatMap((r) =>
    r.accuracy.byN.filter((b) => b.log2 !== null && b.sumToOneRows > 0).map((b) => ({ ...parts(r.kernel), kernel: r.kernel, log2n: b.log2, deviation: b.maxSumToOne })),
  );
  const ids = Object.keys(report.agreement.kernels);
  const columns = [...new Set(ids.flatMap((a) => Object.keys(report.agreement.kernels[a].maxUlpApart)))];
  const agreement: Datum[] = ids.flatMap((a) =>
    columns.map((b) => {
      const d = report.agreement.kernels[a].maxUlpApart[b];
      const band = d === undefined ? 'not compared' : d === null ? 'NaN vs number' : d === 0 ? 'bit-identical' : d <= 1 ? '1 ULP' : d <= 4 ? '2-4 ULP' : d <= 64 ? '5-64 ULP' : '> 64 ULP';
      return { a, b, band, apart: d === null ? 'NaN vs number' : String(d) };
    }),
  );
  const coverage: Datum[] = results.flatMap((r) => Object.entries(r.familyRows).map(([family, rows]) => ({ kernel: r.kernel, family, rows })));
  const kernelOrder = results.map((r) => r.kernel);

  return [
    {
      id: 'ulp-histogram',
      title: 'ULP error histogram per kernel',
      caption: 'Count of outputs per error bin (0.01 ULP bins below 4, then powers of two; both axes logarithmic). The dashed rule is 1 ULP: accurate kernels sit left of it.',
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        data: { values: histogram },
        config: CONFIG,
        facet: { field: 'kernel', type: 'nominal', title: null, sort: kernelOrder, header: { labelFontSize: 9 } },
        columns: 4,
        spec: {
          width: 170,
          height: 70,
          layer: [
            {
              mark: { type: 'area', interpolate: 'step-before', line: true, opacity: 0.6 },
              encoding: {
                x: { field: 'ulp', type: 'quantitative', title: 'ULP error (bin upper edge)', scale: { type: 'log' } },
                y: { field: 'count', type: 'quantitative', title: 'outputs', scale: { type: 'log' }, stack: null },
              },
            },
            { mark: { type: 'rule', color: '#888', strokeDash: [3, 3] }, encoding: { x: { datum: 1 } } },
          ],
        },
        // An x axis under every panel, not only the bottom row.
        resolve: { axis: { x: 'independent' } },
      },
    },
    {
      id: 'ulp-vs-n',
      title: 'Max and p99 ULP error against row length n',
      caption: 'Per bucket n in [2^k, 2^(k+1)), max solid with circles, p99 dashed with triangles, the declared bound dotted with squares (its smallest value over the outputs of the bucket: the bound also depends on spread and magnitude); the dashed grey rule is 1 ULP. float32 sums (paper recipe) grow with n, the accurate recipe stays flat.',
      spec: perKernelLines(byN, { field: 'log2n', title: 'log2 n' }, { field: 'ulp', title: 'ULP error' }, { dashed: 'statistic', ulp: true }),
    },
    {
      id: 'ulp-vs-spread',
      title: 'Max ULP error against input spread |x_i - max|',
      caption: 'Three-Pass and Online form fl(x_i - max) in float32: its rounding grows with the spread.',
      spec: perKernelLines(bucketLines('bySpread'), { field: 'log2', title: 'log2 |x_i - max|' }, { field: 'ulp', title: 'max ULP error' }, { ulp: true }),
    },
    {
      id: 'ulp-vs-magnitude',
      title: 'Max ULP error against input magnitude |x_i|',
      caption: 'Two-Pass reduces x itself: its paper recipe loses accuracy as |x| grows.',
      spec: perKernelLines(bucketLines('byMagnitude'), { field: 'log2', title: 'log2 |x_i|' }, { field: 'ulp', title: 'max ULP error' }, { ulp: true }),
    },
    {
      id: 'sum-to-one',
      title: 'Sum-to-one deviation against n',
      caption: 'Largest |sum y_i - 1| per bucket of n, exactly summed, in units of 2^-24.',
      spec: perKernelLines(sumToOne, { field: 'log2n', title: 'log2 n' }, { field: 'deviation', title: '|sum y - 1| / 2^-24' }),
    },
    {
      id: 'agreement',
      title: 'Cross-kernel agreement',
      caption: `Largest distance in float32 steps between two kernels' outputs on a fixed grid (${report.agreement.elements} outputs: ${report.agreement.grid}).`,
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        data: { values: agreement },
        config: { ...CONFIG, axis: { ...CONFIG.axis, grid: false, labelFontSize: 9 } },
        width: { step: 13 },
        height: { step: 13 },
        mark: { type: 'rect', stroke: '#fff', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'b', type: 'nominal', title: null, sort: columns, axis: { labelAngle: -60 } },
          y: { field: 'a', type: 'nominal', title: null, sort: ids },
          color: {
            field: 'band',
            type: 'ordinal',
            title: 'max apart',
            scale: {
              domain: ['bit-identical', '1 ULP', '2-4 ULP', '5-64 ULP', '> 64 ULP', 'NaN vs number', 'not compared'],
              range: ['#1a9850', '#91cf60', '#d9ef8b', '#fc8d59', '#d73027', '#542788', '#ddd'],
            },
          },
          tooltip: [{ field: 'a' }, { field: 'b' }, { field: 'apart' }],
        },
      },
    },
    {
      id: 'coverage',
      title: 'Rows checked per row family',
      caption: 'Every kernel must get rows of every family; an empty cell makes the run untrustworthy (exit 3).',
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        data: { values: coverage },
        config: { ...CONFIG, axis: { ...CONFIG.axis, grid: false, labelFontSize: 9 } },
        width: { step: 60 },
        height: { step: 13 },
        layer: [
          {
            mark: { type: 'rect', stroke: '#fff' },
            encoding: { color: { field: 'rows', type: 'quantitative', title: 'rows', scale: { scheme: 'blues', type: 'symlog' } } },
          },
          {
            mark: { type: 'text', fontSize: 9 },
            encoding: {
              text: { field: 'rows', type: 'quantitative' },
              color: { condition: { test: 'datum.rows === 0', value: '#d73027' }, value: '#222' },
            },
          },
        ],
        encoding: {
          x: { field: 'family', type: 'nominal', title: null, axis: { labelAngle: -30, orient: 'top' } },
          y: { field: 'kernel', type: 'nominal', title: null, sort: kernelOrder },
        },
      },
    },
  ];
}

/** One chart as a standalone SVG string (no scripts, no external resources). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, compile } = await loadVega();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * vega and vega-lite, imported only when a chart is drawn: they are the package's largest
 * dependencies and only `report` needs them, so they are optionalDependencies (an install
 * with --omit=optional leaves them out) and nothing else loads them. Missing, they make
 * `report --html` a usage error (one line, exit 2) naming what to install.
 */
async function loadVega(): Promise<{ vega: typeof import('vega'); compile: (typeof import('vega-lite'))['compile'] }> {
  try {
    const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
    return { vega, compile: vegaLite.compile };
  } catch (e) {
    throw new UsageError(`the HTML report needs the optional dependencies vega and vega-lite, which could not be loaded (${(e as Error).message}); install them with: npm install vega vega-lite (the versions in softmax-verify's optionalDependencies)`);
  }
}
