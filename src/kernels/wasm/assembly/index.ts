// The WebAssembly module's exports: for each kernel `algorithm/recipe`, a row entry
// `name(x, y, n)` and a batched entry `nameRows(x, y, rows, cols, xStride, yStride)`
// (byte addresses in this module's memory; strides in elements; y may equal x). The JS
// wrapper (src/kernels/wasm/) owns every byte from dataStart() upwards.

export {
  threePassRecomputePaper, threePassRecomputePaperRows, threePassReloadPaper, threePassReloadPaperRows,
  twoPassPaper, twoPassPaperRows, onlinePaper, onlinePaperRows,
} from './paper';
export {
  threePassRecomputeAccurate, threePassRecomputeAccurateRows, threePassReloadAccurate, threePassReloadAccurateRows,
  twoPassAccurate, twoPassAccurateRows, onlineAccurate, onlineAccurateRows,
} from './accurate';

/** First free byte after the static data, aligned to 16 (the kernels allocate nothing). */
export function dataStart(): usize {
  return (__heap_base + 15) & ~15;
}
