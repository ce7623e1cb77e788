// What the accuracy properties measured for one kernel: ULP error distribution
// (max, p99, mean) overall and per bucket of n, of |x_i - max| and of |x_i|, and
// the largest sum-to-one deviation. Reports are drawn from this.

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

export interface BucketSummary {
  /** Bucket label: [2^k, 2^(k+1)) of the measured quantity; "0" for zero. */
  bucket: string;
  count: number;
  maxUlp: number;
  meanUlp: number;
}

class Bucketed {
  private readonly m = new Map<number, { count: number; max: number; sum: number }>();
  add(value: number, ulp: number): void {
    const k = value <= 0 || !Number.isFinite(value) ? -Infinity : Math.floor(Math.log2(value));
    const b = this.m.get(k) ?? { count: 0, max: 0, sum: 0 };
    b.count++;
    b.sum += ulp;
    b.max = Math.max(b.max, ulp);
    this.m.set(k, b);
  }
  summary(): BucketSummary[] {
    return [...this.m.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([k, b]) => ({ bucket: k === -Infinity ? '0' : `2^${k}`, count: b.count, maxUlp: b.max, meanUlp: b.sum / b.count }));
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
  byN: BucketSummary[];
  bySpread: BucketSummary[];
  byMagnitude: BucketSummary[];
}

export class AccuracyStats {
  private readonly histogram = new Float64Array(EDGES.length);
  private count = 0;
  private sum = 0;
  private max = 0;
  private maxSumToOne = 0;
  private maxBoundRatio = 0;
  private unbounded = 0;
  private readonly byN = new Bucketed();
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
    this.histogram[binOf(ulp)]++;
    this.count++;
    this.sum += ulp;
    this.max = Math.max(this.max, ulp);
    this.byN.add(n, ulp);
    this.bySpread.add(spread, ulp);
    this.byMagnitude.add(magnitude, ulp);
  }

  recordSumToOne(deviationUnits: number): void {
    if (Number.isFinite(deviationUnits)) this.maxSumToOne = Math.max(this.maxSumToOne, deviationUnits);
  }

  /** The p-quantile, as the upper edge of its histogram bin (never below the truth). */
  private quantile(p: number): number {
    if (this.count === 0) return 0;
    const target = p * this.count;
    let seen = 0;
    for (let i = 0; i < EDGES.length; i++) {
      seen += this.histogram[i];
      if (seen >= target) return Math.min(EDGES[i], this.max);
    }
    return this.max;
  }

  summary(): AccuracySummary {
    return {
      elements: this.count,
      maxUlp: this.max,
      p99Ulp: this.quantile(0.99),
      meanUlp: this.count ? this.sum / this.count : 0,
      maxSumToOne: this.maxSumToOne,
      maxBoundRatio: this.maxBoundRatio,
      unboundedElements: this.unbounded,
      byN: this.byN.summary(),
      bySpread: this.bySpread.summary(),
      byMagnitude: this.byMagnitude.summary(),
    };
  }
}
