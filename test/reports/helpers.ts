// Shared by the report tests: the CLI as a child process (as CI calls it).

import { cli as runCli } from '../src/cli/run-cli.js';


/** The CLI from the sources (test/src/cli/run-cli.ts), with extra environment variables. */
export function cli(args: string[], env: Record<string, string> = {}) {
  return runCli(args, { env });
}

/**
 * A real bench JSON in a few seconds: the scalar kernels at two small sizes, no suite timing.
 * The memory-only roofline lines need the native addon (built by npm ci).
 */
export function quickBench(out: string): void {
  const r = cli(['bench', '--quick', '--kernel', '*/scalar/*', '--sizes', '2^8,2^10', '--no-suite', '--out', out]);
  if (r.code !== 0) throw new Error(`bench failed (exit ${r.code}): ${r.stderr}`);
}
