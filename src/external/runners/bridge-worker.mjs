// The worker thread between softmax-verify's synchronous contract and one isolated runner
// process (runner.c or wasm-runner.mjs). The main thread posts a request and blocks in
// Atomics.wait; this thread, whose event loop stays free, talks to the runner over pipes,
// enforces the per-call timeout, restarts the runner after it dies, and wakes the main
// thread. Plain JavaScript (not TypeScript) so that Node runs it from the sources and from
// an installed package alike. The layout of `ctrl` is defined in src/external/protocol.ts.
//
// Two wire protocols, with the same request and response framing: `runner` (runner.c and
// wasm-runner.mjs, greeting MAGIC + flags) and `process`, the versioned process ABI of
// docs/process-abi.md that any command may speak (greeting PROCESS_MAGIC, version, flags,
// reserved; bytes before it, such as a login banner, are kept as output). Everything the
// child writes to stderr, and whatever it printed before its greeting, is kept as the port's
// output (the last OUTPUT_KEPT characters) so that failures can show it.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { command, args, timeoutMs, startupMs, ctrlBuffer, textBuffer, protocol = 'runner', shell = false } = workerData;
const ctrl = new Int32Array(ctrlBuffer); // [done (the answered request's number), status, a, b, textLength, flags, pid]
const text = new Uint8Array(textBuffer);

const MAGIC = 0x52584d53;
const HEADER = 16; // status, a, b, text length
// Statuses added by this side (the runners send 0..5, process drivers also 9 and 10);
// mirrored in src/external/protocol.ts.
const ST_TIMEOUT = 6;
const ST_EXITED = 7;
const ST_LOAD_ERROR = 8;
const ST_PROTOCOL = 11;
const STDERR_KEPT = 4000;
const OUTPUT_KEPT = 16000;
// The process ABI (docs/process-abi.md); mirrored in src/external/protocol.ts.
const PROCESS_MAGIC = Buffer.from('SMXP', 'latin1');
const PROCESS_GREETING = 16;
const PROCESS_VERSIONS = [1];
const PROCESS_NOISE_LIMIT = 65536;
const PROCESS_TEXT_LIMIT = 65536;
const PROCESS_STATUSES = new Set([0, 1, 2, 3, 9, 10]);
const Y_CANARY = 0xff5a5a5a;
const OP_OUTPUT = -2;
const OP_TIME = 3;

/** The port's output across restarts (stderr, and stdout before a greeting): the last OUTPUT_KEPT characters. */
let output = '';
function keepOutput(s) {
  output = (output + s).slice(-OUTPUT_KEPT);
}

/** The running child, with its unread stdout bytes and the pending read, or null. */
let runner = null;

/**
 * The reaper (reaper.mjs) of this bridge's runners: told each runner's group as it starts
 * and ends, it kills what is left when the suite is gone, by any exit or signal. Started
 * with the first runner; neither it nor its pipe keeps the suite alive.
 */
let reaper = null;
function tellReaper(line) {
  if (!reaper) {
    reaper = spawn(process.execPath, [fileURLToPath(new URL('./reaper.mjs', import.meta.url))], { stdio: ['pipe', 'ignore', 'inherit'], detached: true });
    reaper.on('error', () => {});
    reaper.stdin.on('error', () => {});
    reaper.unref();
    reaper.stdin.unref?.();
  }
  reaper.stdin.write(`${line}\n`);
}

