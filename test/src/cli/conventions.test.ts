// Command-line conventions: --version, per-command help, "did you mean", JSON on stdout.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/package-root.js';
import { spawnSync } from 'node:child_process';
import { CLI_ARGV, cli } from './run-cli.js';

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

  it('the replay line of every output format works on its own, from another directory, for a port', () => {
    const out = join(dir, 'formats');
    expect(cli(['check', ...portArgs, ...few, '--out-dir', out]).code).toBe(1);
    expect(cli(['report', '--in', join(out, 'report.json'), '--out-dir', out]).code).toBe(1);
    const md = /replay: `(npx softmax-verify check [^`]+)`/.exec(readFileSync(join(out, 'report.md'), 'utf8'));
    const junit = /replay: (npx softmax-verify check [^\n<]+)/.exec(readFileSync(join(out, 'report.junit.xml'), 'utf8'));
    const html = /<code>replay: (npx softmax-verify check [^<]+)<\/code>/.exec(readFileSync(join(out, 'report.html'), 'utf8'));
    const unescape = (t: string) => t.replace(/&apos;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const elsewhere = mkdtempSync(join(tmpdir(), 'softmax-replay-elsewhere-'));
    for (const [format, m] of [['markdown', md], ['junit', junit], ['html', html]] as const) {
      expect(m, format).not.toBeNull();
      const r = spawnSync('bash', ['-c', unescape(m![1]).replace(/^npx softmax-verify/, `${CLI_ARGV.map((a) => `'${a}'`).join(' ')}`) + ' --quiet'], { cwd: elsewhere, encoding: 'utf8' });
      expect(r.status, `${format}: ${r.stdout}${r.stderr}`).toBe(1);
      expect(r.stdout, format).toMatch(/^FAIL /m);
    }
  });

  it('names the pattern of a tail bug: its failing lengths share a residue', () => {
    const tail = join(dir, 'tail.mjs');
    // Right except when n = 7 mod 8: then its "tail" leaves the last element unnormalised.
    writeFileSync(tail, 'export function softmax(x, y) { let m = -Infinity; for (const v of x) m = Math.max(m, v); let s = 0; for (const v of x) s += Math.exp(v - m); for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i] - m) / s; if (x.length % 8 === 7 && Number.isFinite(m)) y[x.length - 1] = Math.exp(x[x.length - 1] - m); }\n');
    const r = cli(['check', '--external', tail, '--bound', '2', '--policy', 'nan', '--algorithm', 'three-pass-reload', '--property', 'oracle-agreement', '--runs', '20', '--max-long-row', '1000', '--seed', '5', '--quiet', '--out-dir', join(dir, 'tail-out')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^ {4}pattern: failing lengths are 7 mod (8|16|32|64|128|256) \(\d+ of \d+ distinct lengths: 7, /m);
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

describe('lengthPattern', () => {
  it('finds the largest power-of-two modulus most failing lengths share, or nothing', async () => {
    const { lengthPattern } = await import('../../../src/cli/check-output.js');
    expect(lengthPattern([7, 23, 39, 55, 15])).toMatch(/^failing lengths are 7 mod 8 \(5 of 5/);
    expect(lengthPattern([7, 23, 39, 55, 183, 409, 647, 2535, 15])).toMatch(/^failing lengths are 7 mod 8 \(8 of 9/);
    expect(lengthPattern([17, 49, 81, 113])).toMatch(/^failing lengths are 17 mod 32 /);
    expect(lengthPattern([7, 7, 7])).toBeNull(); // one length is no pattern
    expect(lengthPattern([3, 8, 13, 22, 101])).toBeNull();
  });
});
