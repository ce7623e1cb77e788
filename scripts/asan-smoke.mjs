// Drives every kernel of an addon built with -fsanitize=address (scripts/asan-smoke.sh):
// every tail length 0..40, out of place and in place, special rows, batched rows with
// strides, and one long row. Buffers are exact-size ArrayBuffers (malloc'd, so ASan's
// redzones sit right after the last element). Usage: node asan-smoke.mjs path/to/addon.node
import { createRequire } from 'node:module';

const addon = createRequire(import.meta.url)(process.argv[2]);
const f = addon.cpuFeatures();
const avx512 = f.avx512f && f.avx512dq && f.avx512bw && f.avx512vl && f.osZmm;
const exact = (n) => new Float32Array(new ArrayBuffer(4 * n));
const rowFill = (x, salt) => {
  for (let i = 0; i < x.length; i++) x[i] = i % 9 === 4 ? -Infinity : Math.sin(i * 12.9898 + salt) * 30;
  return x;
};

let calls = 0;
addon.kernelIds.forEach((id, k) => {
  if (id.includes('/avx512/') && !avx512) return void console.log(`skipped ${id}: CPU/OS lacks AVX-512`);
  for (let n = 0; n <= 40; n++) {
    const x = rowFill(exact(n), k);
    addon.softmax(k, x, exact(n));
    addon.softmax(k, x, x);
    addon.softmax(k, exact(n).fill(-Infinity), exact(n));
    if (n > 0) addon.softmax(k, exact(n).fill(Number.NaN), exact(n));
    calls += 4;
  }
  for (const [rows, cols, xs, ys] of [[3, 17, 17, 20], [4, 40, 43, 40], [5, 1, 1, 1], [2, 0, 3, 3]]) {
    const xLen = (rows - 1) * xs + cols;
    const x = rowFill(exact(xLen), k);
    addon.softmaxRows(k, x, exact((rows - 1) * ys + cols), rows, cols, xs, ys);
    addon.softmaxRows(k, x, x, rows, cols, xs, xs);
    calls += 2;
  }
  addon.softmax(k, rowFill(exact(4099), k), exact(4099));
  calls++;
});
console.log(`asan smoke: ${calls} calls over ${addon.kernelIds.length} kernels, no ASan report`);
