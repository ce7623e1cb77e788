// The native peers' harness (bench/peers/native, built on demand by npm run bench:peers:native):
// its timings come back in the shape of ours and its outputs are softmaxes of the input.
// Timings are never asserted.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NATIVE_PEERS, nativePeerAccuracy, nativePeersMissing, RowFile, timeNativePeer } from '../../../src/bench/native-peers.js';
import { parseBenchInputs } from '../../../src/bench/input.js';

const missing = nativePeersMissing();

describe('RowFile', () => {
  it('writes the row in chunks, byte for byte (one write of 2 GiB or more is refused: rows at 4 and 8 x LLC are larger)', () => {
    const x = parseBenchInputs('normal4')[0]!.row(4099);
    const row = new RowFile(x, 1000); // 16396 bytes in writes of at most 1000
    try {
      expect(new Uint8Array(readFileSync(row.path))).toEqual(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
    } finally {
      row.dispose();
    }
    expect(existsSync(row.path)).toBe(false);
  });
});

describe('native peers', () => {
  it('say how to build them when they are not built', () => {
    if (missing) expect(missing).toMatch(/npm run bench:peers:native/);
    else expect(missing).toBeNull();
  });

  // The harness links XNNPACK and oneDNN, which npm ci never installs: built only on demand.
  describe.skipIf(missing !== null)(`when built${missing ? ` (skipped: ${missing})` : ''}`, () => {
    const [normal4] = parseBenchInputs('normal4');
    it.each(NATIVE_PEERS.map((p) => [p.name, p] as const))('%s: one sample per rep, and a softmax within a few hundred ULP', (_name, peer) => {
      const row = new RowFile(normal4!.row(4099));
      try {
        const samples = timeNativePeer(peer, row, 3, 2, 1 << 20, 'off');
        expect(samples).toHaveLength(3);
        for (const s of samples) expect(s).toBeGreaterThan(0);
      } finally {
        row.dispose();
      }
      const acc = nativePeerAccuracy(peer, normal4!.row(4099));
      expect(acc.maxUlp).toBeLessThan(1000); // float32 sums of 4099 terms; a wrong row would be off by 2^23
    });
  });
});
