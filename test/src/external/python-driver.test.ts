// Python ports through src/external/drivers/softmax_driver.py: a NumPy port passes the
// contract and a deliberately wrong one fails with a counterexample; the driver's no-NumPy
// path, in-place kernels, printing and exceptions. Skipped, saying why, without python3 or
// NumPy (Debian: apt-get install python3-numpy; .ci/run installs it).

import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runContract, type Failure, type FamilyName, type KernelResult } from '../../../properties/index.js';
import { registerExternalKernel, type ExternalKernel, type ExternalKernelOptions } from '../../../src/external/external-kernel.js';
import { listKernels } from '../../../src/registry.js';

const DRIVER = 'src/external/drivers/softmax_driver.py';
const NUMPY_PORT = 'examples/numpy-port/softmax_numpy.py';
const FIXTURES = 'test/src/external/fixtures/python_ports.py';

function probe(args: string[]): boolean {
  try {
    execFileSync('python3', args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const hasPython = probe(['-c', 'pass']);
const hasNumpy = hasPython && probe(['-c', 'import numpy']);
const numpyMissing = !hasPython ? 'python3 is not installed' : !hasNumpy ? 'NumPy is not installed for python3 (apt-get install python3-numpy)' : '';

const opened: ExternalKernel[] = [];
afterAll(() => opened.forEach((k) => k.close()));

async function port(exec: string, name: string, o: Partial<ExternalKernelOptions> = {}): Promise<ExternalKernel> {
  const k = await registerExternalKernel({ exec, name, boundUlp: 1, policy: 'nan', algorithm: 'three-pass-recompute', timeoutMs: 5000, ...o });
  opened.push(k);
  return k;
}

function contract(k: ExternalKernel, families?: FamilyName[], properties?: string[], runs = 6): KernelResult {
  return runContract(k.entry, { seed: 3, runs, maxLongRow: 20_000, properties, families, others: listKernels().filter((e) => e.available) });
}

const failures = (r: KernelResult): Failure[] => r.properties.flatMap((p) => p.failures);

describe.skipIf(!hasNumpy)(`a NumPy port through the Python driver${numpyMissing ? ` (skipped: ${numpyMissing})` : ''}`, () => {
  it('passes the whole contract', async () => {
    const r = contract(await port(`python3 ${DRIVER} ${NUMPY_PORT}:softmax`, 'numpy'));
    expect(failures(r).map((f) => `${f.property}/${f.family}: ${f.message}`)).toEqual([]);
    expect(r.missingFamilies).toEqual([]);
    expect(r.accuracy.maxUlp).toBeLessThan(1);
  });

  it('a deliberately wrong one (no max subtracted) fails with a shrunk counterexample', async () => {
    const f = failures(contract(await port(`python3 ${DRIVER} ${NUMPY_PORT}:softmax_no_max`, 'numpy-wrong'), ['overflow-band'], ['oracle-agreement']));
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/y\[\d+\] = 0x[0-9a-f]{8} .*oracle 0x[0-9a-f]{8}/);
    expect(f[0].rowHex).toMatch(/^0x[0-9a-f]{8}/);
    // exp(x) overflows float32 above 88.72: the counterexample lies there.
    const x = new Float32Array(new Uint32Array(f[0].rowHex.split(' ').map((w) => parseInt(w, 16))).buffer);
    expect(Math.max(...x)).toBeGreaterThan(88);
  });
});

describe.skipIf(!hasPython)(`the Python driver${hasPython ? '' : ' (skipped: python3 is not installed)'}`, () => {
  it('serves a pure-Python kernel without NumPy (python3 -S cannot import it), and it passes', async () => {
    const k = await port(`python3 -S ${DRIVER} ${FIXTURES}:pure`, 'pure');
    const r = contract(k, ['uniform', 'huge-magnitude', 'masked', 'nan-inf', 'tail-lengths'], ['oracle-agreement', 'special-values', 'memory-safety'], 4);
    expect(failures(r).map((f) => `${f.property}/${f.family}: ${f.message}`)).toEqual([]);
  });

  it("a kernel's exception is reported with its traceback, and the driver goes on", async () => {
    const k = await port(`python3 -S ${DRIVER} ${FIXTURES}:raises_on_long`, 'raises');
    expect(() => k.entry.row!(new Float32Array(2000), new Float32Array(2000))).toThrow(/reported an error on a row of 2000 elements: Traceback[\s\S]*RuntimeError: row of 2000 is too long for this board/);
    const y = new Float32Array(2);
    k.entry.row!(new Float32Array([0, 0]), y);
    expect([...y]).toEqual([0.5, 0.5]);
  });

  it('an in-place kernel that prints passes, with both streams kept', async () => {
    const k = await port(`python3 -S ${DRIVER} ${FIXTURES}:prints`, 'py-prints');
    const y = new Float32Array(4);
    k.entry.row!(new Float32Array([1, 1, 1, 1]), y);
    expect([...y]).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(k.output()).toContain('prints: n=4');
    expect(k.output()).toContain('prints: to stderr');
  });
});
