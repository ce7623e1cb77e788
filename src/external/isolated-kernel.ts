// A kernel that runs in its own process, called synchronously. The contract is synchronous
// (fast-check properties call kernels directly), so the main thread posts each call to a
// worker thread (src/external/runners/bridge-worker.mjs) and blocks in Atomics.wait until the
// worker has the answer from the runner process; the worker's event loop is free to enforce
// the timeout and restart the runner after a crash. One long-lived runner serves every row.

import { constants } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../package-root.js';
import { ExternalKernelError, ExternalLoadError } from './errors.js';
import { CTRL, FLAG_ROWS, FLAG_TIME, OP, STATUS } from './protocol.js';

export interface RunnerCommand {
  command: string;
  args: string[];
  /** `process`: the versioned process ABI of docs/process-abi.md; `runner`: the built-in runners' protocol. */
  protocol?: 'runner' | 'process';
  /** Run `command` with /bin/sh -c, in its own process group (the --exec ABI). */
  shell?: boolean;
  /** How long the command may take to greet; default STARTUP_MS (slow links and emulators take longer). */
  startupMs?: number;
}

interface Reply {
  status: number;
  a: number;
  b: number;
  text: string;
  flags: number;
}

const BRIDGE = 'src/external/runners/bridge-worker.mjs';
const TEXT_BYTES = 65536;
/** A runner gets this long to load the port and greet; slow disks and cold caches included. */
const STARTUP_MS = 15_000;
const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, num]) => [num as number, name]));

/**
 * Where the runner places x and y: -1 = the buffer ends at its guard page (a read or write
 * of element n faults at once), 0..15 = it starts at that float32 offset mod 64 bytes, with
 * canaries in the < 64 bytes before the guard page.
 */
export interface Alignment {
  xAlign: number;
  yAlign: number;
}
const NATURAL: Alignment = { xAlign: -1, yAlign: -1 };

/**
 * The alignment a caller's views ask for: views at the start of their buffer (fresh
 * arrays) keep the natural placement at the guard page; views at an offset inside a larger
 * buffer (the contract's memory-safety property) are placed at that offset mod 64 bytes.
 */
export function alignmentOf(x: Float32Array, y: Float32Array): Alignment {
  const of = (v: Float32Array) => (v.byteOffset === 0 ? -1 : (v.byteOffset / 4) % 16);
  return { xAlign: of(x), yAlign: of(y) };
}

