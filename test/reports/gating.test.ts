// Gating CI on check: tolerance table, exit 77 for an unavailable ISA, shards merged
// into the unsharded verdicts, and replay of a failure from the regression corpus.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { toleranceTableFromSpecs, type ToleranceTable } from '../../properties/check/tolerance-table.js';
import { replayCommand } from '../../src/cli/replay-command.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { registerKernel, unregisterKernel } from '../../src/registry.js';
import { KERNELS, findKernelSpec } from '../../src/spec/kernels.js';
import { maskedRowUniform } from '../mutants/scalar/accurate.js';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'softmax-verify-gating-'));
const small = ['--runs', '2', '--max-long-row', '2000', '--seed', '3', '--quiet'];

describe('tolerance table', () => {
  it('the committed table is never wider than the declared bounds imply', () => {
    const committed = JSON.parse(readFileSync('tolerances/v1.json', 'utf8')) as ToleranceTable;
    const declared = toleranceTableFromSpecs(KERNELS);
    expect(Object.keys(committed.kernels).sort()).toEqual(Object.keys(declared.kernels).sort());
    for (const [id, d] of Object.entries(declared.kernels)) {
      const c = committed.kernels[id];
      for (const bucket of Object.keys(d.byN ?? { all: 0 })) {
        expect(c.maxUlp ?? c.byN![bucket], `${id} ${bucket}`).toBeLessThanOrEqual(d.maxUlp ?? d.byN![bucket]);
      }
    }
  });

  it('fails a kernel whose entry is below its measured error with exit 1', () => {
    const table = join(dir, 'tight.json');
    writeFileSync(table, JSON.stringify({ version: 1, description: 'test', kernels: { 'two-pass/scalar/accurate': { maxUlp: 0.25 } } }));
    const out = join(dir, 'tight-report.json');
    const r = cli(['check', '--kernel', 'two-pass/scalar/accurate', ...small, '--tolerances', table, '--corpus', join(dir, 'c.jsonl'), '--out', out]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toMatch(/tolerance .*tight.json: n in 2\^\d+: measured 0\.\d+ ULP > allowed 0.25/);
    expect(JSON.parse(readFileSync(out, 'utf8')).results[0].tolerance.status).toBe('exceeded');
  });
});

describe('exit 77: a requested ISA that cannot run here', () => {
  it.each([
    [['--kernel', '*/avx512/*']],
    [['--isa', 'avx512']],
  ])('SOFTMAX_MAX_ISA=avx2 check %j', (args) => {
    const r = cli(['check', ...args, ...small, '--out', join(dir, 'isa.json')], { SOFTMAX_MAX_ISA: 'avx2' });
    expect(r.code, r.stdout + r.stderr).toBe(77);
    expect(r.stdout).toMatch(/requested ISA avx512 is not available here/);
  });
});

describe('check --shard and report --merge', () => {
  it('two shards merged give the verdicts and statistics of one unsharded run', () => {
    const args = ['check', '--kernel', '*/scalar/*', ...small, '--corpus', join(dir, 'shard-corpus.jsonl')];
    const whole = join(dir, 'whole.json');
    expect([0, 1]).toContain(cli([...args, '--out', whole]).code);
    for (const i of [1, 2]) expect([0, 1, 3]).toContain(cli([...args, '--shard', `${i}/2`, '--out', join(dir, `shard${i}.json`)]).code);
    const merged = join(dir, 'merged');
    cli(['report', '--merge', join(dir, 'shard1.json'), join(dir, 'shard2.json'), '--out-dir', merged]);
    const a = JSON.parse(readFileSync(whole, 'utf8'));
    const b = JSON.parse(readFileSync(join(merged, 'merged.json'), 'utf8'));
    const verdicts = (r: typeof a) => ({
      verdict: r.verdict,
      kernels: r.results.map((k: any) => ({
        kernel: k.kernel,
        passed: k.passed,
        properties: k.properties.map((p: any) => [p.property, p.passed, p.rows, p.failures.map((f: any) => f.id)]),
        familyRows: k.familyRows,
        missing: k.missingFamilies,
        accuracy: [k.accuracy.elements, k.accuracy.maxUlp, k.accuracy.p99Ulp, k.accuracy.maxSumToOne, k.accuracy.byN.map((x: any) => [x.bucket, x.maxUlp, x.p99Ulp])],
        tolerance: k.tolerance.status,
      })),
      agreement: Object.keys(r.agreement.kernels).sort(),
    });
    expect(verdicts(b)).toEqual(verdicts(a));
  });
});

describe('replay and the regression corpus', () => {
  it('replays a corpus entry by id on its stored row, and check replays the corpus first', () => {
    const corpus = join(dir, 'replay-corpus.jsonl');
    // A row the scalar accurate kernel handles: the replay passes (exit 0) and check counts it.
    const entry = { id: 'test00000001', kernel: 'online/scalar/accurate', property: 'oracle-agreement', family: 'uniform', seed: 1, path: '0', maxLongRow: 2000, rowLength: 3, row: '0x3f800000 0x40000000 0xc2c80000', message: 'test' };
    writeFileSync(corpus, JSON.stringify(entry) + '\n');
    const r = cli(['replay', 'test00000001', '--corpus', corpus]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PASS online\/scalar\/accurate oracle-agreement on uniform \(stored row of 3\)/);
    const c = cli(['check', '--kernel', 'online/scalar/accurate', ...small, '--corpus', corpus, '--out', join(dir, 'corpus-check.json')]);
    expect(c.stdout).toMatch(/corpus .*replay-corpus.jsonl: replayed 1 failure\(s\) found before; 0 still fail/);
  });

  it('replay SEED:PATH reproduces the naive control failure check found, and the control does not gate (exit 0)', () => {
    // The failure as check finds and prints it (the control's in full with --verbose) ...
    const found = cli(['check', '--kernel', 'naive/scalar/paper', '--property', 'no-overflow', '--family', 'overflow-band', '--runs', '10', '--max-long-row', '2000', '--seed', '9', '--quiet', '--verbose', '--out', join(dir, 'naive-found.json')]);
    const message = /e\.g\. (no-overflow on overflow-band: .*)/.exec(found.stdout)?.[1];
    const path = /--seed 9 --max-long-row 2000 --path '([\d:]+)'/.exec(found.stdout)?.[1];
    expect(message, found.stdout).toBeDefined();
    // ... and replayed from its seed and path alone: the same message, exit 0.
    const r = cli(['replay', `9:${path}`, '--kernel', 'naive/scalar/paper', '--property', 'no-overflow', '--family', 'overflow-band', '--max-long-row', '2000']);
    expect(r.stdout).toMatch(/FAIL \(control, expected\) naive\/scalar\/paper/);
    expect(r.stdout).toContain(message);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('replay ID of a gating kernel that still fails prints FAIL with the failure and exits 1; the kernel it mutates passes (exit 0)', async () => {
    // The catalogue's masked-row-uniform mutant (1/n on an all -inf row), registered in this
    // process as the mutation test registers it; the replay command runs here, not as a child.
    const mutated = findKernelSpec('online/scalar/accurate')!;
    const id = 'mutant/scalar/masked-row-uniform';
    const entry = registerKernel({ ...mutated, id, origin: 'mutant' }, { row: maskedRowUniform });
    const corpus = join(dir, 'gating-replay-corpus.jsonl');
    const stored = (kernel: string, failureId: string) => ({ id: failureId, kernel, property: 'oracle-agreement', family: 'masked', seed: 1, path: '0', maxLongRow: 2000, rowLength: 2, row: '0xff800000 0xff800000', message: 'test' });
    writeFileSync(corpus, [stored(id, 'test00000002'), stored(mutated.id, 'test00000003')].map((e) => JSON.stringify(e)).join('\n') + '\n');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const failing = await replayCommand.run(['test00000002', '--corpus', corpus]);
      const failingOutput = log.mock.calls.map((c) => c.join(' ')).join('\n');
      log.mockClear();
      const passing = await replayCommand.run(['test00000003', '--corpus', corpus]);
      const passingOutput = log.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(failing, failingOutput).toBe(EXIT.contractFailure);
      expect(failingOutput).toMatch(/^FAIL mutant\/scalar\/masked-row-uniform oracle-agreement on masked \(stored row of 2\)\n {4}\S/);
      expect(passing, passingOutput).toBe(EXIT.ok);
      expect(passingOutput).toBe('PASS online/scalar/accurate oracle-agreement on masked (stored row of 2)');
    } finally {
      log.mockRestore();
      unregisterKernel(entry.spec.id);
    }
  });
});
