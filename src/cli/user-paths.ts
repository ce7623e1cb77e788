// Where the CLI reads committed data and writes the user's state. Committed data (the
// tolerance table, the package's regression corpus, golden digests) is read from the
// installed package, whatever the working directory. What a run produces (reports, newly
// found failures) goes where the user says, and never into the package:
//   --out-dir DIR / --corpus FILE, else SOFTMAX_VERIFY_OUT_DIR / SOFTMAX_VERIFY_CORPUS,
//   else softmax-verify.config.json in the working directory ({ "outDir", "corpus" }),
//   else ./softmax-verify-out/ (report.json, corpus.jsonl, ...).

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { packageRoot } from '../package-root.js';

export const CONFIG_FILE = 'softmax-verify.config.json';
export const DEFAULT_OUT_DIR = 'softmax-verify-out';

/** The package's own committed files, found from the package, not the working directory. */
export const PACKAGE_DATA = {
  tolerances: () => join(packageRoot(), 'tolerances', 'v1.json'),
  corpus: () => join(packageRoot(), 'corpus', 'failures.jsonl'),
};

export interface UserPaths {
  /** Reports and other outputs of a run. */
  outDir: string;
  /** The user's regression corpus: replayed first, new failures appended. */
  corpus: string;
}

interface Config {
  outDir?: string;
  corpus?: string;
}

function readConfig(cwd: string): Config {
  const file = join(cwd, CONFIG_FILE);
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: not JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`${file}: expected an object such as {"outDir": "reports/out"}`);
  for (const [k, v] of Object.entries(parsed)) {
    if (k !== 'outDir' && k !== 'corpus') throw new UsageError(`${file}: unknown key "${k}"; expected outDir, corpus`);
    if (typeof v !== 'string' || v === '') throw new UsageError(`${file}: "${k}" must be a non-empty path string`);
  }
  return parsed as Config;
}

/** The user's paths for this run; relative paths are relative to the working directory. */
export function userPaths(flags: { outDir?: string; corpus?: string } = {}, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): UserPaths {
  const config = readConfig(cwd);
  const outDir = resolve(cwd, flags.outDir ?? env.SOFTMAX_VERIFY_OUT_DIR ?? config.outDir ?? DEFAULT_OUT_DIR);
  const corpus = resolve(cwd, flags.corpus ?? env.SOFTMAX_VERIFY_CORPUS ?? config.corpus ?? join(outDir, 'corpus.jsonl'));
  return { outDir, corpus };
}
