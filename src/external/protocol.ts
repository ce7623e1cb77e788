// What the isolation runners (src/external/runners/runner.c, wasm-runner.mjs) and the bridge
// worker (src/external/runners/bridge-worker.mjs) answer, as the TypeScript side reads it.
// Those files are not TypeScript, so the numbers are repeated there; keep them in step.

/** Request ops. HELLO only starts the runner and returns its flags; OUTPUT asks the bridge for the port's captured output. */
export const OP = { hello: 0, eachRow: 1, rows: 2, time: 3, stop: -1, output: -2 } as const;

export const STATUS = {
  ok: 0,
  /** a: 0 = x, 1 = y; b: the element index touched (n or beyond: past the end). */
  outOfBounds: 1,
  /** a: the signal number. */
  signal: 2,
  /** a: the first element of x that changed. */
  xModified: 3,
  /** a: the row, b: the column (>= cols) written between rows of y. */
  gapWritten: 4,
  /** text: the trap. */
  trap: 5,
  /** a: the timeout in ms. */
  timeout: 6,
  /** text: how the runner ended and what it printed. */
  exited: 7,
  /** text: why the port could not be loaded (missing symbol, not wasm, ...). */
  loadError: 8,
  /** Process ABI: text: the kernel's own error (an exception of a Python kernel, ...). */
  kernelError: 9,
  /** Process ABI: text: the driver could not make sense of the request. */
  badRequest: 10,
  /** Process ABI, host side: text: what the driver sent that the protocol does not allow. */
  protocolViolation: 11,
  /** runner.c: the port defeated the guard pages. a: 1 = it replaced the runner's fault handler (b: the signal), 2 = it wrote into a guard page (b: 0 = x, 1 = y). */
  isolationBroken: 12,
} as const;

/** The process ABI (docs/process-abi.md): greeting magic and the versions this host speaks. */
export const PROCESS_ABI = { magic: 'SMXP', versions: [1] } as const;

/** Int32 slots of the control block shared with the bridge worker. */
export const CTRL = { done: 0, status: 1, a: 2, b: 3, textLength: 4, flags: 5, pid: 6, length: 7 } as const;

/** Hello flag: the port also exports the batched entry point `<symbol>_rows`. */
export const FLAG_ROWS = 1;
/** Hello flag (process ABI): the driver times the kernel itself (OP.time). */
export const FLAG_TIME = 2;
