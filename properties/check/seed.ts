// The one seed rule for the CLI, the tests and a user's own suite: an explicit seed, else
// SOFTMAX_VERIFY_SEED from the environment (CI sets it once for every shard), else random.
// Whoever runs with the seed prints it, so any run can be replayed.

import { UsageError } from '../../src/errors.js';

/** Seeds are non-negative safe integers; fast-check takes them as 32-bit, so larger ones are refused. */
export const MAX_SEED = 2 ** 31 - 1;

export function parseSeed(v: string, name = '--seed'): number {
  if (!/^\d+$/.test(v) || Number(v) > MAX_SEED) throw new UsageError(`${name} ${v}: expected an integer from 0 to ${MAX_SEED}`);
  return Number(v);
}

/** The environment's seed (SOFTMAX_VERIFY_SEED), or undefined when it sets none. */
export function environmentSeed(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env.SOFTMAX_VERIFY_SEED;
  return v === undefined || v === '' ? undefined : parseSeed(v, 'SOFTMAX_VERIFY_SEED');
}

export function resolveSeed(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (explicit !== undefined) return parseSeed(explicit);
  return environmentSeed(env) ?? Math.floor(Math.random() * MAX_SEED);
}
