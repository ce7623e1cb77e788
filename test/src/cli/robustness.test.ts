// The battery: bad input gets exit 2 and one line, nothing written; outputs are atomic and
// never replace devices, FIFOs or links by regular files; a full disk is its own exit code
// and keeps the previous report; a torn corpus line is skipped; merges cannot fake a pass.

import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';
import { packageRoot } from '../../../src/package-root.js';

const dir = mkdtempSync(join(tmpdir(), 'softmax-robust-'));
const QUICK = ['--runs', '2', '--max-long-row', '1000', '--seed', '4', '--quiet'];
const ONE = ['--kernel', 'online/scalar/accurate', '--property', 'sum-to-one', '--family', 'uniform', ...QUICK];

function f32(name: string, values: number[]): string {
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(Float32Array.from(values).buffer));
  return path;
}

/** Exit 2, exactly one line on stderr, no stack trace. */
function expectUsage(r: ReturnType<typeof cli>, pattern: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

describe('bad input: exit 2, one line, nothing written', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'softmax-bad-'));
  const cases: Array<[string, string[], RegExp]> = [
    ['an empty --kernel', ['check', '--kernel', '', ...QUICK], /--kernel '': an empty entry/],
    ['a blank --kernel', ['check', '--kernel', ' ', ...QUICK], /--kernel ' ': an empty entry/],
    ['a trailing comma in --kernel', ['check', '--kernel', 'two-pass/scalar/accurate,', ...QUICK], /an empty entry/],
    ['a --path that is not a path', ['check', '--kernel', 'two-pass/scalar/accurate', '--property', 'sum-to-one', '--family', 'uniform', '--path', 'abc', ...QUICK], /--path abc: expected a fast-check path/],
    ['a huge --path', ['check', '--kernel', 'two-pass/scalar/accurate', '--property', 'sum-to-one', '--family', 'uniform', '--path', '99999999999', ...QUICK], /--path: at most/],
    ['--max-long-row garbage', ['check', '--max-long-row', '12abc', '--runs', '2', '--quiet'], /--max-long-row 12abc: expected an integer from 1000/],
    ['--max-long-row too large', ['check', '--max-long-row', String(2 ** 40), '--runs', '2', '--quiet'], /expected an integer from 1000 to 67108864/],
    ['--runs out of range', ['check', '--runs', '1e9', '--quiet'], /--runs 1e9: expected an integer/],
    ['--seed 1e23', ['check', '--seed', '1e23', '--quiet'], /--seed 1e23: expected an integer from 0 to 2147483647/],
    ['--seed beyond 32 bits', ['check', '--seed', '99999999999', '--quiet'], /--seed 99999999999: expected an integer from 0/],
    ['--time-budget out of range', ['check', '--time-budget', '999999999', '--quiet'], /--time-budget 999999999: expected an integer from 1 to 86400/],
    ['a malformed replay id', ['replay', 'not-an-id!'], /replay not-an-id!: not SEED:PATH, and no failure with this id/],
    ['--out that is a directory', ['check', ...ONE, '--out', dir], /--out .*: is a directory/],
    ['--out-dir that is a file', ['check', ...ONE, '--out-dir', join(dir, 'a-file')], /--out-dir .*a-file: is a file, not a directory/],
    ['--corpus that is a directory', ['check', ...ONE, '--corpus', dir], /corpus .*: is a directory/],
    // A port's numbers: checked before anything is loaded (the port path need not exist).
    ['--timeout-ms beyond an hour (it wrapped to a negative timer)', ['check', '--external', 'p.so', '--bound', '1', '--policy', 'nan', '--timeout-ms', '3000000000'], /--timeout-ms 3000000000: expected an integer from 1 to 3600000/],
    ['--memory-mb 2^44 (the runner could not map 8 KB)', ['check', '--external', 'p.so', '--bound', '1', '--policy', 'nan', '--memory-mb', String(2 ** 44)], /--memory-mb 17592186044416: expected an integer from 64 to 1048576/],
    ['--tile 100000000 (gigabytes of tail rows)', ['check', '--external', 'p.so', '--bound', '1', '--policy', 'nan', '--tile', '100000000'], /--tile 100000000: expected an integer from 1 to 65536/],
    ['--startup-ms 0', ['check', '--exec', 'true', '--bound', '1', '--policy', 'nan', '--startup-ms', '0'], /--startup-ms 0: expected an integer from 1 to 3600000/],
  ];
  writeFileSync(join(dir, 'a-file'), 'x');
  for (const [name, args, pattern] of cases) {
    it(name, () => {
      const before = readdirSync(cwd);
      expectUsage(cli(args, { cwd }), pattern);
      expect(readdirSync(cwd)).toEqual(before);
    });
  }

  it('--shard without a seed shared by the shards', () => {
    expectUsage(cli(['check', '--shard', '1/2', '--quiet'], { cwd, env: { SOFTMAX_VERIFY_SEED: '' } }), /--shard 1\/2 needs --seed N/);
  });

  it('a torn middle line, a null and a wrongly typed corpus entry: exit 2 naming the line', () => {
    const corpus = join(dir, 'bad-corpus.jsonl');
    writeFileSync(corpus, '{"id": "x"\n{}\n');
    expectUsage(cli(['check', ...ONE, '--corpus', corpus], { cwd }), /bad-corpus.jsonl:1: not a JSON corpus entry/);
    writeFileSync(corpus, 'null\n');
    expectUsage(cli(['check', ...ONE, '--corpus', corpus], { cwd }), /:1: not a corpus entry: not a JSON object/);
    writeFileSync(corpus, `${JSON.stringify({ id: 'a', kernel: 'k', property: 'p', family: 'f', seed: '1', path: '0', maxLongRow: 1, rowLength: 1, row: null, message: '' })}\n`);
    expectUsage(cli(['check', ...ONE, '--corpus', corpus], { cwd }), /"seed" must be a non-negative integer/);
  });

  it('an incomplete report JSON: exit 2 naming what is missing', () => {
    const report = join(dir, 'incomplete.json');
    writeFileSync(report, JSON.stringify({ tool: 'softmax-verify', schemaVersion: 2, results: [] }));
    expectUsage(cli(['report', '--in', report, '--out-dir', join(dir, 'r-out')], { cwd }), /not a valid check report/);
  });

  it('oracle --in /dev/zero is refused at its documented limit, not read forever', () => {
    expectUsage(cli(['oracle', '--in', '/dev/zero', '--out', join(dir, 'zero.f32')], { cwd }), /larger than 1073741824 bytes/);
    expect(existsSync(join(dir, 'zero.f32'))).toBe(false);
  });
});

