// Timing of kernels that run in JavaScript or WebAssembly (and of peers): the same method as
// the native loop (src/kernels/native/c/bench.c), around the call as a JS user makes it.

/** One call: synchronous, or a promise for asynchronous peers. */
export type Call = (x: Float32Array, y: Float32Array) => void | Promise<unknown>;

export interface JsTiming {
  samples: number[];
  callsPerSample: number;
}

/** Reads one float per cache line, as the native loop does, so x starts each sample in cache. */
function touch(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i += 16) s += x[i]!;
  return s;
}

/** Where touch() results go, so the reads cannot be optimized away. */
const touched = new Float64Array(1);

/**
 * The output pool, kept for the process (allocating it per measurement would dominate quick
 * runs); `cursor` continues where the last run stopped, so each call writes the least
 * recently written part of it, as the native loop does.
 */
const pool = { data: new Float32Array(0), cursor: 0 };

/** Gives the output pool's memory back (the next timeJs allocates it again). */
export function releaseJsPool(): void {
  pool.data = new Float32Array(0);
  pool.cursor = 0;
}

/**
 * `reps` samples of `callsPerSample` calls each after one untimed sample; every call writes the
 * next part of an output pool of at least poolBytes (cold memory, as natively). Returns ns per call.
 */
export async function timeJs(call: Call, x: Float32Array, reps: number, callsPerSample: number, poolBytes: number): Promise<JsTiming> {
  const n = x.length;
  // Two rows, so consecutive calls never share an output, unless one row alone fills the pool
  // (> the last-level cache): it is then evicted by its own writes, as natively (bench.c).
  const poolFloats = Math.ceil(poolBytes / 4);
  const need = n >= poolFloats ? n : Math.max(poolFloats, 2 * n);
  if (pool.data.length < need) {
    pool.data = new Float32Array(need);
    pool.cursor = 0;
  }
  const samples: number[] = [];
  for (let r = 0; r <= reps; r++) {
    touched[0] += touch(x);
    const t0 = process.hrtime.bigint();
    for (let c = 0; c < callsPerSample; c++) {
      if (pool.cursor + n > pool.data.length) pool.cursor = 0;
      const pending = call(x, pool.data.subarray(pool.cursor, pool.cursor + n));
      if (pending) await pending;
      pool.cursor += n;
    }
    const t1 = process.hrtime.bigint();
    if (r > 0) samples.push(Number(t1 - t0) / callsPerSample);
  }
  // A pool of one row larger than the cache serves no other size: free it for the native timer.
  if (n >= poolFloats) pool.data = new Float32Array(0);
  return { samples, callsPerSample };
}

/**
 * `reps` samples of `callsPerSample` calls of `call` (no arguments: it works on buffers of its own,
 * such as the zero-copy wasm rows) after one untimed sample; `input` is read before each sample
 * as timeJs does. Returns ns per call.
 */
export function timeFixedBuffers(call: () => void, input: Float32Array, reps: number, callsPerSample: number): number[] {
  const samples: number[] = [];
  for (let r = 0; r <= reps; r++) {
    touched[0] += touch(input);
    const t0 = process.hrtime.bigint();
    for (let c = 0; c < callsPerSample; c++) call();
    const t1 = process.hrtime.bigint();
    if (r > 0) samples.push(Number(t1 - t0) / callsPerSample);
  }
  return samples;
}
