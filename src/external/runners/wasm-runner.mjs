// softmax-verify's isolation runner for WebAssembly ports: instantiates one module exporting
// the wasm ABI of docs/porting.md and serves rows over stdin/stdout with the protocol of
// runner.c, so a module that traps, loops or exhausts memory takes down this process only.
// Usage: node wasm-runner.mjs MODULE.wasm SYMBOL
//
// Where the host puts the buffers: in pages it grows at the top of the module's memory,
// which the module never used. x ends exactly at the end of memory, so reading x[n] traps;
// y sits below it between canary words, so writing y[-k] or y[n+k] is caught afterwards.

import { readFileSync } from 'node:fs';

const MAGIC = 0x52584d53;
const PAGE = 65536;
const CANARY_WORDS = 16;
const Y_CANARY = 0xff5a5a5a;
/** What follows x when it does not end at the end of memory: a NaN pattern, so a read of x[n] poisons the result. */
const X_CANARY = 0x7fa5a5a5;
/** Alignments are float32 offsets modulo 64 bytes. */
const ALIGN_WORDS = 16;

/** Words to move a buffer starting at word `at` down so it starts at word offset `align` mod 16 (0 for align -1). */
const padFor = (at, align) => (align < 0 ? 0 : (((at - align) % ALIGN_WORDS) + ALIGN_WORDS) % ALIGN_WORDS);
// Shared with runner.c and src/external/protocol.ts.
const ST_OK = 0, ST_OUT_OF_BOUNDS = 1, ST_X_MODIFIED = 3, ST_GAP_WRITTEN = 4, ST_TRAP = 5;
const BUF_Y = 1;
const OP_ROWS = 2;

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const [path, symbol] = process.argv.slice(2);
const bytes = readFileSync(path);
if (!WebAssembly.validate(bytes)) {
  fail(bytes.subarray(0, 4).equals(Buffer.from([0, 0x61, 0x73, 0x6d])) ? `${path} is not a valid WebAssembly module (it fails validation)` : `${path} is not a WebAssembly module (no \\0asm header)`);
}
const module = new WebAssembly.Module(bytes);
// Imports get stand-ins that trap: a kernel has no business calling out of the module
// (AssemblyScript's env.abort included: reaching it is a failure of the kernel).
const imports = {};
for (const imp of WebAssembly.Module.imports(module)) {
  if (imp.kind !== 'function') fail(`${path} imports ${imp.kind} ${imp.module}.${imp.name}; a port may import only functions (which trap when called)`);
  (imports[imp.module] ??= {})[imp.name] = () => {
    throw new Error(`the kernel called its import ${imp.module}.${imp.name}`);
  };
}
const { exports } = new WebAssembly.Instance(module, imports);
if (!(exports.memory instanceof WebAssembly.Memory)) fail(`${path} does not export its linear memory as "memory"`);
const row = exports[symbol];
if (typeof row !== 'function') fail(`${path} does not export the function ${symbol} (expected ${symbol}(x: i32, y: i32, n: i32))`);
if (row.length !== 3) fail(`${path}: ${symbol} takes ${row.length} parameters; expected (x: i32, y: i32, n: i32)`);
const rowsEntry = exports[`${symbol}_rows`];
if (rowsEntry !== undefined && (typeof rowsEntry !== 'function' || rowsEntry.length !== 6)) {
  fail(`${path}: ${symbol}_rows must be a function (x, y, rows, cols, xStride, yStride)`);
}
const memory = exports.memory;
const hostFrom = memory.buffer.byteLength; // pages below this are the module's
// x and y live in pages grown above the module's own. A module whose declared maximum
// forbids any growth cannot be given rows at all: a load error (exit 2) now, not a
// failure of every call.
try {
  memory.grow(1);
} catch {
  fail(`${path} declares a maximum memory of ${hostFrom / PAGE} pages, all in use: the maximum forbids the growth softmax-verify needs to place x and y above the module's own memory; build it with a larger maximum or none (AssemblyScript: drop --maximumMemory; Emscripten: -sALLOW_MEMORY_GROWTH)`);
}

/** Grows memory so the top `bytes` lie above the module's pages; returns the end address. */
function topRegion(bytes) {
  const end = memory.buffer.byteLength;
  const missing = bytes - (end - hostFrom);
  if (missing > 0) {
    const pages = Math.ceil(missing / PAGE);
    try {
      memory.grow(pages);
    } catch {
      throw new MemoryLimit(`the module's declared maximum memory forbids growing from ${end / PAGE} to ${end / PAGE + pages} pages, which x and y of this call need (${bytes} bytes); build it with a larger maximum or none`);
    }
  }
  return memory.buffer.byteLength;
}

