// The bench's pure parts: size lists, the regression rule, the ONNX model bytes.

import { describe, expect, it } from 'vitest';
import { findRegressions, parseSizes } from '../../../src/bench/index.js';
import type { BenchRow } from '../../../src/bench/index.js';
import { softmaxOnnxModel } from '../../../src/bench/onnx-model.js';

describe('parseSizes', () => {
  it('reads lists, powers and ranges of powers of two', () => {
    expect(parseSizes('2^10,2^16,65536')).toEqual([1024, 65536]);
    expect(parseSizes('256..2^10')).toEqual([256, 512, 1024]);
    expect(parseSizes('300..1024')).toEqual([512, 1024]);
  });
  it('rejects what is not a size', () => {
    expect(() => parseSizes('2^x')).toThrow(/not a row length/);
    expect(() => parseSizes('2^12..2^10')).toThrow(/empty/);
  });
});

function row(kernel: string, n: number, median: number, min = median, max = median): BenchRow {
  return { kernel, n, ns: { median, min, max }, nsPerElement: median / n } as BenchRow;
}

describe('findRegressions', () => {
  it('needs > 10% and > 3x the jitter (median - min), at n >= 2^16', () => {
    const base = [row('a', 2 ** 20, 1e6, 0.99e6, 3e6), row('b', 2 ** 20, 1e6, 0.9e6, 1.1e6), row('c', 2 ** 10, 1e3)];
    const now = [row('a', 2 ** 20, 1.2e6, 1.19e6, 1.21e6), row('b', 2 ** 20, 1.2e6, 1.1e6, 1.3e6), row('c', 2 ** 10, 2e3)];
    expect(findRegressions(now, base).map((r) => r.kernel)).toEqual(['a']);
  });
});

describe('softmaxOnnxModel', () => {
  it('is a ModelProto naming the Softmax op, input x and output y', () => {
    const text = new TextDecoder().decode(softmaxOnnxModel());
    for (const s of ['Softmax', 'x', 'y', 'softmax-verify']) expect(text).toContain(s);
  });
});
