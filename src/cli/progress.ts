// Progress for long runs: one rewritten line on a terminal, a plain line every
// few seconds otherwise (CI logs).

export interface Progress {
  update(done: number, total: number, label: string): void;
  clear(): void;
}

export function progressReporter(stream: NodeJS.WriteStream, quiet: boolean): Progress {
  if (quiet) return { update() {}, clear() {} };
  if (stream.isTTY) {
    return {
      update(done, total, label) {
        const width = 24;
        const filled = Math.round((done / total) * width);
        const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`;
        stream.write(`\r${line.slice(0, (stream.columns ?? 100) - 1).padEnd((stream.columns ?? 100) - 1)}`);
      },
      clear() {
        stream.write(`\r${' '.repeat((stream.columns ?? 100) - 1)}\r`);
      },
    };
  }
  let last = 0;
  return {
    update(done, total, label) {
      const now = Date.now();
      if (now - last < 5000 && done !== total) return;
      last = now;
      stream.write(`  ... ${done}/${total} ${label}\n`);
    },
    clear() {},
  };
}
