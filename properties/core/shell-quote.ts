// Replay lines are pasted into a POSIX shell: every argument that came from the user (paths,
// kernel ids, fast-check paths) is single-quoted, embedded single quotes closed, escaped and
// reopened, so any file name survives the paste.

export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
