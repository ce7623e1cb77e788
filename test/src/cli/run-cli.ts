// Runs the CLI from source in a child process, from any working directory, as a user would.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../../src/package-root.js';

const main = join(packageRoot(), 'src/cli/main.ts');
/** tsx found from the package, so the working directory may be anywhere. */
const tsx = pathToFileURL(join(packageRoot(), 'node_modules/tsx/dist/loader.mjs')).href;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export const CLI_ARGV = [process.execPath, '--import', tsx, main];

/** The CLI with `args`; `shell` runs it through bash with that prefix (e.g. "ulimit -f 8;"). */
export function cli(args: readonly string[], o: { cwd?: string; env?: NodeJS.ProcessEnv; shell?: string; input?: string } = {}): CliResult {
  const argv = [...CLI_ARGV, ...args];
  const r = o.shell
    ? spawnSync('bash', ['-c', `${o.shell} exec "$@"`, 'cli', ...argv], { cwd: o.cwd, env: { ...process.env, ...o.env }, encoding: 'utf8', input: o.input })
    : spawnSync(argv[0], argv.slice(1), { cwd: o.cwd, env: { ...process.env, ...o.env }, encoding: 'utf8', input: o.input });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
