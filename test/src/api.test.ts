import { describe, expect, it } from 'vitest';
import { softmax, softmaxRows } from '../../src/api.js';
import { KERNELS } from '../../src/spec/kernels.js';
import { listKernels, matchKernels } from '../../src/registry.js';

const ID = 'two-pass/scalar/accurate';

describe('softmax argument validation', () => {
  it('rejects a kernel id that is not a string, malformed, or not in the table', () => {
    expect(() => softmax(42 as unknown as string, new Float32Array(1), new Float32Array(1))).toThrow(/kernelId: expected a string/);
    expect(() => softmax('two-pass', new Float32Array(1), new Float32Array(1))).toThrow(RangeError);
    expect(() => softmax('two-pass/sparc/paper', new Float32Array(1), new Float32Array(1))).toThrow(/unknown isa "sparc"/);
    expect(() => softmax('naive/scalar/accurate', new Float32Array(1), new Float32Array(1))).toThrow(/not in the kernel table/);
  });

  it('rejects non-Float32Array inputs and outputs, naming the argument', () => {
    expect(() => softmax(ID, new Float64Array(2) as unknown as Float32Array, new Float32Array(2))).toThrow(/^x: expected a Float32Array, got Float64Array/);
    expect(() => softmax(ID, new Float32Array(2), [0, 0] as unknown as Float32Array)).toThrow(/^y: expected a Float32Array, got Array/);
    expect(() => softmax(ID, new Float32Array(2), null as unknown as Float32Array)).toThrow(TypeError);
  });

  it('rejects a wrong output length', () => {
    expect(() => softmax(ID, new Float32Array(3), new Float32Array(2))).toThrow(/y: expected length 3/);
  });

  it('rejects partially overlapping views but accepts exact in-place', () => {
    const buf = new Float32Array(8);
    expect(() => softmax(ID, buf.subarray(0, 4), buf.subarray(2, 6))).toThrow(/overlaps x/);
    const x = Float32Array.from([1, 2, 3, 4]);
    const expected = new Float32Array(4);
    softmax(ID, x, expected);
    softmax(ID, x, x);
    expect(x).toEqual(expected);
  });

  it('rejects a detached buffer', () => {
    const x = new Float32Array(4);
    structuredClone(x.buffer, { transfer: [x.buffer] });
    expect(() => softmax(ID, x, new Float32Array(0))).toThrow(/x: the Float32Array's buffer is detached/);
  });

  it('writes nothing for n = 0', () => {
    expect(() => softmax(ID, new Float32Array(0), new Float32Array(0))).not.toThrow();
  });
});

describe('hostile arguments', () => {
  it('detects overlap between views of one shared memory reached through different SharedArrayBuffer objects', () => {
    const sab = new SharedArrayBuffer(8192);
    const x = new Float32Array(sab, 0, 16);
    const y = new Float32Array(structuredClone(sab), 8, 16); // another SharedArrayBuffer object, the same bytes
    expect(x.buffer).not.toBe(y.buffer);
    expect(() => softmax('two-pass/scalar/accurate', x, y)).toThrow(/overlaps x/);
    // Disjoint views of the same memory are fine, and x is left as it was.
    x.set([1, 2, 3]);
    const far = new Float32Array(structuredClone(sab), 4096, 16);
    softmax('two-pass/scalar/accurate', x, far);
    expect(Array.from(x.subarray(0, 3))).toEqual([1, 2, 3]);
  });

  it('reads a Float32Array subclass that lies about its length through the real length', () => {
    class Liar extends Float32Array {
      override get length(): number {
        return 1 << 20;
      }
    }
    const x = new Liar(4);
    x.set([1, 2, 3, 4]);
    const y = new Float32Array(4);
    expect(() => softmax('two-pass/scalar/accurate', x, new Float32Array(1 << 20))).toThrow(/y: expected length 4/);
    softmax('two-pass/scalar/accurate', x, y);
    expect(y.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});

describe('softmaxRows', () => {
  it('validates sizes and strides, naming the field', () => {
    const x = new Float32Array(12);
    const y = new Float32Array(12);
    expect(() => softmaxRows(ID, x, y, { rows: 1.5, cols: 4 })).toThrow(/layout.rows: expected an integer, got 1.5/);
    expect(() => softmaxRows(ID, x, y, { rows: -1, cols: 4 })).toThrow(/layout.rows: expected an integer >= 0/);
    expect(() => softmaxRows(ID, x, y, { rows: 3, cols: 4, xStride: 3 })).toThrow(/layout.xStride: expected an integer >= 4/);
    expect(() => softmaxRows(ID, x, y, { rows: 4, cols: 4 })).toThrow(/x: expected at least 16 elements/);
    expect(() => softmaxRows(ID, x, y, null as never)).toThrow(/layout: expected/);
  });

  it('computes each row as the one-row call does', () => {
    const rows = 3;
    const cols = 5;
    const x = Float32Array.from({ length: rows * 7 }, (_, i) => Math.sin(i) * 30);
    const y = new Float32Array(rows * 6).fill(-1);
    softmaxRows(ID, x, y, { rows, cols, xStride: 7, yStride: 6 });
    for (let r = 0; r < rows; r++) {
      const one = new Float32Array(cols);
      softmax(ID, x.subarray(r * 7, r * 7 + cols), one);
      expect(y.subarray(r * 6, r * 6 + cols)).toEqual(one);
      expect(y[r * 6 + cols]).toBe(-1); // the padding between rows is untouched
    }
  });
});

describe('registry', () => {
  it('lists every kernel of the table exactly once, scalar ones available', () => {
    const ids = listKernels().map((e) => e.spec.id);
    expect(ids).toEqual(KERNELS.map((k) => k.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of listKernels().filter((k) => k.spec.isa === 'scalar')) expect(e.available, e.spec.id).toBe(true);
  });

  it('matches patterns by glob or substring', () => {
    expect(matchKernels('two-pass/scalar/*').map((e) => e.spec.id)).toEqual(['two-pass/scalar/paper', 'two-pass/scalar/accurate']);
    expect(matchKernels('accurate').every((e) => e.spec.recipe === 'accurate')).toBe(true);
  });
});