describe('outputs', () => {
  const x = f32('x.f32', [1, 2, 3, -1]);

  it('--out /dev/null is written through: it stays a character device', () => {
    const r = cli(['oracle', '--in', x, '--out', '/dev/null']);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a FIFO is written through: its reader gets the output and it stays a FIFO', () => {
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const got = join(dir, 'from-fifo.f32');
    // The reader starts first (in the background) and copies what comes through the FIFO.
    const r = cli(['oracle', '--in', x, '--out', fifo], { shell: `(cat ${JSON.stringify(fifo)} > ${JSON.stringify(got)} &);` });
    expect(r.code, r.stderr).toBe(0);
    for (let i = 0; i < 50 && (!existsSync(got) || statSync(got).size < 16); i++) execFileSync('sleep', ['0.1']);
    expect(statSync(got).size).toBe(16);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a symbolic link is followed: the target gets the output, the link stays a link', () => {
    const target = join(dir, 'target.f32');
    const link = join(dir, 'link.f32');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    expect(cli(['oracle', '--in', x, '--out', link]).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(target).size).toBe(16);
  });

  it('a full disk: exit 5 with one line, the previous report intact, no temporary file left', () => {
    const out = join(dir, 'full');
    mkdirSync(out);
    const first = cli(['check', ...ONE, '--out-dir', out]);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const before = readFileSync(join(out, 'report.json'), 'utf8');
    // 2 KiB per file at most (the report is larger); SIGXFSZ ignored, so writes fail with
    // EFBIG as on a full disk.
    expect(before.length).toBeGreaterThan(2048);
    const r = cli(['check', ...ONE, '--out-dir', out, '--seed', '5'], { shell: "trap '' XFSZ; ulimit -f 2;" });
    expect(r.code, r.stdout + r.stderr).toBe(5);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot write \(EFBIG\)/);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(before);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('run --out into a directory leaves no temporary file', () => {
    const r = cli(['run', '--kernel', 'two-pass/scalar/accurate', '--in', x, '--out', dir]);
    expect(r.code).toBe(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('check | head: the reader going away ends the output, not the run (exit is the verdict)', () => {
    const out = join(dir, 'pipe');
    const r = cli(['check', ...ONE, '--out-dir', out], { shell: 'set -o pipefail; "$@" | head -c 1 >/dev/null; exit ${PIPESTATUS[0]}; #' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE/);
    expect(existsSync(join(out, 'report.json'))).toBe(true);
  });
});

describe('the corpus', () => {
  it('a torn last line (an interrupted append) is skipped and said, and later appends stay whole', () => {
    const corpus = join(dir, 'torn.jsonl');
    const whole = { id: 'aaaaaaaaaaaa', kernel: 'online/scalar/accurate', property: 'sum-to-one', family: 'uniform', seed: 1, path: '0', maxLongRow: 1000, rowLength: 2, row: '0x3f800000 0x40000000', message: 'm' };
    writeFileSync(corpus, `${JSON.stringify(whole)}\n{"id": "bbbb`);
    const r = cli(['check', ...ONE, '--corpus', corpus, '--out-dir', join(dir, 'torn-out')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toMatch(/last line was cut short .* skipped/);
    expect(r.stdout).toMatch(/replayed 1 failure/);
  });
});

describe('hostile JavaScript ports run in a process of their own', () => {
  const hostile: Array<[string, string, RegExp]> = [
    ['calls process.exit(0)', 'export function softmax(x, y) { process.exit(0); }', /exited with code 0/],
    ['loops forever', 'export function softmax(x, y) { for (;;) {} }', /did not return within 300 ms .*\(hung\?\)/],
    ['exhausts its heap', 'export function softmax(x, y) { const a = []; for (;;) a.push(new Array(1e6).fill(x.length)); }', /ended its runner|exited|killed/],
    ['changes x', 'export function softmax(x, y) { y.fill(1 / x.length); x[0] = 0; }', /changed x\[0\]/],
    // Checked beside a correct port in the same run: the patch stays in its own process.
    ['patches Float32Array.prototype', 'export function softmax(x, y) { Float32Array.prototype.fill = () => { throw new Error("patched"); }; for (let i = 0; i < y.length; i++) y[i] = 1 / x.length; }', /^PASS\s+two-pass\/external:softmax\/paper/m],
  ];
  for (const [what, source, message] of hostile) {
    it(`one that ${what}: the run goes on to its verdict (exit 1), the failure named`, () => {
      const port = join(dir, `hostile-${what.replace(/\W+/g, '-')}.mjs`);
      writeFileSync(port, `${source}\n`);
      const beside = what.startsWith('patches') ? ['--external', join(packageRoot(), 'examples/js-port/softmax.mjs')] : [];
      const r = cli(['check', '--external', port, ...beside, '--bound', '2', '--policy', 'nan', '--property', 'oracle-agreement', '--family', 'uniform', ...QUICK, '--timeout-ms', '300', '--memory-mb', '64', '--out-dir', join(dir, `hostile-out-${what.length}`)]);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^verdict: fail/m);
      expect(r.stdout).toMatch(message);
      expect(existsSync(join(dir, `hostile-out-${what.length}`, 'report.json'))).toBe(true);
    });
  }

  it('one whose top level exits is a load error (exit 2), not a pass', () => {
    const port = join(dir, 'hostile-top-exit.mjs');
    writeFileSync(port, 'process.exit(0);\nexport function softmax(x, y) {}\n');
    const r = cli(['check', '--external', port, '--bound', '2', '--policy', 'nan', ...QUICK, '--out-dir', join(dir, 'hostile-top')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exited with code 0/);
  });

  it('one whose top-level await never settles is a load error naming it, at once (not after --startup-ms)', () => {
    const port = join(dir, 'hostile-tla.mjs');
    writeFileSync(port, 'await new Promise(() => {});\nexport function softmax(x, y) { y.fill(1 / x.length); }\n');
    const started = Date.now();
    const r = cli(['check', '--external', port, '--bound', '2', '--policy', 'nan', ...QUICK, '--startup-ms', '60000', '--out-dir', join(dir, 'hostile-tla')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hostile-tla\.mjs: its top-level await never settles/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('one whose top-level await is kept pending by a timer is a load error after --startup-ms', () => {
    const port = join(dir, 'hostile-tla-timer.mjs');
    writeFileSync(port, 'setInterval(() => {}, 1000);\nawait new Promise(() => {});\nexport function softmax(x, y) {}\n');
    const r = cli(['check', '--external', port, '--bound', '2', '--policy', 'nan', ...QUICK, '--startup-ms', '1500', '--out-dir', join(dir, 'hostile-tla-timer')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did not greet within 1500 ms/);
  });
});

describe('replay lines are valid shell', () => {
  it('for a port whose path holds a quote and a space', () => {
    const portDir = join(dir, "it's a dir");
    mkdirSync(portDir);
    const port = join(portDir, 'wrong.mjs');
    writeFileSync(port, 'export function softmax(x, y) { y.fill(1 / x.length); }\n');
    const r = cli(['check', '--external', port, '--abi', 'js', '--bound', '1', '--policy', 'nan', '--property', 'oracle-agreement', '--family', 'uniform', ...QUICK, '--out-dir', join(dir, 'q-out')]);
    expect(r.code).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.trim().startsWith('replay:'))!.replace(/^\s*replay:\s*/, '');
    // bash parses it back into the arguments: the port's path survives whole.
    const words = execFileSync('bash', ['-c', `set -- ${line.replace(/^npx softmax-verify /, '')}; printf '%s\\n' "$@"`], { encoding: 'utf8' }).split('\n');
    expect(words).toContain(port);
  });
});
