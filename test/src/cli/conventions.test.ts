// Command-line conventions: --version, per-command help, "did you mean", JSON on stdout.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/package-root.js';
import { cli } from './run-cli.js';

describe('command-line conventions', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
    const r = cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`softmax-verify ${version}`);
  });

  it('CMD --help and help CMD print that command\'s help only', () => {
    const check = cli(['check', '--help']);
    const oracle = cli(['help', 'oracle']);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/softmax-verify \[check\]/);
    expect(check.stdout).not.toMatch(/softmax-verify oracle --in/);
    expect(oracle.stdout).toMatch(/softmax-verify oracle --in/);
    expect(oracle.stdout).not.toMatch(/softmax-verify \[check\]/);
    expect(cli(['--help']).stdout).toMatch(/softmax-verify oracle --in[\s\S]*softmax-verify \[check\]|softmax-verify \[check\][\s\S]*softmax-verify oracle --in/);
  });

  it('suggests the command or option a typo meant', () => {
    const cmd = cli(['reprot']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/unknown command "reprot"; did you mean report\?/);
    const opt = cli(['check', '--kernal', 'two-pass']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toMatch(/Unknown option '--kernal'; did you mean --kernel\?/);
    expect(opt.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--out - writes the report JSON alone on stdout, the human lines on stderr', () => {
    const r = cli(['check', '--kernel', 'online/scalar/accurate', '--property', 'sum-to-one', '--family', 'uniform', '--runs', '2', '--max-long-row', '1000', '--seed', '1', '--quiet', '--out', '-']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.tool).toBe('softmax-verify');
    expect(report.verdict).toBe('pass');
    expect(r.stderr).toMatch(/verdict: pass/);
  });
});

describe('a failing run reads well', () => {
  const dir = mkdtempSync(join(tmpdir(), 'softmax-terminal-'));
  const port = join(dir, 'wrong.mjs');
  // Wrong on every row of unequal values: the uniform output.
  writeFileSync(port, 'export function softmax(x, y) { y.fill(1 / x.length); }\n');
  const portArgs = ['--external', port, '--abi', 'js', '--bound', '1', '--policy', 'nan'];
  const few = ['--property', 'oracle-agreement,monotonicity', '--family', 'uniform,ties', '--runs', '3', '--max-long-row', '1000', '--seed', '2', '--quiet'];

  it('groups failures per property with the families and lengths where they occur, one example each', () => {
    const r = cli(['check', ...portArgs, ...few, '--out-dir', join(dir, 'a')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {4}oracle-agreement fails on uniform \(n = \d+\), ties \(n = \d+\)$/m);
    expect(r.stdout.match(/^ {6}e\.g\. /gm)?.length).toBe(r.stdout.match(/^ {4}\S+ fails on /gm)?.length);
    expect(r.stdout.match(/^ {6}replay: /gm)?.length).toBe(r.stdout.match(/^ {4}\S+ fails on /gm)?.length);
  });

  it('summarises the control in one line after the real results, in full with --verbose', () => {
    const args = ['check', '--kernel', 'naive/scalar/paper,online/scalar/accurate', '--property', 'no-overflow,special-values', '--runs', '3', '--max-long-row', '1000', '--seed', '2', '--quiet'];
    const r = cli([...args, '--out-dir', join(dir, 'b')]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const control = lines.findIndex((l) => l.startsWith('FAIL (control, expected)'));
    const real = lines.findIndex((l) => l.startsWith('PASS') && l.includes('online/scalar/accurate'));
    expect(real).toBeGreaterThan(0);
    expect(control).toBeGreaterThan(real);
    expect(lines[control + 1]).toMatch(/^ {4}\d+ expected failure\(s\) of the negative control in \d+ properties \(--verbose shows them\)$/);
    const verbose = cli([...args, '--verbose', '--out-dir', join(dir, 'c')]);
    expect(verbose.stdout).toMatch(/no-overflow fails on /);
  });

  it('in GitHub Actions: ::error annotations and the Markdown summary in $GITHUB_STEP_SUMMARY', () => {
    const summary = join(dir, 'summary.md');
    const r = cli(['check', ...portArgs, ...few, '--out-dir', join(dir, 'd')], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    const annotation = r.stdout.split('\n').filter((l) => l.startsWith('::error title=softmax-verify%3A two-pass/external%3Awrong/paper oracle-agreement::'));
    expect(annotation.length).toBeGreaterThan(0);
    expect(annotation[0]).toMatch(/%0Areplay: npx softmax-verify check/);
    expect(readFileSync(summary, 'utf8')).toMatch(/FAIL/);
  });
});
