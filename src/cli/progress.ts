// Progress for long runs: one rewritten line on a terminal, a plain line every few seconds
// otherwise (CI logs). Both name the kernel and step and count the rows checked so far, which
// keep moving even while one step (long rows against the exact oracle) takes minutes.

export interface ProgressState {
  /** 1-based index of the running kernel among `kernels`. */
  kernel: number;
  kernels: number;
  /** Plan entries (property, family) of this kernel finished, of `total`. */
  done: number;
  total: number;
  /** Kernel, property and family of the running step. */
  label: string;
  /** Rows checked so far in the whole run. */
  rows: number;
}

export interface Progress {
  update(state: ProgressState): void;
  clear(): void;
}

/** A terminal line is redrawn at most this often: progress is reported before every row. */
const TTY_INTERVAL_MS = 100;
/** A log gets a line at most this often. */
const LOG_INTERVAL_MS = 5000;

/** m:ss (or h:mm:ss) of a duration in milliseconds. */
export function clock(ms: number): string {
  const t = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/**
 * The counters first (kernel, step, rows, elapsed, estimate, budget), the label last, so a
 * narrow terminal cuts the label, never the numbers.
 */
function describe(s: ProgressState, elapsedMs: number, budgetMs: number | undefined): string {
  const fraction = (s.kernel - 1 + s.done / s.total) / s.kernels;
  const eta = fraction > 0.02 ? `, ~${clock(elapsedMs / fraction - elapsedMs)} left` : '';
  const budget = budgetMs === undefined ? '' : `, budget ${clock(budgetMs - elapsedMs)}`;
  return `kernel ${s.kernel}/${s.kernels}, step ${s.done}/${s.total}, ${s.rows.toLocaleString('en-US')} rows, ${clock(elapsedMs)}${eta}${budget} | ${s.label}`;
}

export interface ProgressOptions {
  now?: () => number;
  /** The run's time budget, shown as what is left of it. */
  budgetSeconds?: number;
}

export function progressReporter(stream: NodeJS.WriteStream, quiet: boolean, o: ProgressOptions = {}): Progress {
  if (quiet) return { update() {}, clear() {} };
  const now = o.now ?? Date.now;
  const started = now();
  const budgetMs = o.budgetSeconds === undefined ? undefined : o.budgetSeconds * 1000;
  const text = (s: ProgressState) => describe(s, now() - started, budgetMs);
  let last = -Infinity;
  // Throttled, except that a finished kernel is always shown.
  const due = (s: ProgressState, interval: number): boolean => {
    const t = now();
    if (t - last < interval && s.done !== s.total) return false;
    last = t;
    return true;
  };
  if (stream.isTTY) {
    const width = () => (stream.columns ?? 100) - 1;
    return {
      update(s) {
        if (!due(s, TTY_INTERVAL_MS)) return;
        const bar = 12;
        const filled = Math.round(((s.kernel - 1 + s.done / s.total) / s.kernels) * bar);
        stream.write(`\r${`[${'#'.repeat(filled)}${'.'.repeat(bar - filled)}] ${text(s)}`.slice(0, width()).padEnd(width())}`);
      },
      clear() {
        stream.write(`\r${' '.repeat(width())}\r`);
      },
    };
  }
  return {
    update(s) {
      if (due(s, LOG_INTERVAL_MS)) stream.write(`  ... ${text(s)}\n`);
    },
    clear() {},
  };
}
