// Raw little-endian float32 files, as `oracle` and `run` read and write them.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

export interface Matrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

/** Reads X as one row, or as rows of `cols` values when cols is given. */
export function readMatrix(path: string, cols: number | undefined): Matrix {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
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

/** Writes through a temporary file and a rename, so a failure never leaves a partial output. */
export function writeRaw(path: string, data: Float32Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    renameSync(tmp, path);
  } catch (e) {
    throw new UsageError(`--out ${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