export class IsolatedKernel {
  /** The port exports the batched entry point too. */
  readonly hasRows: boolean;
  /** The process-ABI driver times the kernel itself (docs/process-abi.md, op 3). */
  readonly hasTimer: boolean;
  private readonly worker: Worker;
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(4 * CTRL.length));
  private readonly text = new SharedArrayBuffer(TEXT_BYTES);
  /** x goes in, y comes back, in place; replaced by a larger one when a call needs it. */
  private data = new SharedArrayBuffer(1 << 16);
  /** Number of the last request; the bridge echoes it in ctrl[done] when it answers. */
  private seq = 0;
  private readonly startupMs: number;

  /** Starts the runner and waits for its greeting; throws ExternalLoadError with the runner's reason. */
  constructor(
    private readonly label: string,
    runner: RunnerCommand,
    private readonly timeoutMs: number,
  ) {
    this.startupMs = runner.startupMs ?? STARTUP_MS;
    this.worker = new Worker(join(packageRoot(), BRIDGE), {
      workerData: { ...runner, timeoutMs, startupMs: this.startupMs, ctrlBuffer: this.ctrl.buffer, textBuffer: this.text },
      // The bridge is plain JavaScript; loaders of the parent (tsx, vitest) have nothing to do there.
      execArgv: [],
    });
    this.worker.unref(); // an idle runner never keeps the CLI alive
    const hello = this.request({ op: OP.hello, rows: 0, cols: 0, xStride: 0, yStride: 0, xLength: 0, yLength: 0 });
    if (hello.status !== STATUS.ok) {
      this.close();
      throw new ExternalLoadError(`${label}: ${hello.text}`);
    }
    this.hasRows = (hello.flags & FLAG_ROWS) !== 0;
    this.hasTimer = (hello.flags & FLAG_TIME) !== 0;
  }

  /**
   * Rows of x -> rows of y (strides in elements), through `<symbol>_rows` when `batched` and
   * the port has it, else one `<symbol>` call per row. Elements of y between rows are left
   * alone here; the runner reports a kernel that writes them.
   */
  call(x: Float32Array, y: Float32Array, rows: number, cols: number, xStride: number, yStride: number, batched: boolean, align: Alignment = NATURAL): void {
    const xLength = rows ? (rows - 1) * xStride + cols : 0;
    const yLength = rows ? (rows - 1) * yStride + cols : 0;
    const bytes = 4 * Math.max(xLength, yLength);
    if (bytes > this.data.byteLength) this.data = new SharedArrayBuffer(Math.max(bytes, 2 * this.data.byteLength));
    new Float32Array(this.data, 0, xLength).set(x.subarray(0, xLength));
    const op = batched && this.hasRows ? OP.rows : OP.eachRow;
    const reply = this.request({ op, rows, cols, xStride, yStride, xLength, yLength, ...align });
    if (reply.status !== STATUS.ok) throw this.failure(reply, rows, cols, yStride);
    const out = new Float32Array(this.data, 0, yLength);
    for (let r = 0; r < rows; r++) y.set(out.subarray(r * yStride, r * yStride + cols), r * yStride);
  }

  /**
   * `reps` samples of `calls` calls each, timed by the driver next to the kernel, with
   * outputs rotating through `poolBytes`; ns per call of each sample.
   */
  time(x: Float32Array, reps: number, calls: number, poolBytes: number): number[] {
    const bytes = Math.max(4 * x.length, 8 * reps);
    if (bytes > this.data.byteLength) this.data = new SharedArrayBuffer(Math.max(bytes, 2 * this.data.byteLength));
    new Float32Array(this.data, 0, x.length).set(x);
    const reply = this.request({ op: OP.time, rows: reps, cols: x.length, xStride: calls, yStride: Math.ceil(poolBytes / 4), xLength: x.length, yLength: 0 }, (reps + 1) * calls);
    if (reply.status !== STATUS.ok) throw this.failure(reply, 1, x.length, x.length);
    return Array.from(new Float64Array(this.data, 0, reps));
  }

  /** What the port wrote (its stderr, its stdout where it is not the protocol): the last 16000 characters. */
  output(): string {
    return this.request({ op: OP.output, rows: 0, cols: 0, xStride: 0, yStride: 0, xLength: 0, yLength: 0 }).text;
  }

  /** Stops the runner and the bridge. */
  close(): void {
    this.worker.postMessage({ op: OP.stop });
  }

  /** `callsAllowed`: calls the request may make, each given timeoutMs (default: one per row). */
  private request(req: { op: number; rows: number; cols: number; xStride: number; yStride: number; xLength: number; yLength: number; xAlign?: number; yAlign?: number }, callsAllowed = Math.max(1, req.rows)): Reply {
    // The bridge answers by storing this request's sequence number in `done`, so an answer
    // that belongs to an earlier request (one this thread gave up waiting for) can never be
    // taken for this one: we keep waiting until `done` holds our number.
    const seq = (this.seq = (this.seq % 0x7fffffff) + 1);
    this.worker.postMessage({ ...req, seq, data: this.data });
    // The bridge answers within the call timeout (or the startup time); beyond that it is broken.
    const limit = this.startupMs + this.timeoutMs * callsAllowed + 5_000;
    const deadline = Date.now() + limit;
    for (let seen = Atomics.load(this.ctrl, CTRL.done); seen !== seq; seen = Atomics.load(this.ctrl, CTRL.done)) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.ctrl, CTRL.done, seen, left) === 'timed-out') {
        throw new ExternalKernelError('exited', `${this.label}: the isolation bridge did not answer within ${limit} ms`);
      }
    }
    const textLength = this.ctrl[CTRL.textLength];
    return {
      status: this.ctrl[CTRL.status],
      a: this.ctrl[CTRL.a],
      b: this.ctrl[CTRL.b],
      flags: this.ctrl[CTRL.flags],
      // Copied out first: TextDecoder does not read shared memory.
      text: new TextDecoder().decode(new Uint8Array(this.text, 0, textLength).slice()),
    };
  }

  private failure(r: Reply, rows: number, cols: number, yStride: number): ExternalKernelError {
    const on = rows === 1 ? `on a row of ${cols} elements` : `in a batched call of ${rows} rows of ${cols}`;
    const who = `external kernel ${this.label}`;
    switch (r.status) {
      case STATUS.outOfBounds: {
        const buffer = r.a === 0 ? 'x' : 'y';
        const where = r.b >= cols ? `past the end` : `before the start`;
        return new ExternalKernelError('out-of-bounds', `${who} accessed ${buffer}[${r.b}], ${where} of ${buffer}[0..${cols}), ${on}${r.text}`);
      }
      case STATUS.signal:
        return new ExternalKernelError('crash', `${who} crashed with ${SIGNAL_NAMES.get(r.a) ?? `signal ${r.a}`} ${on}${r.text}`);
      case STATUS.xModified:
        return new ExternalKernelError('x-modified', `${who} changed x[${r.a}] (x is read-only) ${on}`);
      case STATUS.gapWritten:
        return new ExternalKernelError('out-of-bounds', `${who} wrote y[${r.a * yStride + r.b}], between rows ${r.a} and ${r.a + 1} (y stride ${yStride}), ${on}`);
      case STATUS.trap: {
        // x ends exactly at the end of linear memory (wasm-runner.mjs), so this is how x[n] reads show up.
        const hint = /out of bounds/i.test(r.text) ? ' (x ends at the end of linear memory: reading x[n] or beyond traps)' : '';
        return new ExternalKernelError('trap', `${who} trapped ${on}: ${r.text}${hint}`);
      }
      case STATUS.timeout:
        return new ExternalKernelError('timeout', `${who} did not return within ${r.a} ms ${on} (hung?); its runner was killed and restarts on the next call${r.text}`);
      case STATUS.isolationBroken: {
        const how =
          r.a === 1
            ? `replaced the runner's ${SIGNAL_NAMES.get(r.b) ?? `signal ${r.b}`} handler, so a fault on a guard page could be swallowed and out-of-bounds accesses go unseen`
            : `wrote into a guard page of ${r.b === 0 ? 'x' : 'y'} (it made the page accessible, e.g. from its own fault handler)`;
        return new ExternalKernelError('isolation-broken', `${who} ${how} ${on}; a kernel must not install signal handlers or change page protections`);
      }
      case STATUS.kernelError:
        return new ExternalKernelError('kernel-error', `${who} reported an error ${on}: ${r.text}`);
      case STATUS.badRequest:
        return new ExternalKernelError('protocol', `${who}: its driver rejected the request ${on}: ${r.text}`);
      case STATUS.protocolViolation:
        return new ExternalKernelError('protocol', `${who} broke the process ABI ${on}: ${r.text}; it was killed and restarts on the next call`);
      default: {
        const memory = /SIGKILL/.test(r.text) ? ' (out of memory?)' : '';
        return new ExternalKernelError('exited', `${who} ended its runner ${on}: ${r.text}${memory}`);
      }
    }
  }
}
