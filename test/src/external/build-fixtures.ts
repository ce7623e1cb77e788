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

export function asc(out: string, source: string, flags: string[] = []): string {
  const path = join(dir, out);
  execFileSync(process.execPath, ['node_modules/assemblyscript/bin/asc.js', source, '-o', path, '-O3', '--runtime', 'stub', ...flags]);
  return path;
}

/** A program built with the process-ABI driver (src/external/drivers/softmax_driver.h), for this machine. */
export function gccProgram(out: string, sources: string[], compiler = 'gcc', flags: string[] = []): string {
  const path = join(dir, out);
  execFileSync(compiler, ['-O2', ...flags, '-I', 'src/external/drivers', '-o', path, ...sources, '-lm']);
  return path;
}

export const execPorts = {
  /** The example C port behind the driver: one #define and one #include. */
  example: () => gccProgram('softmax_exec', ['examples/exec-port/softmax_exec.c', 'examples/c-port/softmax_port.c']),
  /** One program serving several kernels by name (correct, prints, hang-on-nan, ...). */
  table: () => gccProgram('exec_ports', ['test/src/external/fixtures/exec_ports.c', 'examples/c-port/softmax_port.c']),
};

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
