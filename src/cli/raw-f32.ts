// Raw little-endian float32 files, as `oracle` and `run` read and write them.

import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { writeOutput } from './output-file.js';

export interface Matrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

/** The largest input `oracle` and `run` read: 2^28 float32 values (1 GiB). */
export const MAX_INPUT_BYTES = 2 ** 30;

/**
 * The whole file, refusing more than MAX_INPUT_BYTES: a regular file by its size, anything
 * else (a FIFO, /dev/zero, /dev/stdin) by reading at most one byte past the limit.
 */
function readBounded(path: string): Buffer {
  const st = statSync(path);
  if (st.isDirectory()) throw new UsageError(`--in ${path}: is a directory`);
  const tooLarge = () => new UsageError(`--in ${path}: larger than ${MAX_INPUT_BYTES} bytes (2^28 float32 values), the most oracle and run read`);
  if (st.isFile()) {
    if (st.size > MAX_INPUT_BYTES) throw tooLarge();
    return readFileSync(path);
  }
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      total += got;
      if (total > MAX_INPUT_BYTES) throw tooLarge();
      chunks.push(Buffer.from(chunk.subarray(0, got)));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Reads X as one row, or as rows of `cols` values when cols is given. */
export function readMatrix(path: string, cols: number | undefined): Matrix {
  let bytes: Buffer;
  try {
    bytes = readBounded(path);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--in ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (bytes.length % 4 !== 0) throw new UsageError(`--in ${path}: size ${bytes.length} bytes is not a multiple of 4 (float32)`);
  const n = bytes.length / 4;
  const data = new Float32Array(n);
  new Uint8Array(data.buffer).set(bytes);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new UsageError('this host is big-endian; raw files are little-endian');
  if (cols === undefined) return { data, rows: n === 0 ? 0 : 1, cols: n };
  if (n % cols !== 0) throw new UsageError(`--in ${path}: ${n} values is not a multiple of --cols ${cols}`);
  return { data, rows: n / cols, cols };
}

/** Writes the matrix as raw float32 (src/cli/output-file.ts: atomic, devices and FIFOs written through). */
export function writeRaw(path: string, data: Float32Array): void {
  writeOutput('--out', path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}
