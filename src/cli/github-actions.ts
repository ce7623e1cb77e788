// In GitHub Actions (GITHUB_ACTIONS=true): an ::error annotation per failure of a gating
// kernel, and the Markdown report appended to the job summary ($GITHUB_STEP_SUMMARY).

import { appendFileSync } from 'node:fs';
import type { CheckReport } from '../../properties/check/check-report.js';
import { gatingResults } from '../../properties/check/verdict.js';
import { markdownReport } from '../../reports/markdown-report.js';

/** Workflow-command escaping: %, CR and LF in data; also : and , in properties. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function inGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

export function annotations(report: CheckReport): string[] {
  return gatingResults(report.results).flatMap((r) =>
    r.properties.flatMap((p) =>
      p.failures.map((f) => `::error title=${property(`softmax-verify: ${r.kernel} ${p.property}`)}::${data(`${f.family}, n = ${f.rowLength}: ${f.message}\nreplay: ${f.replay}`)}`),
    ),
  );
}

export function appendJobSummary(report: CheckReport, env: NodeJS.ProcessEnv = process.env): void {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdownReport(report)}\n`);
}
