// The worker thread between softmax-verify's synchronous contract and one isolated runner
// process (runner.c or wasm-runner.mjs). The main thread posts a request and blocks in
// Atomics.wait; this thread, whose event loop stays free, talks to the runner over pipes,
// enforces the per-call timeout, restarts the runner after it dies, and wakes the main
// thread. Plain JavaScript (not TypeScript) so that Node runs it from the sources and from
// an installed package alike. The layout of `ctrl` is defined in src/external/protocol.ts.

import { spawn } from 'node:child_process';
import { parentPort, workerData } from 'node:worker_threads';

const { command, args, timeoutMs, startupMs, ctrlBuffer, textBuffer } = workerData;
const ctrl = new Int32Array(ctrlBuffer); // [done (the answered request's number), status, a, b, textLength, flags]
const text = new Uint8Array(textBuffer);

const MAGIC = 0x52584d53;
const HEADER = 16; // status, a, b, text length
// Statuses added by this side (the runners send 0..5); mirrored in src/external/protocol.ts.
const ST_TIMEOUT = 6;
const ST_EXITED = 7;
const ST_LOAD_ERROR = 8;
const STDERR_KEPT = 4000;

/** The running child, with its unread stdout bytes and the pending read, or null. */
let runner = null;

function startRunner() {
  const proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const r = { proc, chunks: [], size: 0, waiter: null, stderr: '', exit: null, flags: 0 };
  proc.stdout.on('data', (c) => {
    r.chunks.push(c);
    r.size += c.length;
    r.waiter?.();
  });
  proc.stderr.on('data', (c) => {
    r.stderr = (r.stderr + c.toString('utf8')).slice(-STDERR_KEPT);
  });
  proc.on('error', (e) => {
    r.exit = { code: null, signal: null, error: e.message };
    r.waiter?.();
  });
  proc.on('close', (code, signal) => {
    r.exit ??= { code, signal, error: null };
    r.waiter?.();
  });
  // A kernel that never reads its input (hung) would otherwise make writes fail loudly.
  proc.stdin.on('error', () => {});
  return r;
}

/** Resolves with n bytes from the runner, or null when it exits or `ms` pass first. */
function readBytes(r, n, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish('timeout'), ms);
    function finish(outcome) {
      clearTimeout(timer);
      r.waiter = null;
      resolve(outcome);
    }
    r.waiter = () => {
      if (r.size >= n) {
        const all = Buffer.concat(r.chunks, r.size);
        r.chunks = n < all.length ? [all.subarray(n)] : [];
        r.size = all.length - n;
        finish(all.subarray(0, n));
      } else if (r.exit) finish('exit');
    };
    r.waiter();
  });
}

function kill(r) {
  r.proc.kill('SIGKILL');
  if (runner === r) runner = null;
}

function exitDescription(r) {
  const e = r.exit;
  const how = e?.error ? `could not start: ${e.error}` : e?.signal ? `was killed by ${e.signal}` : `exited with code ${e?.code}`;
  const err = r.stderr.trim();
  return err ? `${how}: ${err}` : how;
}

async function ensureRunner() {
  if (runner) return null;
  const r = startRunner();
  const hello = await readBytes(r, 8, startupMs);
  if (typeof hello === 'string') {
    kill(r);
    if (hello === 'timeout') return { status: ST_LOAD_ERROR, text: `runner did not start within ${startupMs} ms` };
    return { status: ST_LOAD_ERROR, text: exitDescription(r) };
  }
  if (hello.readUInt32LE(0) !== MAGIC) {
    kill(r);
    return { status: ST_LOAD_ERROR, text: 'runner wrote something other than its greeting' };
  }
  r.flags = hello.readUInt32LE(4);
  runner = r;
  return null;
}

async function call(req) {
  const failed = await ensureRunner();
  if (failed) return failed;
  const r = runner;
  if (req.op === 0) return { status: 0, flags: r.flags }; // hello only: load and report the flags
  const head = Buffer.alloc(28);
  [req.op, req.rows, req.cols, req.xStride, req.yStride].forEach((v, i) => head.writeUInt32LE(v, 4 * i));
  // Where the runner places x and y: -1 = ending at the guard, else the float32 offset mod 64 bytes.
  head.writeInt32LE(req.xAlign ?? -1, 20);
  head.writeInt32LE(req.yAlign ?? -1, 24);
  r.proc.stdin.write(head);
  r.proc.stdin.write(Buffer.from(req.data, 0, 4 * req.xLength));
  const started = Date.now();
  const header = await readBytes(r, HEADER, timeoutMs);
  if (header === 'timeout') {
    kill(r);
    return { status: ST_TIMEOUT, a: timeoutMs };
  }
  if (header === 'exit') {
    runner = null;
    return { status: ST_EXITED, text: exitDescription(r) };
  }
  const status = header.readInt32LE(0);
  const textLength = header.readUInt32LE(12);
  const rest = Date.now() - started;
  const body = await readBytes(r, textLength + (status === 0 ? 4 * req.yLength : 0), Math.max(startupMs, timeoutMs - rest));
  if (typeof body === 'string') {
    kill(r);
    return { status: ST_EXITED, text: `runner stopped mid-answer: ${exitDescription(r)}` };
  }
  if (status === 0) new Uint8Array(req.data).set(body.subarray(textLength));
  // A runner that reported a fault exits (its state is unknown); start afresh next time.
  else if (status === 1 || status === 2 || status === 5) kill(r);
  return { status, a: header.readInt32LE(4), b: header.readInt32LE(8), text: body.subarray(0, textLength).toString('utf8') };
}

/** Publishes the answer to request `seq`: the fields first, then `done` = seq (never 0) to wake the caller. */
function answer(seq, result) {
  const bytes = Buffer.from(result.text ?? '', 'utf8').subarray(0, text.length);
  text.set(bytes);
  ctrl[1] = result.status;
  ctrl[2] = result.a ?? 0;
  ctrl[3] = result.b ?? 0;
  ctrl[4] = bytes.length;
  ctrl[5] = result.flags ?? 0;
  Atomics.store(ctrl, 0, seq);
  Atomics.notify(ctrl, 0);
}

/** Requests run one after another on the runner: a late request never shares its pipes with an earlier one. */
let queue = Promise.resolve();

parentPort.on('message', (req) => {
  if (req.op === -1) {
    queue.then(() => {
      if (runner) kill(runner);
      parentPort.close();
    });
    return;
  }
  queue = queue.then(() =>
    call(req).then(
      (result) => answer(req.seq, result),
      (e) => answer(req.seq, { status: ST_EXITED, text: `isolation bridge failed: ${e.message}` }),
    ),
  );
});
