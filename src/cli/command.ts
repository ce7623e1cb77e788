/** One subcommand of softmax-verify: its help text and its entry point (returns the exit code). */
export interface Command {
  name: string;
  /** Usage lines and a short description, shown by --help. */
  help: string;
  run(args: string[]): number | Promise<number>;
}
