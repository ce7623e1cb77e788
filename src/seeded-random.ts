// The project's seeded random numbers outside fast-check: deterministic uniform values in
// [0, 1) from a 32-bit seed, the same on every machine and JavaScript engine (integer
// hashing only, then one exact division by 2^32). Foundation, so the benchmark (src/bench)
// and the tester side (properties/, test/) draw from the same module.
//
// Every new use takes seededUniform. splitmix32Uniform exists only because the committed
// golden digests (digests/v2.json, v3.json) hash outputs over the family grid
// (properties/families/family-grid.ts), which is drawn from it: its stream is part of that
// file's format, and changing it is a new digest version.

/** mulberry32: the project's seeded generator (row recipes, hard cases, grids, benchmark input, tests). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** splitmix32 (a Weyl sequence through its finaliser): the stream of the family grid only. */
export function splitmix32Uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32;
  };
}

/** n values uniform in [lo, hi) from seededUniform(seed), rounded to float32. */
export function seededUniformRow(seed: number, n: number, lo: number, hi: number): Float32Array {
  const u = seededUniform(seed);
  return Float32Array.from({ length: n }, () => lo + u() * (hi - lo));
}
