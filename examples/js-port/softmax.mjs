// An example JavaScript port for `softmax-verify check --external`, with the JavaScript
// ABI of docs/porting.md: export `softmax(x, y)` on Float32Arrays of equal length.
// JavaScript ports run in the checking process (not isolated). Three-Pass softmax with
// reloading, in float64: exp values are kept in a float64 scratch array between passes,
// so outputs are faithfully rounded (--bound 1) and an all -inf row gives NaN (--policy nan).
//
//   npx softmax-verify check --external softmax.mjs --algorithm three-pass-reload --bound 1 --policy nan

export function softmax(x, y) {
  const n = x.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    // A NaN or +inf anywhere makes the whole row NaN (SPEC.md).
    if (Number.isNaN(x[i]) || x[i] === Infinity) return void y.fill(NaN);
    if (x[i] > max) max = x[i];
  }
  const e = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += e[i] = Math.exp(x[i] - max);
  for (let i = 0; i < n; i++) y[i] = e[i] / sum;
}
