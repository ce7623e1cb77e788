// Native mutants run the way users' C ports run: every C file of this folder (each
// `void softmax_f32(const float *x, float *y, size_t n)`) is compiled by gcc with the
// accurate recipe's flags into ONE shared library, each under its own symbol
// (-Dsoftmax_f32=mutant_<name>), and registered with registerExternalKernel (the
// mechanism of `check --external`, docs/porting.md): it runs in an isolated runner
// process whose x and y end at PROT_NONE guard pages. So mutants may read or write past
// the end, or crash: the runner reports it, as it would for a user's port.

import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { registerExternalKernel, type ExternalKernel } from '../../../src/external/external-kernel.js';
import { packageRoot } from '../../../src/package-root.js';
import { findKernelSpec } from '../../../src/spec/kernels.js';

/** The accurate recipe's flags: no contraction into FMA, no fast-math (docs/recipes.md). */
const CFLAGS = ['-shared', '-fPIC', '-O2', '-ffp-contract=off', '-fno-fast-math', '-Wall', '-Wextra', '-Werror'];

const symbolOf = (name: string) => `mutant_${name.replace(/-/g, '_')}`;

/** Compiles every mutant (and baseline.c) of this folder into `<outDir>/native-mutants.so`. */
export function buildNativeMutants(outDir: string): string {
  const dir = join(packageRoot(), 'test/mutants/native');
  const objects = readdirSync(dir)
    .filter((f) => f.endsWith('.c'))
    .map((f) => {
      const name = f.slice(0, -2);
      const out = join(outDir, `${name}.o`);
      execFileSync('gcc', [...CFLAGS.slice(1), '-c', `-Dsoftmax_f32=${symbolOf(name)}`, '-o', out, join(dir, f)], { stdio: 'pipe' });
      return out;
    });
  const lib = join(outDir, 'native-mutants.so');
  execFileSync('gcc', ['-shared', '-o', lib, ...objects, '-lm'], { stdio: 'pipe' });
  return lib;
}

/**
 * Registers the mutant `name` of `lib` through registerExternalKernel with the contract of
 * the built-in kernel it mutates: its algorithm and recipe (so `bitIdenticalTo` is that
 * algorithm's golden model), bound, special-value policy and tile.
 */
export async function registerNativeMutant(lib: string, name: string, mutates: string): Promise<ExternalKernel> {
  const base = findKernelSpec(mutates);
  if (!base || base.algorithm === 'naive') throw new Error(`native mutant ${name}: mutates unknown kernel ${mutates}`);
  // Accurate bounds are constants (1, or 1.5 for reload); the context does not matter.
  const boundUlp = base.bound.maxUlp({ n: 1, spread: 0, magnitude: 0 });
  return registerExternalKernel({
    path: lib,
    abi: 'c',
    symbol: symbolOf(name),
    name: `mutant-${name}`,
    algorithm: base.algorithm,
    recipe: base.recipe,
    boundUlp,
    policy: base.policy.masked,
    subnormals: base.policy.subnormals,
    tile: base.tile,
    origin: 'mutant',
  });
}
