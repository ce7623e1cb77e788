// Shared by the report tests: the CLI as a child process (as CI calls it).

import { execFileSync } from 'node:child_process';

export function cli(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

/**
 * A real bench JSON in a few seconds: the scalar kernels at two small sizes, no suite timing.
 * The memory-only roofline lines need the native addon (built by npm ci).
 */
export function quickBench(out: string): void {
  const r = cli(['bench', '--quick', '--kernel', '*/scalar/*', '--sizes', '2^8,2^10', '--no-suite', '--out', out]);
  if (r.code !== 0) throw new Error(`bench failed (exit ${r.code}): ${r.stderr}`);
}
