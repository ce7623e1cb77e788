// Option parsing shared by the commands: node:util parseArgs plus typed checks
// whose errors name the option.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

type OptionTypes = Record<string, { type: 'string'; multiple?: boolean } | { type: 'boolean' }>;
type OptionValues<O extends OptionTypes> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : O[K] extends { multiple: true } ? string[] : string;
};

/** Parses `args` strictly: unknown options and positionals are usage errors. */
export function parseOptions<O extends OptionTypes>(args: string[], options: O): OptionValues<O> {
  const config: ParseArgsConfig = { args, options, strict: true, allowPositionals: false };
  return parseArgs(config).values as OptionValues<O>;
}

export function integerOption(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) throw new UsageError(`--${name} ${v}: expected an integer >= ${min}`);
  return Number(v);
}

export function requireOption(name: string, v: string | undefined): string {
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** --seed, else SOFTMAX_VERIFY_SEED, else random (the caller prints it). */
export function seedOption(v: string | undefined): number {
  const explicit = integerOption('seed', v, 0);
  if (explicit !== undefined) return explicit;
  const env = process.env.SOFTMAX_VERIFY_SEED;
  if (env !== undefined) return integerOption('seed (from SOFTMAX_VERIFY_SEED)', env, 0)!;
  return Math.floor(Math.random() * 2 ** 31);
}
