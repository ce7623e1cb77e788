// The suite must catch the naive control: exp(x) overflows for x > 88.72.

import { expect, it } from 'vitest';
import { runContract } from '../../properties/index.js';
import { listKernels, registry } from '../../src/registry.js';
import { SEED } from './contract-suite.js';

it(`reports the naive kernel's overflow with a shrunk counterexample (seed ${SEED})`, () => {
  const naive = registry().get('naive/scalar/paper')!;
  const r = runContract(naive, {
    seed: SEED,
    runs: 20,
    maxLongRow: 2000,
    properties: ['no-overflow'],
    families: ['overflow-band'],
    others: listKernels().filter((e) => e.available),
  });
  expect(r.passed).toBe(false);
  const [failure] = r.properties[0].failures;
  expect(failure.message).toMatch(/for the finite input/);
  // Shrinking keeps the cause: some entry is above ln(FLT_MAX) ~ 88.72.
  const entries = failure.rowHex.split(' ').map((h) => new Float32Array(new Uint32Array([Number(h)]).buffer)[0]);
  expect(Math.max(...entries)).toBeGreaterThan(88.72);
  expect(entries.length).toBeLessThanOrEqual(2);
  expect(failure.replay).toContain(`--seed ${SEED}`);
});
