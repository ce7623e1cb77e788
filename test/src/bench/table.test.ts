import { describe, expect, it } from 'vitest';
import { formatPow2Label } from '../../../src/bench/table.js';

describe('formatPow2Label', () => {
  it('labels exact powers of two as 2^k and every other length by its digits', () => {
    expect(formatPow2Label(1)).toBe('2^0');
    expect(formatPow2Label(1024)).toBe('2^10');
    expect(formatPow2Label(2 ** 50)).toBe('2^50');
    expect(formatPow2Label(1000)).toBe('1000');
    // Math.log2(2^50 + 1) rounds to exactly 50: the label is read from the bits instead.
    expect(formatPow2Label(2 ** 50 + 1)).toBe('1125899906842625');
  });
});
