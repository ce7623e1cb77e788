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

function describe(s: ProgressState): string {
  return `kernel ${s.kernel}/${s.kernels}, step ${s.done}/${s.total} ${s.label}, ${s.rows.toLocaleString('en-US')} rows`;
}

export function progressReporter(stream: NodeJS.WriteStream, quiet: boolean, now: () => number = Date.now): Progress {
  if (quiet) return { update() {}, clear() {} };
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
        const bar = 24;
        const filled = Math.round(((s.kernel - 1 + s.done / s.total) / s.kernels) * bar);
        stream.write(`\r${`[${'#'.repeat(filled)}${'.'.repeat(bar - filled)}] ${describe(s)}`.slice(0, width()).padEnd(width())}`);
      },
      clear() {
        stream.write(`\r${' '.repeat(width())}\r`);
      },
    };
  }
  return {
    update(s) {
      if (due(s, LOG_INTERVAL_MS)) stream.write(`  ... ${describe(s)}\n`);
    },
    clear() {},
  };
}
