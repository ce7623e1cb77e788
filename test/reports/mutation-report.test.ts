// `report --mutation`: the mutation run's score, killers and times go into the HTML and
// Markdown reports; a file that is not a mutation report is a one-line error (exit 2).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { MutationReport } from '../../reports/mutation-table.js';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'softmax-verify-mutation-report-'));
const check = join(dir, 'check.json');
const mutation: MutationReport = {
  seeds: [1, 2],
  runs: 5,
  maxLongRow: 2000,
  mutants: [
    { name: 'killed-one', layer: 'scalar', mutates: 'two-pass/scalar/accurate', bug: 'a | in the text', expectedKiller: 'oracle-agreement', kills: [1, 2].map((seed) => ({ seed, killer: 'oracle-agreement', family: 'uniform', seconds: 0.25 * seed, message: 'x' })) },
    { name: 'survivor', layer: 'wasm', mutates: 'online/wasm-simd128/paper', bug: 'escapes <b>', expectedKiller: 'cross-kernel', kills: [{ seed: 1, killer: null, family: null, seconds: 3, message: null }] },
  ],
};

beforeAll(() => {
  const r = cli(['check', '--kernel', 'two-pass/scalar/accurate', '--runs', '2', '--max-long-row', '2000', '--seed', '4', '--out', check, '--corpus', join(dir, 'c.jsonl'), '--quiet']);
  if (r.code !== 0) throw new Error(r.stdout);
  writeFileSync(join(dir, 'mutation.json'), JSON.stringify(mutation));
}, 120_000);

it('puts the score, every killer and the time to kill into report.html and report.md', () => {
  const out = join(dir, 'out');
  const r = cli(['report', '--in', check, '--mutation', join(dir, 'mutation.json'), '--out-dir', out]);
  expect(r.code, r.stderr).toBe(0);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  expect(html).toContain('<h2>Mutation testing</h2><p>Mutation score: 1/2 killed (seeds 1, 2;');
  expect(html).toContain('<td class="fail">SURVIVED</td>');
  expect(html).toContain('escapes &lt;b&gt;');
  const md = readFileSync(join(out, 'report.md'), 'utf8');
  expect(md).toContain('Mutation score: **1/2** killed');
  expect(md).toContain('| killed-one | scalar | `two-pass/scalar/accurate` | a \\| in the text | oracle-agreement | uniform | 0.50 |');
});

it('refuses a file that is not a mutation report', () => {
  const r = cli(['report', '--in', check, '--mutation', check, '--out-dir', join(dir, 'bad')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/--mutation .*check.json: not a mutation report/);
});
