// The NEON kernels through the process ABI under qemu-aarch64 (scripts/neon-qemu.sh): every
// accurate kernel matches digests/v3.json and every kernel passes check. Skipped, saying why,
// without the NEON sources (src/kernels/native/c/kernels_neon.c), the cross compiler or qemu.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const has = (tool: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const why = !existsSync('src/kernels/native/c/kernels_neon.c')
  ? 'the NEON kernels are not on this branch'
  : !has('aarch64-linux-gnu-gcc') || !has('qemu-aarch64')
    ? 'aarch64-linux-gnu-gcc or qemu-aarch64 not installed'
    : '';

describe.skipIf(why !== '')(`NEON kernels under qemu-aarch64 through the process ABI${why ? ` (skipped: ${why})` : ''}`, () => {
  it('accurate digests match digests/v3.json and every kernel passes check', () => {
    const out = mkdtempSync(join(tmpdir(), 'neon-qemu-'));
    const log = execFileSync('bash', ['scripts/neon-qemu.sh', out], { encoding: 'utf8', env: { ...process.env, AARCH64_RUNS: '3', AARCH64_MAX_LONG_ROW: '20000' } });
    for (const a of ['three-pass-recompute', 'three-pass-reload', 'two-pass', 'online']) {
      expect(log).toMatch(new RegExp(`${a}/external:${a}-neon/accurate\\s+matches digests/v3\\.json ${a}`));
      for (const r of ['paper', 'accurate']) expect(log).toMatch(new RegExp(`PASS\\s+${a}/external:${a}-neon/${r}`));
    }
  });
});
