// An example WebAssembly port for `softmax-verify check --external`, in AssemblyScript,
// with the wasm ABI of docs/porting.md: the module exports `memory` and
// softmax_f32(x, y, n) taking byte addresses of float32 arrays in that memory.
// Online softmax (Milakov & Gimelshein): one pass computes the sum of exp(x - max)
// with a running maximum, rescaling the sum when the maximum grows; a second pass
// normalises. Kept in f64, so outputs are faithfully rounded (--bound 1, --policy nan).
//
//   npx asc softmax.ts -o softmax.wasm -O3 --runtime stub
//   npx softmax-verify check --external softmax.wasm --algorithm online --bound 1 --policy nan

export function softmax_f32(x: usize, y: usize, n: i32): void {
  if (n <= 0) return;
  let max = -Infinity;
  let sum = 0.0;
  for (let i = 0; i < n; i++) {
    const v = <f64>load<f32>(x + (<usize>i << 2));
    // A NaN or +inf anywhere makes the whole row NaN (docs/contract.md).
    if (isNaN(v) || v == Infinity) {
      for (let j = 0; j < n; j++) store<f32>(y + (<usize>j << 2), NaN);
      return;
    }
    if (v > max) {
      // exp(-inf - -inf) would be NaN: the first finite maximum starts the sum afresh.
      sum = max == -Infinity ? 0.0 : sum * Math.exp(max - v);
      max = v;
    }
    sum += Math.exp(v - max);
  }
  // All -inf: max stays -inf and every exp(-inf - -inf) below is NaN (policy nan).
  const scale = 1.0 / sum;
  for (let i = 0; i < n; i++) {
    const v = <f64>load<f32>(x + (<usize>i << 2));
    store<f32>(y + (<usize>i << 2), <f32>(Math.exp(v - max) * scale));
  }
}
