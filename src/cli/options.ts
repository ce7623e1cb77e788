// Option parsing shared by the commands: node:util parseArgs plus typed checks
// whose errors name the option.

import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { didYouMean } from './did-you-mean.js';

type OptionTypes = Record<string, { type: 'string'; multiple?: boolean } | { type: 'boolean' }>;
type OptionValues<O extends OptionTypes> = {
  [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : O[K] extends { multiple: true } ? string[] : string;
};

/** Parses `args` strictly: unknown options and positionals are usage errors. */
export function parseOptions<O extends OptionTypes>(args: string[], options: O): OptionValues<O> {
  return parseCommandLine(args, options).values;
}

/** parseArgs, strictly, positionals allowed only when asked; an unknown option's error names the closest known one. */
export function parseCommandLine<O extends OptionTypes>(args: string[], options: O, allowPositionals = false): { values: OptionValues<O>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
    if (!allowPositionals && parsed.positionals.length) throw new UsageError(`unexpected argument ${parsed.positionals[0]} (see --help)`);
    return { values: parsed.values as OptionValues<O>, positionals: parsed.positionals };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const unknown = /^Unknown option '(--?[^']+)'/.exec(err.message);
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
      throw new UsageError(`Unknown option '${unknown[1]}'${didYouMean(unknown[1], Object.keys(options).map((k) => `--${k}`))} (see --help)`);
    }
    throw e;
  }
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
