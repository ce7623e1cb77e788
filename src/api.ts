// The public entry points. Every argument is validated here, before any kernel
// touches memory; errors name the argument and say what was expected.

import { registry, type KernelEntry } from './registry.js';
import { parseKernelId } from './spec/kernel-id.js';

function kernelEntry(kernelId: unknown): KernelEntry {
  if (typeof kernelId !== 'string') throw new TypeError(`kernelId: expected a string such as "two-pass/scalar/accurate", got ${describe(kernelId)}`);
  const entry = registry().get(kernelId);
  if (!entry) {
    parseKernelId(kernelId); // throws the precise reason when the id is malformed
    throw new RangeError(`kernelId: "${kernelId}" is not in the kernel table`);
  }
  if (!entry.available) throw new Error(`kernelId: ${kernelId} cannot run here: ${entry.reason}`);
  return entry;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

/** The typed-array intrinsics: a subclass may override `length` or `buffer`, these cannot lie. */
const TYPED_ARRAY = Object.getPrototypeOf(Float32Array.prototype) as object;
const intrinsic = (key: 'length' | 'byteOffset' | 'buffer') => Object.getOwnPropertyDescriptor(TYPED_ARRAY, key)!.get!;
const trueLength = intrinsic('length');
const trueByteOffset = intrinsic('byteOffset');
const trueBuffer = intrinsic('buffer');

/**
 * v as a plain Float32Array over exactly the memory it really spans: a subclass that lies
 * about its length or buffer is read through the intrinsics, so no kernel ever sees the lie.
 */
function requireFloat32Array(name: string, v: unknown): Float32Array {
  if (!(v instanceof Float32Array)) throw new TypeError(`${name}: expected a Float32Array, got ${describe(v)}`);
  const buffer = trueBuffer.call(v) as ArrayBufferLike;
  if (isDetached(buffer)) throw new TypeError(`${name}: the Float32Array's buffer is detached`);
  if (Object.getPrototypeOf(v) === Float32Array.prototype) return v;
  return new Float32Array(buffer, trueByteOffset.call(v) as number, trueLength.call(v) as number);
}

/**
 * Whether two buffers are the same memory. One shared memory can sit behind several
 * SharedArrayBuffer objects (structuredClone or postMessage of one, a shared
 * WebAssembly.Memory after it grows), so for those one byte is flipped in a and looked for
 * in b, then restored.
 */
function sameMemory(a: ArrayBufferLike, b: ArrayBufferLike): boolean {
  if (a === b) return true;
  if (!(a instanceof SharedArrayBuffer) || !(b instanceof SharedArrayBuffer) || a.byteLength === 0 || b.byteLength === 0) return false;
  const va = new Uint8Array(a);
  const vb = new Uint8Array(b);
  const old = va[0];
  va[0] = old ^ 0xff;
  const same = vb[0] === va[0];
  va[0] = old;
  return same;
}

/** Node 20 has no ArrayBuffer.prototype.detached; constructing a view on a detached buffer throws. */
function isDetached(buffer: ArrayBufferLike): boolean {
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

function requireCount(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new TypeError(`${name}: expected an integer, got ${typeof v === 'number' ? v : describe(v)}`);
  if (v < min) throw new RangeError(`${name}: expected an integer >= ${min}, got ${v}`);
  return v;
}

/** The byte range [start, end) a view occupies in its buffer. */
function byteRange(v: Float32Array): [number, number] {
  return [v.byteOffset, v.byteOffset + v.byteLength];
}

/** y may be exactly x (in place, when the kernel allows it) or disjoint from it; never a partial overlap. */
function checkAliasing(entry: KernelEntry, x: Float32Array, y: Float32Array, xSpan: [number, number], ySpan: [number, number]): void {
  if (!sameMemory(x.buffer, y.buffer)) return;
  const overlap = xSpan[0] < ySpan[1] && ySpan[0] < xSpan[1];
  if (!overlap) return;
  const identical = xSpan[0] === ySpan[0] && xSpan[1] === ySpan[1];
  if (!identical) throw new RangeError('y: overlaps x without being the same elements; use disjoint buffers or exactly y = x');
  if (!entry.spec.inPlace) throw new RangeError(`y: ${entry.spec.id} does not support in-place operation (y = x)`);
}

/** y[0..n) = softmax(x[0..n)) with the kernel `kernelId`; x.length must equal y.length. */
export function softmax(kernelId: string, xArg: Float32Array, yArg: Float32Array): void {
  const entry = kernelEntry(kernelId);
  const x = requireFloat32Array('x', xArg);
  const y = requireFloat32Array('y', yArg);
  if (y.length !== x.length) throw new RangeError(`y: expected length ${x.length} (x.length), got ${y.length}`);
  checkAliasing(entry, x, y, byteRange(x), byteRange(y));
  entry.row!(x, y);
}

export interface RowsLayout {
  rows: number;
  cols: number;
  /** Elements between the starts of consecutive rows of x (default cols). */
  xStride?: number;
  /** Elements between the starts of consecutive rows of y (default cols). */
  yStride?: number;
}

/** Softmax of each row of a rows x cols matrix stored with row strides. */
export function softmaxRows(kernelId: string, xArg: Float32Array, yArg: Float32Array, layout: RowsLayout): void {
  const entry = kernelEntry(kernelId);
  const x = requireFloat32Array('x', xArg);
  const y = requireFloat32Array('y', yArg);
  if (typeof layout !== 'object' || layout === null) throw new TypeError(`layout: expected { rows, cols, xStride?, yStride? }, got ${describe(layout)}`);
  const rows = requireCount('layout.rows', layout.rows, 0);
  const cols = requireCount('layout.cols', layout.cols, 0);
  const xStride = requireCount('layout.xStride', layout.xStride ?? cols, cols);
  const yStride = requireCount('layout.yStride', layout.yStride ?? cols, cols);
  const need = (stride: number) => (rows === 0 ? 0 : (rows - 1) * stride + cols);
  if (x.length < need(xStride)) throw new RangeError(`x: expected at least ${need(xStride)} elements for ${rows} rows of ${cols} with stride ${xStride}, got ${x.length}`);
  if (y.length < need(yStride)) throw new RangeError(`y: expected at least ${need(yStride)} elements for ${rows} rows of ${cols} with stride ${yStride}, got ${y.length}`);
  if (rows === 0 || cols === 0) return;
  const xSpan: [number, number] = [x.byteOffset, x.byteOffset + 4 * need(xStride)];
  const ySpan: [number, number] = [y.byteOffset, y.byteOffset + 4 * need(yStride)];
  const shared = sameMemory(x.buffer, y.buffer);
  if (shared && xSpan[0] < ySpan[1] && ySpan[0] < xSpan[1] && (xSpan[0] !== ySpan[0] || xStride !== yStride)) {
    throw new RangeError('y: overlaps x without being the same elements; use disjoint buffers or exactly y = x with equal strides');
  }
  if (shared && xSpan[0] === ySpan[0]) checkAliasing(entry, x, y, xSpan, ySpan);
  entry.batch!(x, y, rows, cols, xStride, yStride);
}
