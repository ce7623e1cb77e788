// The performance gate's retest, in a fresh process each time. A JIT-compiled kernel's speed
// is a property of the process it runs in, not only of its code: on the Intel Xeon this suite
// was built on, three-pass-reload/scalar/paper at n = 65536 runs at about 10 ns/element in
// some processes and 13 to 15 in others, the same in every size and every timing within one
// process (and with address randomisation off, padding the environment by 16 bytes switches
// it: memory layout, as in Mytkowicz et al., "Producing wrong data without doing anything
// obviously wrong", ASPLOS 2009). A retest in the process that timed the slow figure repeats
// it; only a new process draws a new layout. docs/bench.md, "Regressions".

import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import type { BenchReport, BenchRow } from './schema.js';

export interface FreshRetestRequest extends Pick<BenchReport, 'quick' | 'method'> {
  rows: BenchRow[];
}

/** The child's module next to this one; from the TypeScript sources (tests, tsx) through tsx's loader. */
function childArgv(): string[] {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return [join(here, '..', 'fresh-retest-child.js')];
  const tsx = pathToFileURL(join(packageRoot(), 'node_modules/tsx/dist/loader.mjs')).href;
  return ['--import', tsx, join(here, '..', 'fresh-retest-child.ts')];
}

/** Times built-in kernels' `rows` again, with `report`'s method, in a new Node process (its pid is returned too). */
export function remeasureInFreshProcess(report: Pick<BenchReport, 'quick' | 'method'>, rows: readonly BenchRow[]): Promise<{ pid: number; rows: BenchRow[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, childArgv(), { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) return reject(new Error(`the retest process ended with ${signal ? `signal ${signal}` : `exit code ${code}`}`));
      try {
        resolve({ pid: child.pid!, rows: JSON.parse(out) as BenchRow[] });
      } catch (e) {
        reject(new Error(`the retest process wrote no rows: ${(e as Error).message}`));
      }
    });
    const request: FreshRetestRequest = { quick: report.quick, method: report.method, rows: [...rows] };
    child.stdin.end(JSON.stringify(request));
  });
}
