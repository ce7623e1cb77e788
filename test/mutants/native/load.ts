// Builds each native mutant (a C file of this folder implementing
// void softmax_f32(const float *x, float *y, size_t n)) with gcc into its own Node-API
// addon, linked with napi-glue.c, and loads it with createRequire. A test-only loader:
// the project's external-kernel mechanism (isolated process, guard pages) did not exist
// when this was written. Kernels run in this process on the caller's memory, so no
// native mutant here writes outside y (that bug is modelled in wasm, where it is safe).

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { RowKernel } from '../../../src/kernels/row-kernel.js';
import { packageRoot } from '../../../src/package-root.js';

/** The accurate recipe's flags: no contraction into FMA, no fast-math (docs/recipes.md). */
const CFLAGS = ['-shared', '-fPIC', '-O2', '-ffp-contract=off', '-fno-fast-math', '-Wall', '-Wextra', '-Werror'];

export function buildNativeMutant(name: string, outDir: string): RowKernel {
  const dir = join(packageRoot(), 'test/mutants/native');
  const out = join(outDir, `${name}.node`);
  const include = join(process.execPath, '../../include/node');
  execFileSync('gcc', [...CFLAGS, `-I${include}`, '-I/usr/include/node', '-o', out, join(dir, 'napi-glue.c'), join(dir, `${name}.c`), '-lm'], { stdio: 'pipe' });
  const addon = createRequire(import.meta.url)(out) as { softmax(x: Float32Array, y: Float32Array): void };
  return (x, y) => addon.softmax(x, y);
}
