// Every bad argument is rejected in native code, before memory is touched, with the right
// error type and a message naming the argument.

import { describe, expect, it } from 'vitest';
import { CASES, addon, skipReason } from './native-fixtures.js';

const runnable = CASES.find((c) => c.cannotRun === null && c.spec.recipe === 'accurate');

describe.skipIf(!addon || !runnable)(`native argument validation${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const a = addon!;
  const k = runnable!.k;
  const f32 = (n: number) => new Float32Array(n);
  const row = (x: unknown, y: unknown) => () => a.softmax(k, x as Float32Array, y as Float32Array);
  const rows = (x: unknown, y: unknown, r: unknown, c: unknown, xs: unknown, ys: unknown) => () =>
    a.softmaxRows(k, x as Float32Array, y as Float32Array, r as number, c as number, xs as number, ys as number);

  it('kernel index: not a number, non-integer, negative, past the table', () => {
    expect(() => a.softmax('0' as unknown as number, f32(1), f32(1))).toThrow(TypeError);
    expect(() => a.softmax(1.5, f32(1), f32(1))).toThrow(/kernel: expected a non-negative integer/);
    expect(() => a.softmax(-1, f32(1), f32(1))).toThrow(RangeError);
    expect(() => a.softmax(a.kernelIds.length, f32(1), f32(1))).toThrow(/kernel: expected an index below 16/);
  });

  it.each([
    ['a Float64Array', new Float64Array(4)],
    ['an Int32Array', new Int32Array(4)],
    ['a Uint8Array', new Uint8Array(16)],
    ['a DataView', new DataView(new ArrayBuffer(16))],
    ['an ArrayBuffer', new ArrayBuffer(16)],
    ['an Array', [1, 2, 3, 4]],
    ['null', null],
    ['undefined', undefined],
    ['a number', 4],
  ])('x or y as %s: TypeError naming the argument', (what, bad) => {
    expect(row(bad, f32(4))).toThrow(TypeError);
    expect(row(bad, f32(4))).toThrow(`x: expected a Float32Array, got ${what}`);
    expect(row(f32(4), bad)).toThrow(`y: expected a Float32Array, got ${what}`);
    expect(rows(bad, f32(4), 1, 4, 4, 4)).toThrow(`x: expected a Float32Array, got ${what}`);
  });

  it('too few arguments', () => {
    expect(() => (a.softmax as (k: number) => void)(k)).toThrow(/expected 3 arguments, got 1/);
  });

  it('one row: y.length must equal x.length', () => {
    expect(row(f32(5), f32(4))).toThrow(RangeError);
    expect(row(f32(5), f32(4))).toThrow('y: expected length 5 (x.length), got 4');
    expect(row(f32(4), f32(5))).toThrow('y: expected length 4 (x.length), got 5');
  });

  it('detached buffers (structuredClone with transfer)', () => {
    const x = f32(8);
    structuredClone(x.buffer, { transfer: [x.buffer] });
    expect(row(x, f32(8))).toThrow(TypeError);
    expect(row(x, f32(8))).toThrow("x: the Float32Array's buffer is detached");
    const y = f32(8);
    structuredClone(y.buffer, { transfer: [y.buffer] });
    expect(row(f32(8), y)).toThrow("y: the Float32Array's buffer is detached");
    expect(rows(f32(8), y, 1, 8, 8, 8)).toThrow("y: the Float32Array's buffer is detached");
  });

  it('empty arrays are valid and touch nothing', () => {
    expect(row(f32(0), f32(0))).not.toThrow();
    expect(row(new Float32Array(new ArrayBuffer(0)), new Float32Array(new ArrayBuffer(0)))).not.toThrow();
  });

  it('one row: partial overlap rejected, exact in-place allowed', () => {
    const buf = f32(16);
    expect(row(buf.subarray(0, 8), buf.subarray(4, 12))).toThrow(RangeError);
    expect(row(buf.subarray(0, 8), buf.subarray(4, 12))).toThrow(/y: overlaps x without being the same elements/);
    expect(row(buf.subarray(4, 12), buf.subarray(0, 8))).toThrow(/y: overlaps x/);
    expect(row(buf.subarray(0, 8), buf.subarray(8, 16))).not.toThrow();
    expect(row(buf.subarray(2, 10), buf.subarray(2, 10))).not.toThrow();
    // Same memory through a second view object.
    expect(row(buf.subarray(2, 10), new Float32Array(buf.buffer, 8, 8))).not.toThrow();
  });

  it.each([
    ['rows', ['3', 4, 4, 4], TypeError, 'rows: expected a non-negative integer, got a string'],
    ['rows', [-1, 4, 4, 4], RangeError, 'rows: expected a non-negative integer, got -1'],
    ['rows', [1.5, 4, 4, 4], TypeError, 'rows: expected a non-negative integer, got 1.5'],
    ['rows', [NaN, 4, 4, 4], TypeError, 'rows: expected a non-negative integer, got nan'],
    ['cols', [1, -4, 4, 4], RangeError, 'cols: expected a non-negative integer, got -4'],
    ['cols', [1, 2 ** 60, 2 ** 60, 2 ** 60], TypeError, 'cols: expected a non-negative integer'],
    ['xStride', [1, 4, 3, 4], RangeError, 'xStride: expected an integer >= cols (4), got 3'],
    ['yStride', [1, 4, 4, 2], RangeError, 'yStride: expected an integer >= cols (4), got 2'],
    ['xStride', [1, 4, Infinity, 4], TypeError, 'xStride: expected a non-negative integer, got inf'],
    ['x extent', [3, 4, 5, 4], RangeError, 'x: 3 rows of 4 with stride 5 do not fit its 12 elements'],
    ['y extent', [2, 4, 4, 9], RangeError, 'y: 2 rows of 4 with stride 9 do not fit its 12 elements'],
    ['size_t overflow', [2 ** 40, 2 ** 30, 2 ** 30, 2 ** 30], RangeError, 'x: 1099511627776 rows of 1073741824 with stride 1073741824 do not fit'],
  ])('batched %s: %j', (_what, [r, c, xs, ys], type, message) => {
    expect(rows(f32(12), f32(12), r, c, xs, ys)).toThrow(type as ErrorConstructor);
    expect(rows(f32(12), f32(12), r, c, xs, ys)).toThrow(message as string);
  });

  it('batched: partial overlap and in-place with different strides rejected; exact in-place allowed', () => {
    const buf = f32(64);
    expect(rows(buf.subarray(0, 32), buf.subarray(8, 40), 4, 8, 8, 8)).toThrow(/y: overlaps x/);
    expect(rows(buf.subarray(0, 32), buf.subarray(0, 64), 4, 8, 8, 16)).toThrow(/exactly y = x with equal strides/);
    expect(rows(buf.subarray(0, 32), buf.subarray(0, 32), 4, 8, 8, 8)).not.toThrow();
    expect(rows(buf.subarray(0, 32), buf.subarray(32, 64), 4, 8, 8, 8)).not.toThrow();
    // rows = 0 or cols = 0 touch nothing, so any layout that passed the type checks is fine.
    expect(rows(buf, buf.subarray(1), 0, 8, 8, 8)).not.toThrow();
  });

  it('isa names are validated', () => {
    expect(() => a.selectIsa('sse2' as never)).toThrow(RangeError);
    expect(() => a.selectIsa('sse2' as never)).toThrow('cap: expected one of "scalar", "wasm-simd128", "avx2", "avx512", got "sse2"');
    expect(() => a.isaUnavailableReason(3 as never)).toThrow(TypeError);
  });

  it('refuses absurd benchmark arguments instead of allocating or looping without bound', () => {
    const bench = a as unknown as { benchKernel(k: number, x: Float32Array, reps: number, calls: number, pool: number, flushDenormals: boolean): Float64Array };
    const x = new Float32Array(16);
    expect(() => bench.benchKernel(0, x, 2 ** 40, 1, 1 << 20, false)).toThrow(/reps, callsPerSample, poolBytes: expected at most 1000000/);
    expect(() => bench.benchKernel(0, x, 1, 2 ** 40, 1 << 20, false)).toThrow(RangeError);
    expect(() => bench.benchKernel(0, x, 1, 1, 2 ** 50, false)).toThrow(RangeError);
  });
});
