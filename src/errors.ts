// Errors the library throws for bad options or inputs. Each names what was wrong; the CLI
// maps them to its exit codes (src/cli/exit-codes.ts) and a one-line message.

/** A problem with how a command or function was called, or with its input files (CLI exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A requested ISA cannot run here (CPU, OS, build, or SOFTMAX_MAX_ISA) (CLI exit 77). */
export class IsaUnavailableError extends Error {
  override readonly name = 'IsaUnavailableError';
}
