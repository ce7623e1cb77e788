// `report --bench`: bench JSON validated (one line, exit 2), its tables in report.md, and the
// speed column of machines side by side, one --bench per machine in order of appearance.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, quickBench } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'softmax-verify-bench-report-'));
const check = join(dir, 'check.json');
const bench = join(dir, 'bench.json');

beforeAll(() => {
  const r = cli(['check', '--kernel', '*/scalar/*', '--runs', '2', '--max-long-row', '2000', '--seed', '4', '--out', check, '--corpus', join(dir, 'c.jsonl'), '--quiet']);
  if (r.code !== 0) throw new Error(r.stdout);
  quickBench(bench);
}, 120_000);

describe('report --bench', () => {
  it('adds the kernel x n table and the ratios to report.md', () => {
    const out = join(dir, 'one');
    const r = cli(['report', '--in', check, '--bench', bench, '--out-dir', out]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/## Performance \(softmax-verify bench\)/);
    expect(md).toMatch(/\| kernel \| input \| denormals \| 2\^8 \| 2\^10 \|/);
    expect(md).toMatch(/\| `two-pass\/scalar\/paper` \| `uniform1000` \| `on` \| \d+\.\d{3} \/ \d+\.\d \/ (\d\.\d\d|-) \|/);
    expect(md).toMatch(/\| `two-pass-vs-three-pass` \| `three-pass-reload\/scalar\/paper` \| `two-pass\/scalar\/paper` \| `uniform1000` \| `on` \| \d\.\d{3} \| \d\.\d{3} \|/);
  });

  it.each([
    ['a check report', () => check, /--bench .*check.json: expected softmax-verify bench output of schema version 2 \(not a softmax-verify bench report\)/],
    ['another schema version', () => writeBench('v1.json', { schemaVersion: 1 }), /--bench .*v1.json: expected .* schema version 2 \(schema version 1\)/],
    ['another machine', () => writeBench('other-cpu.json', { machine: { cpuModel: 'Imaginary CPU' } }), /--bench .*other-cpu.json: timed on "Imaginary CPU", but machine 1 is/],
    ['a missing file', () => join(dir, 'nope.json'), /--bench .*nope.json: cannot read a bench report \(ENOENT\)/],
  ])('refuses %s: one line on stderr, exit 2', (_what, file, message) => {
    const r = cli(['report', '--in', check, '--bench', file(), '--out-dir', join(dir, 'refused')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--merge of two machines: one --bench each, in order, gives each machine a speed column', () => {
    const other = JSON.parse(readFileSync(check, 'utf8'));
    other.machine.hostname = 'second-host';
    other.machine.cpu = 'Second CPU';
    const otherCheck = join(dir, 'check-2.json');
    writeFileSync(otherCheck, JSON.stringify(other));
    const otherBench = writeBench('bench-2.json', { machine: { cpuModel: 'Second CPU' } });
    const out = join(dir, 'merged');

    const swapped = cli(['report', '--merge', check, otherCheck, '--bench', otherBench, '--bench', bench, '--out-dir', out]);
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toMatch(/bench-2.json: timed on "Second CPU", but machine 1 is/);
    expect(cli(['report', '--merge', check, otherCheck, '--bench', bench, '--out-dir', out]).stderr).toMatch(/--bench: 1 file\(s\) for 2 machine\(s\)/);

    const r = cli(['report', '--merge', check, otherCheck, '--bench', bench, '--bench', otherBench, '--out-dir', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<th colspan="2">[^<]*second-host \(Second CPU\)<\/th>/);
    expect(html).toMatch(/<tr><td>two-pass\/scalar\/paper<\/td><td>2\^10<\/td><td class="pass">[^<]*<\/td><td>\d+\.\d{3}<\/td><td class="pass">[^<]*<\/td><td>\d+\.\d{3}<\/td><\/tr>/);
    expect(readFileSync(join(out, 'report.md'), 'utf8').match(/## Performance/g)).toHaveLength(2);
  });
});

/** The quick bench with some fields replaced (top level, and `machine` merged). */
function writeBench(name: string, patch: { schemaVersion?: number; machine?: { cpuModel: string } }): string {
  const b = JSON.parse(readFileSync(bench, 'utf8'));
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ ...b, ...patch, machine: { ...b.machine, ...patch.machine } }));
  return path;
}
