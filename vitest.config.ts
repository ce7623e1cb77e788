import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Separate processes: native addons and wasm memories stay per file, and flags
    // such as relaxed SIMD can be passed to Node.
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
