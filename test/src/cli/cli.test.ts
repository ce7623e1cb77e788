// The command line as users call it: exit codes, raw file formats, one-line errors.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { softmaxOracle } from '../../../oracles/oracle.js';
import { softmax } from '../../../src/api.js';
import { cli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'softmax-verify-cli-'));


function writeF32(name: string, values: number[]): string {
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(Float32Array.from(values).buffer));
  return path;
}

function readF32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

describe('oracle and run on raw float32 files', () => {
  const x = [1, 2, 3, 100, -Infinity, 99.5];
  const xPath = writeF32('x.f32', x);

  it('oracle writes the correctly rounded softmax of each row', () => {
    const out = join(dir, 'oracle.f32');
    expect(cli(['oracle', '--in', xPath, '--out', out, '--cols', '3']).code).toBe(0);
    const y = readF32(out);
    expect(y.subarray(0, 3)).toEqual(softmaxOracle(Float32Array.from(x.slice(0, 3))).rounded);
    expect(y.subarray(3)).toEqual(softmaxOracle(Float32Array.from(x.slice(3))).rounded);
  });

  it('run writes what the kernel computes for the whole file as one row', () => {
    const out = join(dir, 'run.f32');
    expect(cli(['run', '--kernel', 'online/scalar/accurate', '--in', xPath, '--out', out]).code).toBe(0);
    const expected = new Float32Array(x.length);
    softmax('online/scalar/accurate', Float32Array.from(x), expected);
    expect(readF32(out)).toEqual(expected);
  });

  it.each([
    ['a missing input file', ['oracle', '--in', join(dir, 'nope.f32')], /--in .*nope.f32: cannot read \(ENOENT\)/],
    ['a size that is not a multiple of 4', ['oracle', '--in', 'odd'], /not a multiple of 4/],
    ['a size that is not a multiple of --cols', ['oracle', '--in', 'x', '--cols', '4'], /6 values is not a multiple of --cols 4/],
    ['--cols 0', ['oracle', '--in', 'x', '--cols', '0'], /--cols 0: expected an integer >= 1/],
    ['an unknown kernel', ['run', '--kernel', 'two-pass/scalar/fast', '--in', 'x'], /--kernel two-pass\/scalar\/fast: unknown kernel id/],
    ['an unknown option', ['check', '--frobnicate'], /Unknown option '--frobnicate'/],
    ['an unknown command', ['bench-press'], /unknown command "bench-press"/],
  ])('%s: one line on stderr, exit 2, nothing written', (_what, args, message) => {
    writeFileSync(join(dir, 'odd'), new Uint8Array(7));
    const out = join(dir, `never-${Math.random()}.f32`);
    const resolved = args.map((a) => (a === 'x' ? xPath : a === 'odd' ? join(dir, 'odd') : a));
    const r = cli([...resolved, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});

describe('check', () => {
  it('passes a good kernel with exit 0 and writes the JSON report', () => {
    const out = join(dir, 'report.json');
    const r = cli(['check', '--kernel', 'two-pass/scalar/accurate', '--runs', '2', '--max-long-row', '2000', '--seed', '5', '--out', out, '--quiet']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/seed 5/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.verdict).toBe('pass');
    expect(report.results[0].kernel).toBe('two-pass/scalar/accurate');
    expect(report.results[0].accuracy.maxUlp).toBeLessThan(1);
  });

  it('prints a replay command for the naive control (its details with --verbose) that reproduces its failure', () => {
    const r = cli(['check', '--kernel', 'naive/scalar/paper', '--runs', '10', '--max-long-row', '2000', '--seed', '9', '--property', 'no-overflow', '--family', 'overflow-band', '--out', join(dir, 'naive.json'), '--quiet', '--verbose']);
    expect(r.code, 'the control never gates the exit status').toBe(0);
    const replay = /replay: npx softmax-verify (.*)/.exec(r.stdout)?.[1];
    expect(replay).toBeDefined();
    const args = replay!.match(/'[^']*'|\S+/g)!.map((a) => a.replace(/^'|'$/g, ''));
    const again = cli([...args, '--out', join(dir, 'replay.json'), '--quiet']);
    expect(again.stdout).toMatch(/FAIL \(control, expected\) naive\/scalar\/paper/);
    expect(again.stdout).toMatch(/no-overflow on overflow-band: y\[\d+\] = NaN for the finite input/);
  });

  it('exits 3 when the time budget leaves kernels unchecked', () => {
    const r = cli(['check', '--kernel', '*/scalar/*', '--runs', '40', '--time-budget', '1', '--out', join(dir, 'short.json'), '--quiet']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/time budget of 1s reached; not checked:/);
  });
});
