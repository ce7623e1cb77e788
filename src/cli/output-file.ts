// Every file the CLI writes goes through here, so no run can lose or fake data:
// - a regular file (or a new one) is written to a temporary file beside it and renamed over
//   it: readers see the old content or the new, never a torn one, and a failed write
//   leaves the old file and no temporary behind;
// - a symbolic link is followed: its target is replaced that way (the link stays a link);
// - a character device or a FIFO (/dev/null, /dev/stdout, a named pipe) is written through,
//   never replaced by a regular file;
// - a directory, or a path whose parent is not a directory, is refused before any work
//   (checkOutputPath), so a long run never ends in EISDIR.
// A failure of the file system itself (full disk, permissions) is an IoError: its own exit
// code, a one-line message, never mistaken for a contract failure.

import { closeSync, existsSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

/** The file system failed us (ENOSPC, EACCES, EIO, ...): exit code 5 (src/cli/exit-codes.ts). */
export class IoError extends Error {
  override readonly name = 'IoError';
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/** Where writing `path` really lands: the target of a symbolic link (chains followed), else path. */
function landing(path: string): string {
  if (existsSync(path) && lstatSync(path).isSymbolicLink()) return realpathSync(path);
  if (!existsSync(path) && lstatSafe(path)?.isSymbolicLink()) throw new UsageError(`${path}: a symbolic link to a missing file; point it somewhere or remove it`);
  return path;
}

function lstatSafe(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Refuses, before a run, an output path that cannot be written as a file. `what` names the option. */
export function checkOutputPath(what: string, path: string): void {
  const target = landing(path);
  if (existsSync(target) && statSync(target).isDirectory()) throw new UsageError(`${what} ${path}: is a directory; give a file name`);
  let dir = dirname(target);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${what} ${path}: ${dir} is not a directory`);
}

/** Refuses an output directory that is a file. */
export function checkOutputDir(what: string, dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${what} ${dir}: is a file, not a directory`);
}

function writeAll(fd: number, data: Uint8Array): void {
  for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
}

/** Writes `data` to `path` as described above. */
export function writeOutput(what: string, path: string, data: string | Uint8Array): void {
  checkOutputPath(what, path);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const target = landing(path);
  const kind = existsSync(target) ? statSync(target) : null;
  if (kind && (kind.isCharacterDevice() || kind.isFIFO())) {
    let fd: number | undefined;
    try {
      fd = openSync(target, 'w');
      writeAll(fd, bytes);
    } catch (e) {
      throw new IoError(`${what} ${path}: cannot write (${code(e)})`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return;
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    mkdirSync(dirname(target), { recursive: true });
    fd = openSync(tmp, 'wx');
    writeAll(fd, bytes);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new IoError(`${what} ${path}: cannot write (${code(e)})`);
  }
}

/** A JSON document as the CLI writes it. */
export function reportJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
