// The neon rows of the kernel table in this process: listed, never available (the x86-64
// addon has no NEON code), with a reason that says where and how they are validated.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { neonUnavailableReason } from '../../../../src/kernels/native/index.js';
import { listKernels } from '../../../../src/registry.js';
import { NEON_KERNELS } from '../../../../src/spec/neon-kernels.js';

const X86_REASON = 'neon kernels run on AArch64; on x86-64 validate them under qemu-aarch64 (see docs/porting.md)';

describe('neon backend', () => {
  it('the registry lists the eight neon kernels, unavailable, with the reason for this machine', () => {
    const neon = listKernels().filter((e) => e.spec.isa === 'neon');
    expect(neon.map((e) => e.spec.id).sort()).toEqual(NEON_KERNELS.map((s) => s.id).sort());
    expect(neon.map((e) => e.spec.id)).toHaveLength(8);
    for (const e of neon) {
      expect(e.available, e.spec.id).toBe(false);
      expect(e.row, e.spec.id).toBeNull();
      expect(e.reason, e.spec.id).toBe(neonUnavailableReason());
    }
  });

  it('names the architecture it runs on', () => {
    expect(neonUnavailableReason('x64')).toBe(X86_REASON);
    expect(neonUnavailableReason('riscv64')).toMatch(/^neon kernels run on AArch64; on riscv64 validate them under qemu-aarch64/);
    expect(neonUnavailableReason('arm64')).toMatch(/not built into the Node addon; run them with scripts\/build-neon\.sh/);
  });

  it.runIf(process.arch === 'x64')('softmax-verify list shows them as unavailable, and check --kernel */neon/* exits 77', () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
    const list = cli('list');
    expect(list.status).toBe(0);
    for (const s of NEON_KERNELS) expect(list.stdout).toMatch(new RegExp(`^no\\s+${s.id.replace(/\//g, '\\/')}\\s+${X86_REASON.replace(/[().]/g, '\\$&')}$`, 'm'));
    const check = cli('check', '--kernel', '*/neon/*', '--runs', '1');
    expect(check.status).toBe(77);
    expect(check.stdout).toContain(`requested ISA neon is not available here: ${X86_REASON}`);
  });
});
