import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NATIVE_CONSTANTS_PATH, renderNativeConstants } from '../../../../scripts/gen-native-constants.js';

describe('src/kernels/native/c/constants.h', () => {
  it('is exactly what scripts/gen-native-constants.ts generates from src/constants.ts', () => {
    // On failure: npm run gen
    expect(readFileSync(NATIVE_CONSTANTS_PATH, 'utf8')).toBe(renderNativeConstants());
  });
});
