// The two ways an external kernel goes wrong: it cannot be loaded (the user's input is bad:
// the CLI exits with 2), or a call misbehaves (a contract failure of that kernel: the
// property that made the call fails, and fast-check shrinks the row that caused it).

export type ExternalFailureKind = 'out-of-bounds' | 'crash' | 'x-modified' | 'timeout' | 'trap' | 'exited' | 'kernel-error' | 'protocol' | 'isolation-broken';

export class ExternalKernelError extends Error {
  override readonly name = 'ExternalKernelError';
  constructor(
    readonly kind: ExternalFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export class ExternalLoadError extends Error {
  override readonly name = 'ExternalLoadError';
}