function startRunner() {
  // Every runner leads a process group of its own, so that a kill reaches what it started
  // (qemu, ssh, python under a shell; whatever a port forked) and not the leader alone. The
  // group id is published in ctrl[6] so that the main thread can kill it on its way out,
  // even when this thread is stuck (src/external/isolated-kernel.ts).
  const proc = shell
    ? spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'], detached: true })
    : spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  if (proc.pid) {
    Atomics.store(ctrl, 6, proc.pid);
    tellReaper(`+${proc.pid}`);
  }
  const r = { proc, chunks: [], size: 0, waiter: null, stderr: '', exit: null, flags: 0 };
  proc.stdout.on('data', (c) => {
    r.chunks.push(c);
    r.size += c.length;
    r.waiter?.();
  });
  proc.stderr.on('data', (c) => {
    const t = c.toString('utf8');
    r.stderr = (r.stderr + t).slice(-STDERR_KEPT);
    keepOutput(t);
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
    // Timers take at most 2^31 - 1 ms (a larger delay fires at once): long batched calls wait that long.
    const timer = setTimeout(() => finish('timeout'), Math.min(ms, 2 ** 31 - 1));
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

/** Kills the runner's whole process group: the runner and anything it or the port started. */
function kill(r) {
  try {
    if (r.proc.pid) process.kill(-r.proc.pid, 'SIGKILL');
    else r.proc.kill('SIGKILL');
  } catch {
    // already gone
  }
  if (r.proc.pid) {
    Atomics.compareExchange(ctrl, 6, r.proc.pid, 0);
    tellReaper(`-${r.proc.pid}`);
  }
  if (runner === r) runner = null;
}

/**
 * The process ABI's greeting: bytes before PROCESS_MAGIC are output (a banner, a wrapper's
 * echo), kept and skipped; then magic, version, flags, reserved. Returns a Buffer of the
 * greeting, 'timeout', 'exit', or a protocol-violation message.
 */
async function processGreeting(r) {
  const deadline = Date.now() + startupMs;
  for (;;) {
    const left = deadline - Date.now();
    const got = await readBytes(r, Math.min(r.size + 1, PROCESS_NOISE_LIMIT + PROCESS_GREETING), Math.max(1, left));
    if (typeof got === 'string') return got;
    // readBytes consumed `got`; put it back and look for the magic in what has arrived.
    r.chunks.unshift(got);
    r.size += got.length;
    const all = Buffer.concat(r.chunks, r.size);
    const at = all.indexOf(PROCESS_MAGIC);
    if (at >= 0 && all.length - at >= PROCESS_GREETING) {
      if (at) keepOutput(all.subarray(0, at).toString('utf8'));
      const rest = all.subarray(at + PROCESS_GREETING);
      r.chunks = rest.length ? [rest] : [];
      r.size = rest.length;
      return all.subarray(at, at + PROCESS_GREETING);
    }
    if (at < 0 && all.length > PROCESS_NOISE_LIMIT) {
      keepOutput(all.toString('utf8'));
      return `it wrote ${all.length} bytes on its stdout without the process-ABI greeting "SMXP" (docs/process-abi.md); is it a softmax-verify driver?`;
    }
  }
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
  if (protocol === 'process') {
    const g = await processGreeting(r);
    if (!Buffer.isBuffer(g)) {
      kill(r);
      if (g === 'timeout') return { status: ST_LOAD_ERROR, text: `the command did not greet within ${startupMs} ms (process ABI, docs/process-abi.md)${tail(r)}` };
      if (g === 'exit') return { status: ST_LOAD_ERROR, text: `the command ${exitDescription(r)}` };
      return { status: ST_LOAD_ERROR, text: `protocol violation: ${g}` };
    }
    const version = g.readUInt32LE(4);
    if (!PROCESS_VERSIONS.includes(version)) {
      kill(r);
      return { status: ST_LOAD_ERROR, text: `the driver speaks process-ABI version ${version}; this softmax-verify speaks version ${PROCESS_VERSIONS.join(', ')} (docs/process-abi.md)` };
    }
    r.flags = g.readUInt32LE(8);
    runner = r;
    return null;
  }
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

/** The last of the port's output, for a failure message. */
function tail(r) {
  const t = output.trim();
  return t ? `; its output ended with: ${t.slice(-1000)}` : '';
}

/** The first element between rows of y that no longer holds the canary, as [row, col], or null. */
function gapWritten(y, rows, cols, yStride) {
  const w = new Uint32Array(y.buffer, y.byteOffset, y.byteLength / 4);
  for (let r = 0; r + 1 < rows; r++) for (let c = cols; c < yStride; c++) if (w[r * yStride + c] !== Y_CANARY) return [r, c];
  return null;
}

/**
 * The answer's header within `ms`, or the result to report: a timeout or an exit, after which
 * the runner is killed (with what it left behind in its process group).
 */
async function answerHeader(r, ms) {
  const header = await readBytes(r, HEADER, ms);
  if (header === 'timeout') {
    kill(r);
    return { status: ST_TIMEOUT, a: ms, text: tail(r) };
  }
  if (header === 'exit') {
    kill(r);
    return { status: ST_EXITED, text: exitDescription(r) };
  }
  return header;
}

async function call(req) {
  const failed = await ensureRunner();
  if (failed) return failed;
  const r = runner;
  if (req.op === 0) return { status: 0, flags: r.flags }; // hello only: load and report the flags
  if (req.op === OP_TIME) return time(r, req);
  // Each row may take timeoutMs: a batched call, and its transfer over a slow link, get more.
  const callMs = timeoutMs * Math.max(1, req.rows);
  // The runners (runner.c, wasm-runner.mjs) also take where to place x and y (-1: ending at
  // the guard, else the float32 offset mod 64 bytes); the process ABI's request is its 20 bytes.
  const head = Buffer.alloc(protocol === 'process' ? 20 : 28);
  [req.op, req.rows, req.cols, req.xStride, req.yStride].forEach((v, i) => head.writeUInt32LE(v, 4 * i));
  if (protocol !== 'process') {
    head.writeInt32LE(req.xAlign ?? -1, 20);
    head.writeInt32LE(req.yAlign ?? -1, 24);
  }
  r.proc.stdin.write(head);
  r.proc.stdin.write(Buffer.from(req.data, 0, 4 * req.xLength));
  const started = Date.now();
  const header = await answerHeader(r, callMs);
  if (!Buffer.isBuffer(header)) return header;
  const status = header.readInt32LE(0);
  const textLength = header.readUInt32LE(12);
  if (protocol === 'process' && (!PROCESS_STATUSES.has(status) || textLength > PROCESS_TEXT_LIMIT)) {
    kill(r);
    const what = PROCESS_STATUSES.has(status) ? `a text length of ${textLength} bytes (at most ${PROCESS_TEXT_LIMIT})` : `status ${status}, which version 1 does not define`;
    return { status: ST_PROTOCOL, text: `the driver answered with ${what} (docs/process-abi.md)${tail(r)}` };
  }
  const rest = Date.now() - started;
  const body = await readBytes(r, textLength + (status === 0 ? 4 * req.yLength : 0), Math.max(startupMs, callMs - rest));
  if (typeof body === 'string') {
    kill(r);
    return { status: protocol === 'process' ? ST_PROTOCOL : ST_EXITED, text: `the answer stopped short: ${exitDescription(r)}` };
  }
  if (status === 0) {
    const y = body.subarray(textLength);
    // Process drivers leave the gaps between rows as the host's canary; checked here, once for every driver.
    const gap = protocol === 'process' ? gapWritten(y, req.rows, req.cols, req.yStride) : null;
    if (gap) return { status: 4, a: gap[0], b: gap[1] };
    new Uint8Array(req.data).set(y);
  }
  // A runner that reported a fault exits (its state is unknown); start afresh next time.
  else if (status === 1 || status === 2 || status === 5 || status === 10 || status === 12) kill(r);
  return { status, a: header.readInt32LE(4), b: header.readInt32LE(8), text: body.subarray(0, textLength).toString('utf8') + (status === 1 || status === 2 ? tail(r) : '') };
}

/**
 * The process ABI's TIME op (docs/process-abi.md): rows = samples, cols = n, xStride = calls
 * per sample, yStride = output pool in floats; the answer is `rows` float64 ns per call.
 */
async function time(r, req) {
  const head = Buffer.alloc(20);
  [OP_TIME, req.rows, req.cols, req.xStride, req.yStride].forEach((v, i) => head.writeUInt32LE(v, 4 * i));
  r.proc.stdin.write(head);
  r.proc.stdin.write(Buffer.from(req.data, 0, 4 * req.cols));
  const limit = timeoutMs * (req.rows + 1) * Math.max(1, req.xStride);
  const header = await answerHeader(r, limit);
  if (!Buffer.isBuffer(header)) return header;
  const status = header.readInt32LE(0);
  const textLength = header.readUInt32LE(12);
  if (!PROCESS_STATUSES.has(status) || textLength > PROCESS_TEXT_LIMIT) {
    kill(r);
    return { status: ST_PROTOCOL, text: `the driver answered a time request with status ${status}, text length ${textLength} (docs/process-abi.md)` };
  }
  const body = await readBytes(r, textLength + (status === 0 ? 8 * req.rows : 0), limit);
  if (typeof body === 'string') {
    kill(r);
    return { status: ST_PROTOCOL, text: `the answer stopped short: ${exitDescription(r)}` };
  }
  if (status === 0) new Uint8Array(req.data).set(body.subarray(textLength));
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
  if (req.op === OP_OUTPUT) {
    queue = queue.then(() => answer(req.seq, { status: 0, text: output }));
    return;
  }
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
