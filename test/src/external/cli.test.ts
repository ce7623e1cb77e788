// `check --external` and `digest` as users call them: exit codes, reports, clear errors.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenPorts, cli, dir, examplePorts } from './build-fixtures.js';

const quick = ['--runs', '3', '--max-long-row', '2000', '--seed', '5', '--quiet', '--corpus', join(dir, 'corpus.jsonl'), '--tolerances', 'none'];

describe('check --external', () => {
  it('passes the example C port through the whole contract (exit 0) and writes the report', () => {
    const out = join(dir, 'report.json');
    const r = cli(['check', '--external', examplePorts.c(), '--algorithm', 'three-pass-recompute', '--bound', '1', '--policy', 'nan', '--out', out, ...quick]);
    expect(r.stdout).toMatch(/PASS\s+three-pass-recompute\/external:softmax_port\/paper/);
    expect(r.code).toBe(0);
  });

  it('reports a port that writes y[n] as a contract failure (exit 1) with the shrunk row', () => {
    const r = cli(['check', '--external', brokenPorts.c(), '--symbol', 'write_past_end', '--bound', '1', '--policy', 'nan', '--property', 'oracle-agreement', '--family', 'uniform', '--out', join(dir, 'r2.json'), ...quick]);
    expect(r.stdout).toMatch(/FAIL\s+two-pass\/external:broken_ports\/paper/);
    expect(r.stdout).toContain('accessed y[1], past the end of y[0..1), on a row of 1 elements');
    expect(r.stdout).toContain('row (1 float32, hex)');
    // The replay command selects the port by its --external options, not by its run-time id.
    expect(r.stdout).toMatch(/replay: npx softmax-verify check --external '[^']*broken_ports[^']*' --symbol 'write_past_end' --bound '1' --policy 'nan' --property oracle-agreement/);
    expect(r.stdout).not.toMatch(/^\s+at /m); // finishes normally: no stack trace after the failures
    expect(r.code).toBe(1);
  });
});

describe('bad external input is a one-line error with exit code 2', () => {
  const contract = ['--bound', '1', '--policy', 'nan'];
  const garbage = join(dir, 'garbage.wasm');
  writeFileSync(garbage, 'this is not wasm');

  it.each([
    ['a missing file', ['--external', join(dir, 'missing.so'), ...contract], /missing\.so: no such file/],
    ['a missing symbol', ['--external', examplePorts.c(), '--symbol', 'softmax_f16', ...contract], /does not export the symbol softmax_f16/],
    ['a file that is no shared library', ['--external', garbage, '--abi', 'c', ...contract], /cannot load .* as a shared library/],
    ['bytes that are not wasm', ['--external', garbage, ...contract], /is not a WebAssembly module/],
    ['a wasm export of the wrong signature', ['--external', brokenPorts.wasm(), '--symbol', 'two_params', ...contract], /two_params takes 2 parameters; expected \(x: i32, y: i32, n: i32\)/],
    ['a JavaScript export of the wrong signature', ['--external', 'test/src/external/fixtures/one-param.mjs', ...contract], /takes 1 parameters; expected \(x: Float32Array, y: Float32Array\) => void/],
    ['an unknown extension', ['--external', 'README.md', ...contract], /cannot tell the ABI from the extension/],
    ['no declared contract', ['--external', examplePorts.js], /need the declared contract: --bound ULP \(or --bound-like KERNEL_ID\) and --policy nan\|zero/],
    ['a port option without --external', ['--bound', '1'], /--bound describes an external port/],
  ])('%s', (_what, args, message) => {
    const r = cli(['check', ...args, ...quick]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
  });
});

describe('digest', () => {
  it('an external port claiming the accurate recipe must reproduce the committed digest; the first difference is shown', () => {
    const r = cli(['digest', '--external', examplePorts.js, '--recipe', 'accurate', '--algorithm', 'three-pass-reload']);
    expect(r.stdout).toMatch(/three-pass-reload\/external:softmax\/accurate\s+DIFFERS from digests\/v3\.json three-pass-reload/);
    expect(r.stdout).toMatch(/first difference: family \w[\w-]*, n=\d+, index \d+: x=0x[0-9a-f]{8}, kernel 0x[0-9a-f]{8}, golden 0x[0-9a-f]{8}/);
    expect(r.code).toBe(1);
  });

  it('a port that is the golden model matches', () => {
    const golden = join(dir, 'golden.mjs');
    writeFileSync(golden, `export { twoPassAccurate as softmax } from ${JSON.stringify(join(process.cwd(), 'src/kernels/scalar/accurate.ts'))};\n`);
    const r = cli(['digest', '--external', golden, '--recipe', 'accurate', '--algorithm', 'two-pass']);
    expect(r.stdout).toMatch(/two-pass\/external:golden\/accurate\s+matches digests\/v3\.json two-pass/);
    expect(r.code).toBe(0);
  });
});
