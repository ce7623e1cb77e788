// The one verdict rule, for a run and for a merge of runs: a gating kernel that fails fails
// the run; otherwise a family that got no rows, a declared coverage cell left empty, or a
// kernel the time budget never reached, makes it untrustworthy; otherwise it passes. Controls (the naive kernel) never gate.

export type Verdict = 'pass' | 'fail' | 'untrustworthy';

interface Gated {
  passed: boolean;
  control: boolean;
  missingFamilies: readonly string[];
}

export function gatingResults<R extends Gated>(results: readonly R[]): R[] {
  return results.filter((r) => !r.control);
}

/** emptyCoverageCells: declared coverage cells the run left empty (properties/check/coverage.ts). */
export function verdictOf(results: readonly Gated[], notRun: readonly string[], emptyCoverageCells = 0): Verdict {
  if (gatingResults(results).some((r) => !r.passed)) return 'fail';
  if (notRun.length > 0 || emptyCoverageCells > 0 || results.some((r) => r.missingFamilies.length > 0)) return 'untrustworthy';
  return 'pass';
}

/** The worst of several verdicts (machines side by side): fail, then untrustworthy, then pass. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.includes('fail') ? 'fail' : verdicts.includes('untrustworthy') ? 'untrustworthy' : 'pass';
}

export type StatusLabel = 'PASS' | 'FAIL' | 'FAIL (control, expected)';

/** A kernel's status as every output format shows it. */
export function statusLabel(r: { passed: boolean; control: boolean }): StatusLabel {
  return r.passed ? 'PASS' : r.control ? 'FAIL (control, expected)' : 'FAIL';
}
