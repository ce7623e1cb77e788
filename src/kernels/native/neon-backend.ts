// The neon backend: the NEON kernels (src/kernels/native/c/kernels_neon.c) are in the spec
// table but not in the x86-64 Node addon, so on this package's builds they never run in
// process; the reason says how they are validated instead (cross-built, run under qemu).

import type { Backend } from '../backend.js';

const ARCH_NAMES: Readonly<Record<string, string>> = { x64: 'x86-64', ia32: 'x86', arm64: 'AArch64' };

export function neonUnavailableReason(arch: string = process.arch): string {
  if (arch === 'arm64') {
    return 'neon kernels are not built into the Node addon; run them with scripts/build-neon.sh and its harness (see docs/porting.md)';
  }
  return `neon kernels run on AArch64; on ${ARCH_NAMES[arch] ?? arch} validate them under qemu-aarch64 (see docs/porting.md)`;
}

export const NEON_BACKEND: Backend = {
  isa: 'neon',
  unavailableReason: () => neonUnavailableReason(),
  implementation: () => null,
};
