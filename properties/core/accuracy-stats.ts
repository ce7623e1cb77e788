// What the accuracy properties measured for one kernel: ULP error distribution
// (max, p99, mean) overall and per bucket of n, of |x_i - max| and of |x_i|, and
// the largest sum-to-one deviation. Reports are drawn from this. Summaries keep
// their histograms (sparse), so summaries of disjoint runs (shards) merge into
// exactly the summary of the whole run.

/** Upper edges of the histogram bins (ULP): fine below 4, then powers of two. */
const EDGES: number[] = (() => {
  const e: number[] = [];
  for (let v = 0.01; v < 4; v += 0.01) e.push(Math.round(v * 100) / 100);
  for (let v = 4; v <= 2 ** 40; v *= 2) e.push(v);
  e.push(Infinity);
  return e;
})();

function binOf(ulp: number): number {
  let lo = 0;
  let hi = EDGES.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ulp <= EDGES[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Sparse histogram: [upper edge of the bin (ULP), count], by increasing edge; the last edge is Infinity (JSON null). */
export type Histogram = Array<[number | null, number]>;

/** The p-quantile of a histogram, as the upper edge of its bin capped by the max (never below the truth). */
export function histogramQuantile(h: Histogram, p: number, max: number): number {
  const count = h.reduce((s, [, c]) => s + c, 0);
  if (count === 0) return 0;
  let seen = 0;
  for (const [edge, c] of h) {
    seen += c;
    if (seen >= p * count) return Math.min(edge ?? Infinity, max);
  }
  return max;
}

function sparse(bins: Map<number, number>): Histogram {
  return [...bins.entries()].sort((a, b) => a[0] - b[0]).map(([i, c]) => [Number.isFinite(EDGES[i]) ? EDGES[i] : null, c]);
}

export interface BucketSummary {
  /** Bucket label: [2^k, 2^(k+1)) of the measured quantity; "0" for zero. */
  bucket: string;
  /** log2 of the bucket's lower edge (null for the zero bucket), for charts. */
  log2: number | null;
  count: number;
  maxUlp: number;
  meanUlp: number;
}

/** Per bucket of n: also the p99 (from the bucket's own histogram) and the largest sum-to-one deviation. */
export interface NBucketSummary extends BucketSummary {
  p99Ulp: number;
  histogram: Histogram;
  /** Rows of this bucket checked for sum-to-one, and their largest |sum y - 1| (units of 2^-24). */
  sumToOneRows: number;
  maxSumToOne: number;
  /** The smallest declared bound (ULP) of an output in this bucket: the bound at its tightest there (charts draw it). Absent in reports of older versions. */
  minBoundUlp?: number | null;
}

function bucketOf(value: number): number {
  return value <= 0 || !Number.isFinite(value) ? -Infinity : Math.floor(Math.log2(value));
}

function label(k: number): Pick<BucketSummary, 'bucket' | 'log2'> {
  return k === -Infinity ? { bucket: '0', log2: null } : { bucket: `2^${k}`, log2: k };
}

class Bucketed {
  private readonly m = new Map<number, { count: number; max: number; sum: number }>();
  add(value: number, ulp: number): void {
    const k = bucketOf(value);
    const b = this.m.get(k) ?? { count: 0, max: 0, sum: 0 };
    b.count++;
    b.sum += ulp;
    b.max = Math.max(b.max, ulp);
    this.m.set(k, b);
  }
  summary(): BucketSummary[] {
    return [...this.m.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([k, b]) => ({ ...label(k), count: b.count, maxUlp: b.max, meanUlp: b.sum / b.count }));
  }
}

class NBucketed {
  private readonly m = new Map<number, { count: number; max: number; sum: number; bins: Map<number, number>; sumRows: number; sumMax: number; minBound: number }>();
  private at(n: number) {
    const k = bucketOf(n);
    let b = this.m.get(k);
    if (!b) this.m.set(k, (b = { count: 0, max: 0, sum: 0, bins: new Map(), sumRows: 0, sumMax: 0, minBound: Infinity }));
    return b;
  }
  add(n: number, ulp: number, bound: number): void {
    const b = this.at(n);
    b.count++;
    b.minBound = Math.min(b.minBound, bound);
    b.sum += ulp;
    b.max = Math.max(b.max, ulp);
    const bin = binOf(ulp);
    b.bins.set(bin, (b.bins.get(bin) ?? 0) + 1);
  }
  addSumToOne(n: number, deviation: number): void {
    const b = this.at(n);
    b.sumRows++;
    b.sumMax = Math.max(b.sumMax, deviation);
  }
  summary(): NBucketSummary[] {
    return [...this.m.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([k, b]) => {
        const histogram = sparse(b.bins);
        return {
          ...label(k),
          count: b.count,
          maxUlp: b.max,
          meanUlp: b.count ? b.sum / b.count : 0,
          p99Ulp: histogramQuantile(histogram, 0.99, b.max),
          histogram,
          sumToOneRows: b.sumRows,
          maxSumToOne: b.sumMax,
          minBoundUlp: Number.isFinite(b.minBound) ? b.minBound : null,
        };
      });
  }
}

export interface AccuracySummary {
  elements: number;
  maxUlp: number;
  p99Ulp: number;
  meanUlp: number;
  maxSumToOne: number;
  /** Largest error / declared bound seen: far below 1 means the bound could be tightened. */
  maxBoundRatio: number;
  /** Outputs checked only for the contract's other properties: their declared bound is unbounded. */
  unboundedElements: number;
  /** Every recorded error, binned: 0.01 ULP wide below 4 ULP, then by powers of two. */
  histogram: Histogram;
  byN: NBucketSummary[];
  bySpread: BucketSummary[];
  byMagnitude: BucketSummary[];
}

export class AccuracyStats {
  private readonly histogram = new Map<number, number>();
  private count = 0;
  private sum = 0;
  private max = 0;
  private maxSumToOne = 0;
  private maxBoundRatio = 0;
  private unbounded = 0;
  private readonly byN = new NBucketed();
  private readonly bySpread = new Bucketed();
  private readonly byMagnitude = new Bucketed();

  /**
   * One finite output compared with the oracle, with the bound declared for it. Outputs
   * whose bound is unbounded (a kernel that declares no accuracy on such rows) are only
   * counted, so they do not hide the kernel's accuracy where it declares one.
   */
  record(ulp: number, bound: number, n: number, spread: number, magnitude: number): void {
    if (!Number.isFinite(ulp)) return;
    if (!Number.isFinite(bound)) {
      this.unbounded++;
      return;
    }
    if (bound > 0) this.maxBoundRatio = Math.max(this.maxBoundRatio, ulp / bound);
    const bin = binOf(ulp);
    this.histogram.set(bin, (this.histogram.get(bin) ?? 0) + 1);
    this.count++;
    this.sum += ulp;
    this.max = Math.max(this.max, ulp);
    this.byN.add(n, ulp, bound);
    this.bySpread.add(spread, ulp);
    this.byMagnitude.add(magnitude, ulp);
  }

  /** |sum y - 1| of one row of length n, in units of 2^-24. */
  recordSumToOne(deviationUnits: number, n: number): void {
    if (!Number.isFinite(deviationUnits)) return;
    this.maxSumToOne = Math.max(this.maxSumToOne, deviationUnits);
    this.byN.addSumToOne(n, deviationUnits);
  }

  summary(): AccuracySummary {
    const histogram = sparse(this.histogram);
    return {
      elements: this.count,
      maxUlp: this.max,
      p99Ulp: histogramQuantile(histogram, 0.99, this.max),
      meanUlp: this.count ? this.sum / this.count : 0,
      maxSumToOne: this.maxSumToOne,
      maxBoundRatio: this.maxBoundRatio,
      unboundedElements: this.unbounded,
      histogram,
      byN: this.byN.summary(),
      bySpread: this.bySpread.summary(),
      byMagnitude: this.byMagnitude.summary(),
    };
  }
}

function mergeHistograms(hs: Histogram[]): Histogram {
  const m = new Map<number, number>();
  for (const h of hs) for (const [edge, c] of h) m.set(edge ?? Infinity, (m.get(edge ?? Infinity) ?? 0) + c);
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([e, c]) => [Number.isFinite(e) ? e : null, c]);
}

function mergeBuckets<B extends BucketSummary>(lists: B[][], combine: (same: B[]) => Omit<B, keyof BucketSummary>): B[] {
  const by = new Map<string, B[]>();
  for (const l of lists) for (const b of l) by.set(b.bucket, [...(by.get(b.bucket) ?? []), b]);
  return [...by.values()]
    .map((same) => {
      const count = same.reduce((s, b) => s + b.count, 0);
      const base: BucketSummary = {
        bucket: same[0].bucket,
        log2: same[0].log2,
        count,
        maxUlp: Math.max(...same.map((b) => b.maxUlp)),
        meanUlp: count ? same.reduce((s, b) => s + b.meanUlp * b.count, 0) / count : 0,
      };
      return { ...base, ...combine(same) } as B;
    })
    .sort((a, b) => (a.log2 ?? -Infinity) - (b.log2 ?? -Infinity));
}

/** The summary of the union of disjoint runs (shards of one check): counts add, maxima take the max. */
export function mergeAccuracy(parts: readonly AccuracySummary[]): AccuracySummary {
  const elements = parts.reduce((s, a) => s + a.elements, 0);
  const maxUlp = Math.max(0, ...parts.map((a) => a.maxUlp));
  const histogram = mergeHistograms(parts.map((a) => a.histogram));
  return {
    elements,
    maxUlp,
    p99Ulp: histogramQuantile(histogram, 0.99, maxUlp),
    meanUlp: elements ? parts.reduce((s, a) => s + a.meanUlp * a.elements, 0) / elements : 0,
    maxSumToOne: Math.max(0, ...parts.map((a) => a.maxSumToOne)),
    maxBoundRatio: Math.max(0, ...parts.map((a) => a.maxBoundRatio)),
    unboundedElements: parts.reduce((s, a) => s + a.unboundedElements, 0),
    histogram,
    byN: mergeBuckets(
      parts.map((a) => a.byN),
      (same) => {
        const h = mergeHistograms(same.map((b) => b.histogram));
        return {
          p99Ulp: histogramQuantile(h, 0.99, Math.max(...same.map((b) => b.maxUlp))),
          histogram: h,
          sumToOneRows: same.reduce((s, b) => s + b.sumToOneRows, 0),
          maxSumToOne: Math.max(...same.map((b) => b.maxSumToOne)),
          minBoundUlp: same.some((b) => b.minBoundUlp != null) ? Math.min(...same.flatMap((b) => (b.minBoundUlp == null ? [] : [b.minBoundUlp]))) : null,
        };
      },
    ),
    bySpread: mergeBuckets(parts.map((a) => a.bySpread), () => ({})),
    byMagnitude: mergeBuckets(parts.map((a) => a.byMagnitude), () => ({})),
  };
}
