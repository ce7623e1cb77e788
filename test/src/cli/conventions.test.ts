// Command-line conventions: --version, per-command help, "did you mean", JSON on stdout.

import { readFileSync } from 'node:fs';
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
    expect(opt.stderr).toMatch(/unknown option --kernal; did you mean --kernel\?/);
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
