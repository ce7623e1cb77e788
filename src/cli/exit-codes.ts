// The exit-code table (README "Exit codes"): what CI gates on.

export const EXIT = {
  ok: 0,
  contractFailure: 1,
  usage: 2,
  /** Some family got no rows: the run cannot vouch for the kernels. */
  untrustworthy: 3,
  /** A performance regression against a baseline (`bench --baseline`). */
  regression: 4,
  /** A requested ISA cannot run here (CPU, OS or SOFTMAX_MAX_ISA): the run is skipped, as automake's 77. */
  isaUnavailable: 77,
} as const;

/** The exit code of a check verdict. */
export function verdictExit(verdict: 'pass' | 'fail' | 'untrustworthy'): number {
  return verdict === 'fail' ? EXIT.contractFailure : verdict === 'untrustworthy' ? EXIT.untrustworthy : EXIT.ok;
}
