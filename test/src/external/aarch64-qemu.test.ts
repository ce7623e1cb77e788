// New hardware without the hardware: ports cross-compiled for AArch64 with Debian's
// gcc-aarch64-linux-gnu and run under qemu-aarch64 (user mode) through the process ABI.
// Skipped, saying why, when the cross compiler or qemu-user is missing (.ci/run installs both).

import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract, type Failure, type KernelResult } from '../../../properties/index.js';
import { registerExternalKernel, type ExternalKernel } from '../../../src/external/external-kernel.js';
import { listKernels } from '../../../src/registry.js';
import { gccProgram } from './build-fixtures.js';

function found(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const missing = ['aarch64-linux-gnu-gcc', 'qemu-aarch64'].filter((t) => !found(t));
const why = missing.length ? ` (skipped: ${missing.join(' and ')} not installed; apt-get install gcc-aarch64-linux-gnu qemu-user)` : '';

const opened: ExternalKernel[] = [];
afterAll(() => opened.forEach((k) => k.close()));

const arm64 = (out: string, sources: string[]) => gccProgram(out, sources, 'aarch64-linux-gnu-gcc', ['-static']);
const failures = (r: KernelResult): Failure[] => r.properties.flatMap((p) => p.failures);

describe.skipIf(missing.length > 0)(`AArch64 ports under qemu-aarch64 through the process ABI${why}`, () => {
  let example = '';
  let table = '';
  beforeAll(() => {
    example = arm64('softmax_exec_arm64', ['examples/exec-port/softmax_exec.c', 'examples/c-port/softmax_port.c']);
    table = arm64('exec_ports_arm64', ['test/src/external/fixtures/exec_ports.c', 'examples/c-port/softmax_port.c']);
  });

  async function port(exec: string, name: string): Promise<ExternalKernel> {
    const k = await registerExternalKernel({ exec, name, boundUlp: 1, policy: 'nan', algorithm: 'three-pass-recompute', timeoutMs: 5000 });
    opened.push(k);
    return k;
  }

  it('the binaries are AArch64 (so qemu, not this CPU, runs them)', () => {
    expect(execFileSync('file', [example], { encoding: 'utf8' })).toContain('ARM aarch64');
  });

  it('the example C port passes the whole contract', async () => {
    const r = runContract((await port(`qemu-aarch64 ${example}`, 'arm64-example')).entry, { seed: 5, runs: 6, maxLongRow: 20_000, others: listKernels().filter((e) => e.available) });
    expect(failures(r).map((f) => `${f.property}/${f.family}: ${f.message}`)).toEqual([]);
    expect(r.missingFamilies).toEqual([]);
  });

  it("the driver's guard pages work under qemu: a write of y[n] is reported with its index", async () => {
    const k = await port(`qemu-aarch64 ${table} write-past-end`, 'arm64-oob');
    expect(() => k.entry.row!(new Float32Array(5), new Float32Array(5))).toThrow(/accessed y\[5\], past the end of y\[0\.\.5\), on a row of 5 elements/);
  });
});
