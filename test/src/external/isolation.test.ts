// External ports through the contract: the examples pass; broken ports are reported as
// contract failures of that kernel (property, message, offending row) and the run goes on.
// Native and wasm ports run isolated in a runner process; JavaScript ports in-process.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract, type Failure, type FamilyName, type KernelResult } from '../../../properties/index.js';
import { registerExternalKernel, type ExternalKernel, type ExternalKernelOptions } from '../../../src/external/external-kernel.js';
import { listKernels } from '../../../src/registry.js';
import { softmaxRows } from '../../../src/api.js';
import { brokenPorts, examplePorts } from './build-fixtures.js';

const opened: ExternalKernel[] = [];
afterAll(() => opened.forEach((k) => k.close()));

async function port(o: Partial<ExternalKernelOptions> & { path: string }): Promise<ExternalKernel> {
  const k = await registerExternalKernel({ boundUlp: 1, policy: 'nan', timeoutMs: 300, ...o });
  opened.push(k);
  return k;
}

function contract(k: ExternalKernel, families: FamilyName[], properties = ['oracle-agreement'], runs = 25): KernelResult {
  return runContract(k.entry, { seed: 42, runs, maxLongRow: 20_000, properties, families, others: listKernels().filter((e) => e.available) });
}

function onlyFailure(r: KernelResult): Failure {
  const failures = r.properties.flatMap((p) => p.failures);
  expect(failures).toHaveLength(1);
  return failures[0];
}

describe('the example ports pass the whole contract', () => {
  it.each([
    ['c', 'three-pass-recompute'],
    ['wasm', 'online'],
    ['js', 'three-pass-reload'],
  ] as const)('%s example (%s)', async (abi, algorithm) => {
    const path = abi === 'js' ? examplePorts.js : examplePorts[abi]();
    const k = await port({ path, algorithm, name: `example-${abi}` });
    const r = runContract(k.entry, { seed: 7, runs: 8, maxLongRow: 20_000, others: listKernels().filter((e) => e.available) });
    const failures = r.properties.flatMap((p) => p.failures.map((f) => `${f.property}/${f.family}: ${f.message}`));
    expect(failures).toEqual([]);
    expect(r.missingFamilies).toEqual([]);
    expect(r.accuracy.maxUlp).toBeLessThan(1);
  });

  it('uses the batched entry point of a native port, rows and strides intact', async () => {
    const k = await port({ path: examplePorts.c(), name: 'batched' });
    const x = Float32Array.from({ length: 3 * 7 }, (_, i) => (i % 7) - 3);
    const y = new Float32Array(3 * 9).fill(-1);
    softmaxRows(k.entry.spec.id, x, y, { rows: 3, cols: 5, xStride: 7, yStride: 9 });
    const one = new Float32Array(5);
    k.entry.row!(x.subarray(0, 5), one);
    for (let r = 0; r < 3; r++) expect(y.subarray(9 * r, 9 * r + 5)).toEqual(one);
    expect([...y.subarray(5, 9)]).toEqual([-1, -1, -1, -1]);
  });
});

