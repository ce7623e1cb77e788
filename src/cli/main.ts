// softmax-verify command line: dispatches to the commands (one module each).

import { benchCommand } from './bench-command.js';
import { checkCommand } from './check-command.js';
import type { Command } from './command.js';
import { digestCommand } from './digest-command.js';
import { listCommand } from './list-command.js';
import { oracleCommand } from './oracle-command.js';
import { replayCommand } from './replay-command.js';
import { reportCommand } from './report-command.js';
import { runCommand } from './run-command.js';
import { IsaUnavailableError, UsageError } from '../errors.js';
import { EXIT } from './exit-codes.js';
import { IoError } from './output-file.js';
import { didYouMean } from './did-you-mean.js';
import { packageRoot } from '../package-root.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every subcommand; the first is the default when none is named. */
const COMMANDS: readonly Command[] = [checkCommand, listCommand, oracleCommand, runCommand, reportCommand, replayCommand, digestCommand, benchCommand];

function help(): string {
  return `softmax-verify: numerical verification of softmax kernels\n\n${COMMANDS.map((c) => c.help).join('\n')}\n`;
}

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const names = COMMANDS.map((c) => c.name);
    throw new UsageError(`unknown command "${name}"${didYouMean(name, names)} (expected ${names.join(', ')}; see --help)`);
  }
  return command;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-V') {
    process.stdout.write(`softmax-verify ${version()}\n`);
    return EXIT.ok;
  }
  // `help CMD` and `CMD --help` show that command's help; `--help` alone, every command's.
  if (argv[0] === 'help') {
    process.stdout.write(argv[1] ? `${findCommand(argv[1]).help}\n` : help());
    return EXIT.ok;
  }
  const named = argv[0] !== undefined && !argv[0].startsWith('-');
  const name = named ? argv[0] : COMMANDS[0].name;
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(named ? `${findCommand(name).help}\n` : help());
    return EXIT.ok;
  }
  return findCommand(name).run(named ? argv.slice(1) : argv);
}

// A reader that goes away (`check | head`) ends our output, not the run: the verdict, the
// report and the corpus still happen, and the exit code is still the verdict's.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof IsaUnavailableError) {
      process.stdout.write(`${e.message}\n`);
      process.exitCode = EXIT.isaUnavailable;
      return;
    }
    if (e instanceof IoError) {
      process.stderr.write(`softmax-verify: ${e.message}\n`);
      process.exitCode = EXIT.io;
      return;
    }
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`softmax-verify: ${(e as Error).message}\n`);
    if (!usage) process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = usage ? EXIT.usage : EXIT.contractFailure;
  },
);
