// Builds the example ports and the broken fixtures into a temporary directory, as a user
// would: gcc -O2 -shared -fPIC for native ports, asc for AssemblyScript ones.

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const dir = mkdtempSync(join(tmpdir(), 'softmax-verify-external-'));

export function gccShared(out: string, sources: string[]): string {
  const path = join(dir, out);
  execFileSync('gcc', ['-O2', '-shared', '-fPIC', '-o', path, ...sources, '-lm']);
  return path;
}

export function asc(out: string, source: string): string {
  const path = join(dir, out);
  execFileSync(process.execPath, ['node_modules/assemblyscript/bin/asc.js', source, '-o', path, '-O3', '--runtime', 'stub']);
  return path;
}

export const examplePorts = {
  c: () => gccShared('softmax_port.so', ['examples/c-port/softmax_port.c']),
  wasm: () => asc('softmax.wasm', 'examples/wasm-port/softmax.ts'),
  js: 'examples/js-port/softmax.mjs',
};

export const brokenPorts = {
  c: () => gccShared('broken_ports.so', ['test/src/external/fixtures/broken_ports.c', 'examples/c-port/softmax_port.c']),
  wasm: () => asc('broken-port.wasm', 'test/src/external/fixtures/broken-port.ts'),
};

/** The CLI from the sources (test/src/cli/run-cli.ts). */
export { cli } from '../cli/run-cli.js';
