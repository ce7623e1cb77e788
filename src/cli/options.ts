// Option parsing shared by the commands: node:util parseArgs plus typed checks
// whose errors name the option.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

type OptionTypes = Record<string, { type: 'string' } | { type: 'boolean' }>;
type OptionValues<O extends OptionTypes> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };

/** Parses `args` strictly: unknown options and positionals are usage errors. */
export function parseOptions<O extends OptionTypes>(args: string[], options: O): OptionValues<O> {
  const config: ParseArgsConfig = { args, options, strict: true, allowPositionals: false };
  return parseArgs(config).values as OptionValues<O>;
}

/** An integer option in [min, max] (max defaults to the largest safe integer); the error names the range. */
export function integerOption(name: string, v: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (v === undefined) return undefined;
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} ${v}: expected an integer ${range}`);
  return Number(v);
}

export function requireOption(name: string, v: string | undefined): string {
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}
