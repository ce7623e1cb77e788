// A deep-tier mutant (JavaScript ABI, for `check --external`): the example port with its
// element counter held in float32. fl(2^24 + 1) = 2^24, so the counter stops at 2^24 and
// every later element is skipped (its output stays 0, its exp is not summed). Only rows
// longer than 2^24 show it: `check --deep` has them; the default tier (up to 1e6) cannot.
//
//   npx softmax-verify check --external test/mutants/deep/float32-counter.mjs --algorithm three-pass-reload \
//     --bound 1 --policy nan --deep --property oracle-agreement --family long-near-equal

const f32 = Math.fround;

/** Indices 0, 1, 2, ... counted in float32: stops advancing at 2^24. MUTATION */
function* float32Indices(n) {
  for (let i = 0, previous = -1; i < n && i !== previous; previous = i, i = f32(i + 1)) yield i;
}

export function softmax(x, y) {
  const n = x.length;
  let max = -Infinity;
  for (const i of float32Indices(n)) {
    if (Number.isNaN(x[i]) || x[i] === Infinity) return void y.fill(NaN);
    if (x[i] > max) max = x[i];
  }
  const e = new Float64Array(n);
  let sum = 0;
  for (const i of float32Indices(n)) sum += e[i] = Math.exp(x[i] - max);
  for (const i of float32Indices(n)) y[i] = e[i] / sum;
}
