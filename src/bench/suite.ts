// How long the suite itself takes: the oracle on a long row, and a `check` run as a user starts it.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { softmaxOracle } from '../../oracles/oracle.js';
import { BENCH_SEED, benchInput } from './input.js';
import type { SuiteTiming } from './schema.js';

export const ORACLE_ROW = 1_000_000;
/** Logits of a realistic spread: most outputs are normal numbers the oracle must round. */
const ORACLE_INPUT = { lo: -10, hi: 10, text: `uniform [-10, 10], seededUniform (mulberry32) seed ${BENCH_SEED}` };

/** The arguments of the shortened check --quick times (two runs per property, short long rows). */
export const QUICK_CHECK_ARGS = ['check', '--runs', '2', '--max-long-row', '10000', '--quiet'];
export const DEFAULT_CHECK_ARGS = ['check', '--quiet'];

function timeOracle(): SuiteTiming['oracle'] {
  const x = benchInput(ORACLE_ROW, ORACLE_INPUT.lo, ORACLE_INPUT.hi);
  const t0 = process.hrtime.bigint();
  const r = softmaxOracle(x);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { n: ORACLE_ROW, input: ORACLE_INPUT.text, seconds, fallbacks: r.fallbacks };
}

/** The CLI entry this module runs beside: compiled (dist) or TypeScript source (tsx). */
function cliCommand(): string[] {
  const js = fileURLToPath(new URL('../cli/main.js', import.meta.url));
  if (existsSync(js)) return [js];
  return ['--import', 'tsx', fileURLToPath(new URL('../cli/main.ts', import.meta.url))];
}

/** Wall time of a check child process; its report goes to a temporary file, not reports/out. */
function timeCheck(args: readonly string[]): NonNullable<SuiteTiming['check']> {
  const dir = mkdtempSync(join(tmpdir(), 'softmax-bench-check-'));
  const full = [...args, '--out', join(dir, 'report.json')];
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [...cliCommand(), ...full], { stdio: 'ignore' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  return { args: [...args], seconds, exitCode: run.status };
}

export function timeSuite(checkArgs: readonly string[] | null): SuiteTiming {
  return { oracle: timeOracle(), check: checkArgs ? timeCheck(checkArgs) : null };
}
