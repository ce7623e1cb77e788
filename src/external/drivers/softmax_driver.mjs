#!/usr/bin/env node
// softmax-verify's process-ABI driver for JavaScript kernels (docs/process-abi.md, version 1).
// `check --external port.mjs` runs a JavaScript port through it, in a Node process of its own:
//
//     node softmax_driver.mjs port.mjs[:exportName]
//
// so a port that calls process.exit(), loops forever, exhausts its heap, patches
// Float32Array.prototype or changes x cannot end, hang or corrupt the suite: the host reports
// a crash, a timeout or "changed x" for the call, and starts the driver again. The kernel is
// `(x: Float32Array, y: Float32Array) => void`, called once per row (never for an empty row).
// What the kernel prints with console.log goes to stderr (the host shows it), never into the
// protocol on stdout.

import { readSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const VERSION = 1;
const OP_EACH_ROW = 1;
const OP_ROWS = 2;
const OK = 0;
const X_MODIFIED = 3;
const KERNEL_ERROR = 9;
const BAD_REQUEST = 10;
const Y_CANARY = 0xff5a5a5a;
const TEXT_LIMIT = 65536;
const MAX_ELEMENTS = 2 ** 28;

// The protocol writes fd 1 directly; everything the kernel prints through process.stdout
// (console.log included) goes to stderr instead.
process.stdout.write = process.stderr.write.bind(process.stderr);

function readExactly(n) {
  const buf = Buffer.alloc(n);
  for (let got = 0; got < n; ) {
    let k;
    try {
      k = readSync(0, buf, got, n - got, null);
    } catch (e) {
      if (e.code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      if (e.code === 'EOF') return null;
      throw e;
    }
    if (k === 0) return null;
    got += k;
  }
  return buf;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** The whole buffer to fd 1; Node may leave a pipe non-blocking, so a full pipe (EAGAIN) is waited out. */
function writeAll(buf) {
  for (let at = 0; at < buf.length; ) {
    try {
      at += writeSync(1, buf, at, buf.length - at);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

function respond(status, a = 0, b = 0, text = '') {
  const t = Buffer.from(text, 'utf8').subarray(-TEXT_LIMIT);
  const head = Buffer.alloc(16);
  head.writeInt32LE(status, 0);
  head.writeInt32LE(a, 4);
  head.writeInt32LE(b, 8);
  head.writeUInt32LE(t.length, 12);
  writeAll(Buffer.concat([head, t]));
}

async function load(spec) {
  const colon = spec.lastIndexOf(':');
  const [path, name] = colon > 1 ? [spec.slice(0, colon), spec.slice(colon + 1)] : [spec, undefined];
  // Node ends a process whose top-level await can never settle with exit code 13 and no
  // word of which module: say it, so the host's load error names the cause.
  const unsettled = (code) => {
    if (code === 13 || process.exitCode === 13) process.stderr.write(`${path}: its top-level await never settles (nothing is left that could resolve it), so the module never finishes loading\n`);
  };
  process.on('exit', unsettled);
  const mod = await import(pathToFileURL(resolve(path)).href);
  process.off('exit', unsettled);
  const exportName = name ?? (typeof mod.softmax === 'function' ? 'softmax' : 'default');
  const fn = mod[exportName];
  if (typeof fn !== 'function') throw new Error(`${path} does not export a function ${name ? `"${name}"` : '"softmax" or a default export'} (expected (x: Float32Array, y: Float32Array) => void)`);
  if (fn.length !== 2) throw new Error(`${path}: export "${exportName}" takes ${fn.length} parameters; expected (x: Float32Array, y: Float32Array) => void`);
  return fn;
}

function serve(kernel) {
  const greeting = Buffer.alloc(16);
  greeting.write('SMXP', 0, 'latin1');
  greeting.writeUInt32LE(VERSION, 4);
  writeAll(greeting);
  for (;;) {
    const head = readExactly(20);
    if (head === null) return 0;
    const [op, rows, cols, xs, ys] = [0, 4, 8, 12, 16].map((o) => head.readUInt32LE(o));
    const xLength = rows ? (rows - 1) * xs + cols : 0;
    const yLength = rows ? (rows - 1) * ys + cols : 0;
    const why =
      op !== OP_EACH_ROW && op !== OP_ROWS ? `unknown op ${op} (this driver has 1 and 2)`
      : rows > 1 && (xs < cols || ys < cols) ? `strides ${xs}, ${ys} shorter than the ${cols} columns`
      : xLength > MAX_ELEMENTS || yLength > MAX_ELEMENTS ? `${xLength}/${yLength} elements: more than this driver takes`
      : null;
    if (why) {
      respond(BAD_REQUEST, 0, 0, why);
      return 3;
    }
    const xBytes = readExactly(4 * xLength);
    if (xBytes === null) return 0;
    const y = Buffer.alloc(4 * yLength);
    for (let i = 0; i < yLength; i++) y.writeUInt32LE(Y_CANARY, 4 * i);
    let failed = null;
    for (let r = 0; r < rows && cols > 0 && !failed; r++) {
      const raw = xBytes.subarray(4 * r * xs, 4 * (r * xs + cols));
      const x = new Float32Array(cols);
      new Uint8Array(x.buffer).set(raw);
      const yRow = new Float32Array(cols).fill(NaN);
      try {
        kernel(x, yRow);
      } catch (e) {
        failed = [KERNEL_ERROR, 0, 0, `${e?.stack ?? e}`];
        break;
      }
      const after = new Uint8Array(x.buffer);
      for (let i = 0; i < cols; i++) {
        if (after[4 * i] !== raw[4 * i] || after[4 * i + 1] !== raw[4 * i + 1] || after[4 * i + 2] !== raw[4 * i + 2] || after[4 * i + 3] !== raw[4 * i + 3]) {
          failed = [X_MODIFIED, r * xs + i, 0, ''];
          break;
        }
      }
      Buffer.from(yRow.buffer).copy(y, 4 * r * ys);
    }
    if (failed) {
      respond(...failed);
      continue;
    }
    respond(OK);
    writeAll(y);
  }
}

const spec = process.argv[2];
if (!spec) {
  process.stderr.write('usage: node softmax_driver.mjs port.mjs[:exportName]\n');
  process.exit(2);
}
let kernel;
try {
  kernel = await load(spec);
} catch (e) {
  process.stderr.write(`softmax_driver.mjs: cannot load ${spec}: ${e.message}\n`);
  process.exit(2);
}
process.exitCode = serve(kernel);
