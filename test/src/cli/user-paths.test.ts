// Committed data comes from the package and user state goes where the user says, so the
// CLI works from any directory and never writes into the package.

import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { CONFIG_FILE, DEFAULT_OUT_DIR, PACKAGE_DATA, userPaths } from '../../../src/cli/user-paths.js';
import { cli } from './run-cli.js';

const cliIn = (cwd: string, args: string[]) => cli(args, { cwd });

describe('userPaths', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'softmax-paths-'));
  it('defaults to ./softmax-verify-out in the working directory', () => {
    expect(userPaths({}, {}, cwd)).toEqual({ outDir: resolve(cwd, DEFAULT_OUT_DIR), corpus: resolve(cwd, DEFAULT_OUT_DIR, 'corpus.jsonl') });
  });
  it('takes flags over the environment over the config file', () => {
    const withConfig = mkdtempSync(join(tmpdir(), 'softmax-paths-'));
    writeFileSync(join(withConfig, CONFIG_FILE), JSON.stringify({ outDir: 'from-config', corpus: 'c.jsonl' }));
    expect(userPaths({}, {}, withConfig)).toEqual({ outDir: resolve(withConfig, 'from-config'), corpus: resolve(withConfig, 'c.jsonl') });
    expect(userPaths({}, { SOFTMAX_VERIFY_OUT_DIR: 'from-env' }, withConfig).outDir).toBe(resolve(withConfig, 'from-env'));
    expect(userPaths({ outDir: 'from-flag' }, { SOFTMAX_VERIFY_OUT_DIR: 'from-env' }, withConfig).outDir).toBe(resolve(withConfig, 'from-flag'));
    expect(userPaths({ corpus: 'flag.jsonl' }, { SOFTMAX_VERIFY_CORPUS: 'env.jsonl' }, withConfig).corpus).toBe(resolve(withConfig, 'flag.jsonl'));
  });
  it('refuses a config file that is not what it should be, naming the problem', () => {
    const bad = mkdtempSync(join(tmpdir(), 'softmax-paths-'));
    writeFileSync(join(bad, CONFIG_FILE), JSON.stringify({ outdir: 'typo' }));
    expect(() => userPaths({}, {}, bad)).toThrow(UsageError);
    expect(() => userPaths({}, {}, bad)).toThrow(/unknown key "outdir"/);
    writeFileSync(join(bad, CONFIG_FILE), '{ not json');
    expect(() => userPaths({}, {}, bad)).toThrow(/not JSON/);
  });
  it('finds the committed data in the package', () => {
    expect(existsSync(PACKAGE_DATA.tolerances())).toBe(true);
    expect(existsSync(PACKAGE_DATA.corpus())).toBe(true);
  });
});

describe('check from another directory', () => {
  it('gates on the package tolerance table, writes only under the working directory, and leaves the package corpus alone', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'softmax-elsewhere-'));
    const corpusBefore = statSync(PACKAGE_DATA.corpus()).mtimeMs;
    const r = cliIn(cwd, ['check', '--kernel', 'online/scalar/accurate', '--runs', '2', '--max-long-row', '1000', '--seed', '3', '--quiet']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(cwd, DEFAULT_OUT_DIR, 'report.json'), 'utf8'));
    expect(report.options.tolerances).toBe(PACKAGE_DATA.tolerances());
    expect(report.verdict).toBe('pass');
    expect(statSync(PACKAGE_DATA.corpus()).mtimeMs).toBe(corpusBefore);
  });

  it('appends a failing kernel\'s new failures to the user corpus, not the package corpus', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'softmax-elsewhere-'));
    const port = join(cwd, 'wrong.mjs');
    // Uniform output: wrong for any row of unequal values.
    writeFileSync(port, 'export function softmax(x, y) { y.fill(1 / x.length); }\n');
    const corpusBefore = readFileSync(PACKAGE_DATA.corpus(), 'utf8');
    const r = cliIn(cwd, ['check', '--external', port, '--abi', 'js', '--algorithm', 'two-pass', '--bound', '1', '--policy', 'nan', '--runs', '2', '--max-long-row', '1000', '--seed', '3', '--quiet', '--property', 'oracle-agreement', '--family', 'uniform']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const user = readFileSync(join(cwd, DEFAULT_OUT_DIR, 'corpus.jsonl'), 'utf8').trim().split('\n');
    expect(user.length).toBeGreaterThan(0);
    expect(JSON.parse(user[0]).property).toBe('oracle-agreement');
    expect(readFileSync(PACKAGE_DATA.corpus(), 'utf8')).toBe(corpusBefore);
  });
});
