// Drives the cross-compiled NEON harness (harness.c, built by scripts/build-neon.sh) under
// qemu-aarch64: rows go in as one framed file (u32 LE length, then the float32 LE row), the
// outputs come back framed the same way, with the harness's memory-check verdict.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../../src/package-root.js';

const CROSS_CC = 'aarch64-linux-gnu-gcc';
const QEMU = 'qemu-aarch64';
const INSTALL = 'apt-get install -y gcc-aarch64-linux-gnu qemu-user libc6-dev-arm64-cross';

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

/** Why the NEON kernels cannot be cross-built and run here, or null. */
export function neonSkipReason(): string | null {
  const missing = [CROSS_CC, QEMU].filter((t) => !onPath(t));
  return missing.length ? `${missing.join(' and ')} not installed (${INSTALL})` : null;
}

/** Builds build/neon/neon-harness (static AArch64) and returns its path. */
export function buildHarness(): string {
  return execFileSync('bash', [join(packageRoot(), 'scripts/build-neon.sh')], { encoding: 'utf8' }).trim();
}

export function framed(rows: readonly Float32Array[]): Uint8Array {
  const bytes = rows.reduce((s, x) => s + 4 + 4 * x.length, 0);
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const x of rows) {
    view.setUint32(at, x.length, true);
    at += 4;
    for (let i = 0; i < x.length; i++, at += 4) view.setUint32(at, new Uint32Array(x.buffer, x.byteOffset + 4 * i, 1)[0], true);
  }
  return out;
}

export function unframed(bytes: Uint8Array): Float32Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows: Float32Array[] = [];
  for (let at = 0; at < bytes.byteLength; ) {
    const n = view.getUint32(at, true);
    at += 4;
    const y = new Float32Array(n);
    const u = new Uint32Array(y.buffer);
    for (let i = 0; i < n; i++, at += 4) u[i] = view.getUint32(at, true);
    rows.push(y);
  }
  return rows;
}

export interface HarnessRun {
  outputs: Float32Array[];
  /** The harness's exit code: 0, or 3 when a row failed a memory check (stderr says which). */
  status: number | null;
  stderr: string;
}

export function runHarness(harness: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(QEMU, [harness, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `kernel` (an id from `--list`, or `canary-control`) over rows, under qemu. */
export function runKernel(harness: string, kernel: string, rows: readonly Float32Array[]): HarnessRun {
  const dir = mkdtempSync(join(tmpdir(), 'neon-'));
  const input = join(dir, 'x.bin');
  const output = join(dir, 'y.bin');
  writeFileSync(input, framed(rows));
  const r = runHarness(harness, [kernel, input, output]);
  const outputs = r.status === 0 || r.status === 3 ? unframed(readFileSync(output)) : [];
  return { outputs, status: r.status, stderr: r.stderr };
}
