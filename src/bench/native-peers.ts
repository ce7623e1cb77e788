// Native peers: XNNPACK's softmax operator (the Two-Pass paper's authors' library) and oneDNN's
// softmax primitive, timed by our own native timing loop compiled into a separate program,
// bench/peers/native/build/smx-native-peers (peers.c; built on demand by
// `npm run bench:peers:native`, never by npm ci or npm test). Each timing is one child process:
// operator creation happens there before the loop and is not timed.

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { softmaxOracle, ulpError } from '../../oracles/index.js';
import { peersDir } from './peers.js';
import type { DenormalMode } from './schema.js';

export const NATIVE_PEERS_BUILD_COMMAND = 'npm run bench:peers:native';

export interface NativePeer {
  /** Argument of smx-native-peers. */
  id: 'xnnpack' | 'onednn';
  name: string;
  includes: string;
}

export const NATIVE_PEERS: readonly NativePeer[] = [
  { id: 'xnnpack', name: 'xnnpack/softmax-nc-f32', includes: 'xnn_setup_softmax_nc_f32 (binds x, y) + xnn_run_operator, no thread pool; operator creation excluded; timed by our native loop' },
  { id: 'onednn', name: 'onednn/softmax-v2-accurate', includes: 'two dnnl_memory_set_data_handle + dnnl_primitive_execute + dnnl_stream_wait, OMP_NUM_THREADS=1; primitive creation excluded; timed by our native loop' },
];

function harnessPath(): string {
  return join(peersDir(), 'native', 'build', 'smx-native-peers');
}

/** null when the harness is built; otherwise what to run. */
export function nativePeersMissing(): string | null {
  return existsSync(harnessPath()) ? null : `native peers (XNNPACK, oneDNN) not built: ${NATIVE_PEERS_BUILD_COMMAND} (installs libxnnpack-dev libpthreadpool-dev libdnnl-dev with apt-get when missing)`;
}

/** statfs f_type of tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994;

/** Whether the row file lives in memory: the temporary directory is a tmpfs (or cannot be told). */
export function rowFileInMemory(): boolean {
  try {
    return statfsSync(tmpdir()).type === TMPFS_MAGIC;
  } catch {
    return true;
  }
}

/** Bytes per write: one write of 2 GiB or more is refused by Node (rows at 4 and 8 x LLC are larger). */
export const ROW_FILE_CHUNK_BYTES = 2 ** 30;

/** A row written once to a temporary file, for every run of the harness on it. */
export class RowFile {
  private readonly dir = mkdtempSync(join(tmpdir(), 'smx-native-peers-'));
  readonly path = join(this.dir, 'x.f32');
  constructor(x: Float32Array, chunkBytes = ROW_FILE_CHUNK_BYTES) {
    const bytes = new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
    const fd = openSync(this.path, 'w');
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, Math.min(chunkBytes, bytes.length - at));
    } catch (e) {
      this.dispose();
      throw e;
    } finally {
      closeSync(fd);
    }
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function run(args: string[]): string {
  // One thread, as our kernels: oneDNN's OpenMP would otherwise take every core.
  const r = spawnSync(harnessPath(), args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' }, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`smx-native-peers ${args[0]}: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}`);
  return r.stdout;
}

/** ns per call of `reps` samples of `callsPerSample` calls, by the native loop (bench.c). */
export function timeNativePeer(peer: NativePeer, row: RowFile, reps: number, callsPerSample: number, poolBytes: number, denormals: DenormalMode): number[] {
  const out = run([peer.id, row.path, String(reps), String(callsPerSample), String(poolBytes), denormals === 'off' ? '1' : '0']);
  return (JSON.parse(out) as { samples: number[] }).samples;
}

/** The peer's output on x against the oracle: max and mean ULP error, and the count of elements over 1 ULP. */
export function nativePeerAccuracy(peer: NativePeer, x: Float32Array): { maxUlp: number; meanUlp: number; over1Ulp: number } {
  const row = new RowFile(x);
  try {
    const yPath = join(row.path, '..', 'y.f32');
    run([peer.id, row.path, '1', '1', String(1 << 20), '0', yPath]);
    const bytes = readFileSync(yPath);
    const y = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const exact = softmaxOracle(x).reference;
    let maxUlp = 0;
    let sum = 0;
    let over1Ulp = 0;
    for (let i = 0; i < x.length; i++) {
      const e = ulpError(y[i]!, exact[i]!);
      maxUlp = Math.max(maxUlp, e);
      sum += e;
      if (e > 1) over1Ulp++;
    }
    return { maxUlp, meanUlp: sum / x.length, over1Ulp };
  } finally {
    row.dispose();
  }
}
