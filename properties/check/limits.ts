// The documented ranges of the check's numeric options (README "Bad input"): anything outside
// is refused with a message naming the range, never run with surprising cost.

export const LIMITS = {
  /** Rows per (property, family). */
  runs: 100_000,
  /** Longest generated row: 2^26 floats (256 MiB per buffer). */
  maxLongRow: 2 ** 26,
  /** One day. */
  timeBudgetSeconds: 86_400,
  /** A replay path (--path): steps, and the largest step (fast-check paths are a run index, then shrink choices). */
  pathSteps: 10_000,
  pathStep: 100_000,
} as const;
