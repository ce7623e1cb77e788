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

export function renderMutationTable(report: MutationReport): string {
  const { killed, total } = mutationScore(report);
  const lines = [
    '# Mutation testing',
    '',
    `Mutation score: **${killed}/${total}** killed (seeds ${report.seeds.join(', ')}; ${report.runs} rows per property and family, long rows up to ${report.maxLongRow}).`,
    'Killer: the first property, in contract order, that failed; time: contract time until that failure (max over seeds).',
    '',
    '| mutant | layer | mutates | bug modelled | killed by | family | time to kill (s) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const m of report.mutants) {
    const killers = [...new Set(m.kills.map((k) => k.killer ?? 'SURVIVED'))].join(', ');
    const families = [...new Set(m.kills.map((k) => k.family ?? '-'))].join(', ');
    const seconds = Math.max(...m.kills.map((k) => k.seconds)).toFixed(2);
    lines.push(`| ${m.name} | ${m.layer} | \`${m.mutates}\` | ${cell(m.bug)} | ${killers} | ${families} | ${seconds} |`);
  }
  return lines.join('\n') + '\n';
}