describe('broken native ports are contract failures, isolated', () => {
  let lib = '';
  beforeAll(() => {
    lib = brokenPorts.c();
  });

  it('a write of y[n] is caught by the guard page, with the offending index', async () => {
    const f = onlyFailure(contract(await port({ path: lib, symbol: 'write_past_end', name: 'c-write' }), ['uniform']));
    expect(f.message).toContain(`accessed y[${f.rowLength}], past the end of y[0..${f.rowLength})`);
    expect(f.rowLength).toBe(1); // shrunk
  });

  it('a read of x[n] is caught by the guard page', async () => {
    const f = onlyFailure(contract(await port({ path: lib, symbol: 'read_past_end', name: 'c-read' }), ['uniform']));
    expect(f.message).toContain(`accessed x[${f.rowLength}], past the end of x[0..${f.rowLength})`);
  });

  it('x and y are placed at the offsets mod 64 bytes of the views the caller gives, independently; fresh arrays end at the guard page', async () => {
    const k = await port({ path: lib, symbol: 'report_alignment', name: 'c-align' });
    const xs = new Float32Array(64);
    const ys = new Float32Array(64);
    for (const [xo, yo] of [[0, 0], [1, 0], [0, 7], [5, 11], [15, 3], [8, 15]]) {
      const y = ys.subarray(16 + yo, 16 + yo + 6);
      k.entry.row!(xs.subarray(16 + xo, 16 + xo + 6), y);
      expect([y[0], y[1]], `x offset ${xo}, y offset ${yo}`).toEqual([4 * xo, 4 * yo]);
    }
    // A fresh 6-element x ends at its guard page: it starts 24 bytes before a page boundary.
    const y = new Float32Array(6);
    k.entry.row!(new Float32Array(6), y);
    expect(y[0]).toBe(64 - 24);
  });

  it('a crash on one length is reported with that length, and later rows still run', async () => {
    const k = await port({ path: lib, symbol: 'crash_on_17', name: 'c-crash' });
    const r = contract(k, ['tail-lengths', 'uniform']);
    const f = onlyFailure(r);
    expect(f.family).toBe('tail-lengths');
    expect(f.message).toContain('crashed with SIGSEGV on a row of 17 elements');
    expect(f.rowLength).toBe(17);
    expect(r.familyRows.uniform).toBeGreaterThan(0); // the runner restarted
  });

  it('a hang on NaN times out, is reported with the NaN row, and the runner restarts', async () => {
    const k = await port({ path: lib, symbol: 'hang_on_nan', name: 'c-hang' });
    const f = onlyFailure(contract(k, ['nan-inf', 'uniform'], ['oracle-agreement'], 10));
    expect(f.message).toContain('did not return within 300 ms');
    expect(f.rowHex).toMatch(/7fc00000|ffc00000|7f[89a-f]|ff[89a-f]/i);
  });

  it('a change to x is reported with the element', async () => {
    const f = onlyFailure(contract(await port({ path: lib, symbol: 'modifies_x', name: 'c-modx' }), ['uniform']));
    expect(f.message).toContain('changed x[2] (x is read-only) on a row of 3 elements');
  });
});

describe('broken wasm ports are contract failures, isolated', () => {
  let module = '';
  beforeAll(() => {
    module = brokenPorts.wasm();
  });

  it('x and y are placed at the offsets mod 64 bytes of the views the caller gives, independently', async () => {
    const k = await port({ path: module, abi: 'wasm', symbol: 'report_alignment', name: 'w-align' });
    const xs = new Float32Array(64);
    const ys = new Float32Array(64);
    for (const [xo, yo] of [[0, 0], [1, 0], [0, 7], [5, 11], [15, 3], [8, 15]]) {
      const y = ys.subarray(16 + yo, 16 + yo + 6);
      k.entry.row!(xs.subarray(16 + xo, 16 + xo + 6), y);
      expect([y[0], y[1]], `x offset ${xo}, y offset ${yo}`).toEqual([4 * xo, 4 * yo]);
    }
  });

  it('a write of y[n] hits the canary after y', async () => {
    const f = onlyFailure(contract(await port({ path: module, abi: 'wasm', symbol: 'write_past_end', name: 'w-write' }), ['uniform']));
    expect(f.message).toContain(`accessed y[${f.rowLength}], past the end of y[0..${f.rowLength})`);
  });

  it('a read of x[n] traps at the end of memory', async () => {
    const f = onlyFailure(contract(await port({ path: module, symbol: 'read_past_end', name: 'w-read' }), ['uniform']));
    expect(f.message).toContain('memory access out of bounds (x ends at the end of linear memory');
    expect(f.rowLength).toBe(1);
  });

  it('a trap on one length is reported with that length', async () => {
    const f = onlyFailure(contract(await port({ path: module, symbol: 'trap_on_17', name: 'w-trap' }), ['tail-lengths']));
    expect(f.message).toMatch(/trapped on a row of 17 elements: RuntimeError: unreachable/);
  });

  it('a hang on NaN times out', async () => {
    const f = onlyFailure(contract(await port({ path: module, symbol: 'hang_on_nan', name: 'w-hang' }), ['nan-inf'], ['oracle-agreement'], 5));
    expect(f.message).toContain('did not return within 300 ms');
  });
});

describe('JavaScript ports run in a Node process of their own (the process ABI)', () => {
  it('a port that throws is a failure of the property that called it, with its error', async () => {
    const f = onlyFailure(contract(await port({ path: 'test/src/external/fixtures/throws-on-nan.mjs' }), ['nan-inf', 'uniform']));
    expect(f.message).toMatch(/threw ExternalKernelError: external kernel .*throws-on-nan.* reported an error on a row of \d+ elements: Error: NaN in input/);
  });
});
