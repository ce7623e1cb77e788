// Ports behind the process ABI (docs/process-abi.md): a command speaking the protocol on
// its own streams, through the C driver. Correct ports pass whatever they print; hangs,
// crashes, out-of-bounds writes and wrong numbers are failures of that port and the run
// goes on; a command that does not speak the protocol is a clear load error.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract, type Failure, type FamilyName, type KernelResult } from '../../../properties/index.js';
import { registerExternalKernel, type ExternalKernel, type ExternalKernelOptions } from '../../../src/external/external-kernel.js';
import { listKernels } from '../../../src/registry.js';
import { softmaxRows } from '../../../src/api.js';
import { brokenPorts, execPorts } from './build-fixtures.js';

const opened: ExternalKernel[] = [];
afterAll(() => opened.forEach((k) => k.close()));

async function port(o: Partial<ExternalKernelOptions>): Promise<ExternalKernel> {
  const k = await registerExternalKernel({ boundUlp: 1, policy: 'nan', algorithm: 'three-pass-recompute', timeoutMs: 300, ...o });
  opened.push(k);
  return k;
}

function contract(k: ExternalKernel, families?: FamilyName[], properties?: string[], runs = 8): KernelResult {
  return runContract(k.entry, { seed: 11, runs, maxLongRow: 20_000, properties, families, others: listKernels().filter((e) => e.available) });
}

function failures(r: KernelResult): Failure[] {
  return r.properties.flatMap((p) => p.failures);
}

let table = '';
beforeAll(() => {
  table = execPorts.table();
});

describe('a C port through the process-ABI driver', () => {
  it('passes the whole contract', async () => {
    const k = await port({ exec: execPorts.example(), name: 'exec-example' });
    const r = contract(k);
    expect(failures(r).map((f) => `${f.property}/${f.family}: ${f.message}`)).toEqual([]);
    expect(r.missingFamilies).toEqual([]);
    expect(r.accuracy.maxUlp).toBeLessThan(1);
  });

  it('keeps rows and strides of a batched call, and leaves y between rows alone', async () => {
    const k = await port({ exec: `${table} correct`, name: 'exec-batched' });
    const x = Float32Array.from({ length: 3 * 7 }, (_, i) => (i % 7) - 3);
    const y = new Float32Array(3 * 9).fill(-1);
    softmaxRows(k.entry.spec.id, x, y, { rows: 3, cols: 5, xStride: 7, yStride: 9 });
    const one = new Float32Array(5);
    k.entry.row!(x.subarray(0, 5), one);
    expect(one[4]).toBeGreaterThan(one[0]);
    for (let r = 0; r < 3; r++) expect(y.subarray(9 * r, 9 * r + 5)).toEqual(one);
    expect([...y.subarray(5, 9)]).toEqual([-1, -1, -1, -1]);
  });

  it('a port that prints on every call passes, and what it printed is kept', async () => {
    const k = await port({ exec: `${table} prints`, name: 'exec-prints' });
    const r = contract(k, undefined, undefined, 4);
    expect(failures(r)).toEqual([]);
    expect(k.output()).toMatch(/prints: call \d+, n=\d+\n/);
    expect(k.output()).toMatch(/prints: \d+ calls so far/); // its stderr too
  });

  it('a hang is reported as hung with the row, and the run goes on', async () => {
    const k = await port({ exec: `${table} hang-on-nan`, name: 'exec-hang' });
    const r = contract(k, ['nan-inf', 'uniform'], ['oracle-agreement'], 6);
    const f = failures(r);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('did not return within 300 ms on a row of');
    expect(f[0].message).toContain('(hung?)');
    expect(f[0].rowHex).toMatch(/7fc00000|ffc00000|7f[89a-f]|ff[89a-f]/i);
    expect(r.familyRows.uniform).toBeGreaterThan(0); // restarted after the kill
  });

  it('a crash and a write of y[n] are reported with the length and the index', async () => {
    const crash = failures(contract(await port({ exec: `${table} crash-on-17`, name: 'exec-crash' }), ['tail-lengths'], ['oracle-agreement'], 25));
    expect(crash).toHaveLength(1);
    expect(crash[0].message).toContain('crashed with SIGSEGV on a row of 17 elements');
    const oob = failures(contract(await port({ exec: `${table} write-past-end`, name: 'exec-oob' }), ['uniform'], ['oracle-agreement']));
    expect(oob).toHaveLength(1);
    expect(oob[0].message).toContain(`accessed y[${oob[0].rowLength}], past the end of y[0..${oob[0].rowLength})`);
  });

  it('wrong numbers fail oracle agreement with the counterexample', async () => {
    const f = failures(contract(await port({ exec: `${table} scaled-wrong`, name: 'exec-wrong' }), ['uniform'], ['oracle-agreement']));
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/error \d+(\.\d+)? ULP, declared bound 1 ULP/);
    expect(f[0].rowLength).toBe(1); // shrunk
  });
});

describe('the C ABI runner keeps its protocol off the port\'s stdout', () => {
  it('a shared library that printf()s on every call passes, with its output kept', async () => {
    const k = await port({ path: brokenPorts.c(), symbol: 'prints_every_call', name: 'c-prints' });
    const r = contract(k, undefined, undefined, 4);
    expect(failures(r)).toEqual([]);
    expect(k.output()).toMatch(/prints_every_call: n=\d+/);
  });
});

describe('a command that does not speak the protocol is a load error', () => {
  it.each([
    ['no greeting, only output', 'head -c 70000 /dev/zero | tr "\\0" x; sleep 5', /without the process-ABI greeting "SMXP"/],
    ['another protocol version', `printf 'SMXP\\002\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000'; sleep 5`, /speaks process-ABI version 2; this softmax-verify speaks version 1/],
    ['it exits', 'echo "driver: cannot open /dev/board" >&2; exit 3', /exited with code 3: driver: cannot open \/dev\/board/],
    ['it never greets', 'sleep 30', /did not greet within 500 ms/],
  ])('%s', async (_what, exec, message) => {
    await expect(port({ exec, name: 'not-a-driver', startupMs: 500 })).rejects.toThrow(message);
  });

  it('an answer outside the protocol is a protocol violation of that call', async () => {
    // A greeting, then status 99 for the first request.
    const k = await port({ exec: `printf 'SMXP\\001\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000'; head -c 24 >/dev/null; printf 'c\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000'; sleep 5`, name: 'violator' });
    expect(() => k.entry.row!(new Float32Array([1]), new Float32Array(1))).toThrow(/broke the process ABI on a row of 1 elements: the driver answered with status 99, which version 1 does not define/);
  });

  it('banner text before the greeting is output, not an error', async () => {
    const k = await port({ exec: `echo 'Welcome to board-7'; exec ${table} correct`, name: 'banner' });
    const y = new Float32Array(2);
    k.entry.row!(new Float32Array([0, 0]), y);
    expect([...y]).toEqual([0.5, 0.5]);
    expect(k.output()).toContain('Welcome to board-7');
  });
});
