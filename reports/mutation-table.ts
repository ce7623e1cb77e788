// Markdown rendering of the mutation-testing report (test/mutants/mutation.test.ts writes
// the JSON and this table to reports/out/): one row per mutant with its killer and the
// time to kill, and the mutation score.

export interface MutantKill {
  seed: number;
  /** First failing property in contract order; null when the mutant survived. */
  killer: string | null;
  family: string | null;
  seconds: number;
  message: string | null;
}

export interface MutantRecord {
  name: string;
  layer: 'scalar' | 'wasm' | 'native';
  mutates: string;
  bug: string;
  expectedKiller: string;
  kills: MutantKill[];
}

export interface MutationReport {
  seeds: number[];
  runs: number;
  maxLongRow: number;
  mutants: MutantRecord[];
}

/** A mutant is killed when every seed killed it. */
export function mutationScore(report: MutationReport): { killed: number; total: number } {
  const killed = report.mutants.filter((m) => m.kills.length > 0 && m.kills.every((k) => k.killer !== null)).length;
  return { killed, total: report.mutants.length };
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** One row per mutant: what the Markdown and HTML tables show. */
function mutantRows(report: MutationReport): string[][] {
  return report.mutants.map((m) => [
    m.name,
    m.layer,
    m.mutates,
    m.bug,
    [...new Set(m.kills.map((k) => k.killer ?? 'SURVIVED'))].join(', '),
    [...new Set(m.kills.map((k) => k.family ?? '-'))].join(', '),
    Math.max(...m.kills.map((k) => k.seconds)).toFixed(2),
  ]);
}

const HEADER = ['mutant', 'layer', 'mutates', 'bug modelled', 'killed by', 'family', 'time to kill (s)'];

function summary(report: MutationReport): string {
  const { killed, total } = mutationScore(report);
  return `Mutation score: ${killed}/${total} killed (seeds ${report.seeds.join(', ')}; ${report.runs} rows per property and family, long rows up to ${report.maxLongRow}). Killer: the first property, in contract order, that failed; time: contract time until that failure (max over seeds).`;
}

/** The same table as HTML, for the report page (cells escaped by the caller's escaper). */
export function renderMutationHtml(report: MutationReport, esc: (s: string) => string): string {
  const head = HEADER.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = mutantRows(report)
    .map((r) => `<tr>${r.map((c, i) => `<td${c === 'SURVIVED' || (i === 4 && c.includes('SURVIVED')) ? ' class="fail"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<p>${esc(summary(report))}</p><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function renderMutationTable(report: MutationReport): string {
  const lines = [
    '# Mutation testing',
    '',
    summary(report).replace(/^Mutation score: (\d+\/\d+)/, 'Mutation score: **$1**'),
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...mutantRows(report).map((r) => `| ${r.map((c, i) => (i === 2 ? `\`${c}\`` : cell(c))).join(' | ')} |`),
  ];
  return lines.join('\n') + '\n';
}
