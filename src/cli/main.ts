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

/** Every subcommand; the first is the default when none is named. */
const COMMANDS: readonly Command[] = [checkCommand, listCommand, oracleCommand, runCommand, reportCommand, replayCommand, digestCommand, benchCommand];

function help(): string {
  return `softmax-verify: numerical verification of softmax kernels\n\n${COMMANDS.map((c) => c.help).join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'help' || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(help());
    return EXIT.ok;
  }
  const named = argv[0] !== undefined && !argv[0].startsWith('-');
  const name = named ? argv[0] : COMMANDS[0].name;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"; expected ${COMMANDS.map((c) => c.name).join(', ')} (see --help)`);
  return command.run(named ? argv.slice(1) : argv);
}

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
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`softmax-verify: ${(e as Error).message}\n`);
    if (!usage) process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = usage ? EXIT.usage : EXIT.contractFailure;
  },
);
