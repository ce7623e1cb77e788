// A row of 1e7 floats through the wrapper (memory grows to fit, then is reused): the
// accurate Two-Pass output equals the scalar golden model bit for bit.

import { describe, expect, it } from 'vitest';
import { WASM_UNAVAILABLE, firstBitDifference, kernelsUnderTest } from './fixtures.js';
import { seededUniform } from '../../../../src/seeded-random.js';

describe.skipIf(WASM_UNAVAILABLE !== null)(`wasm-simd128 long rows ${WASM_UNAVAILABLE ? `(skipped: ${WASM_UNAVAILABLE})` : ''}`, () => {
  it('two-pass/wasm-simd128/accurate on n = 1e7 gives the bits of the scalar golden model', () => {
    const [{ impl, scalar }] = kernelsUnderTest((s) => s.id === 'two-pass/wasm-simd128/accurate');
    const r = seededUniform(1);
    const x = Float32Array.from({ length: 1e7 }, () => (r() - 0.5) * 2000);
    const y = new Float32Array(x.length);
    const golden = new Float32Array(x.length);
    impl.row(x, y);
    scalar(x, golden);
    expect(firstBitDifference(y, golden), 'index of the first output whose bits differ').toBe(-1);
  });
});