/** The module's maximum memory is too small for a call's x and y: reported as that call's failure. */
class MemoryLimit extends Error {}

const chunks = [];
let buffered = 0;
let waiting = null;
process.stdin.on('data', (c) => {
  chunks.push(c);
  buffered += c.length;
  waiting?.();
});
process.stdin.on('end', () => process.exit(0));

function take(n) {
  return new Promise((resolve) => {
    waiting = () => {
      if (buffered < n) return;
      waiting = null;
      const all = Buffer.concat(chunks, buffered);
      chunks.length = 0;
      if (all.length > n) chunks.push(all.subarray(n));
      buffered = all.length - n;
      resolve(all.subarray(0, n));
    };
    waiting();
  });
}

function respond(status, a = 0, b = 0, text = '') {
  const t = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(16);
  head.writeInt32LE(status, 0);
  head.writeInt32LE(a, 4);
  head.writeInt32LE(b, 8);
  head.writeUInt32LE(t.length, 12);
  process.stdout.write(Buffer.concat([head, t]));
}

function serve(h, xBytes) {
  const [op, rows, cols, xs, ys] = [0, 1, 2, 3, 4].map((i) => h.readUInt32LE(4 * i));
  // -1: x ends at the end of linear memory; 0..15: x (y) starts at that float32 offset mod 64 bytes.
  const [xAlign, yAlign] = [h.readInt32LE(20), h.readInt32LE(24)];
  const xLen = xBytes.length / 4;
  const yLen = rows ? (rows - 1) * ys + cols : 0;
  let end;
  try {
    end = topRegion(4 * (xLen + yLen + 2 * CANARY_WORDS + 2 * ALIGN_WORDS));
  } catch (e) {
    if (!(e instanceof MemoryLimit)) throw e;
    return respond(ST_TRAP, 0, 0, e.message);
  }
  const xPad = padFor(end / 4 - xLen, xAlign);
  const xAt = end - 4 * (xLen + xPad);
  const yAt = xAt - 4 * (CANARY_WORDS + yLen + padFor(xAt / 4 - CANARY_WORDS - yLen, yAlign));
  const words = new Uint32Array(memory.buffer);
  words.fill(Y_CANARY, yAt / 4 - CANARY_WORDS, xAt / 4);
  words.fill(X_CANARY, xAt / 4 + xLen, end / 4);
  new Uint8Array(memory.buffer).set(xBytes, xAt);
  try {
    if (op === OP_ROWS && rowsEntry) rowsEntry(xAt, yAt, rows, cols, xs, ys);
    else for (let r = 0; r < rows; r++) row(xAt + 4 * r * xs, yAt + 4 * r * ys, cols);
  } catch (e) {
    respond(ST_TRAP, 0, 0, `${e.name}: ${e.message}`);
    process.exit(0); // the instance's state is unknown after a trap; the host starts afresh
  }
  // Fresh views: a grow during the call would have detached the old ones.
  const x = Buffer.from(memory.buffer, xAt, 4 * xLen);
  if (!x.equals(xBytes)) {
    let i = 0;
    while (x.readUInt32LE(4 * i) === xBytes.readUInt32LE(4 * i)) i++;
    return respond(ST_X_MODIFIED, i);
  }
  const w = new Uint32Array(memory.buffer);
  const y0 = yAt / 4;
  for (let k = -CANARY_WORDS; k < 0; k++) if (w[y0 + k] !== Y_CANARY) return respond(ST_OUT_OF_BOUNDS, BUF_Y, k);
  for (let k = yLen; k < yLen + CANARY_WORDS; k++) if (w[y0 + k] !== Y_CANARY) return respond(ST_OUT_OF_BOUNDS, BUF_Y, k);
  for (let r = 0; r + 1 < rows; r++) for (let c = cols; c < ys; c++) if (w[y0 + r * ys + c] !== Y_CANARY) return respond(ST_GAP_WRITTEN, r, c);
  respond(ST_OK);
  process.stdout.write(Buffer.from(memory.buffer, yAt, 4 * yLen));
}

const hello = Buffer.alloc(8);
hello.writeUInt32LE(MAGIC, 0);
hello.writeUInt32LE(rowsEntry ? 1 : 0, 4);
process.stdout.write(hello);
for (;;) {
  const h = await take(28);
  const rows = h.readUInt32LE(4);
  const xLen = rows ? (rows - 1) * h.readUInt32LE(12) + h.readUInt32LE(8) : 0;
  serve(h, Buffer.from(await take(4 * xLen)));
}
