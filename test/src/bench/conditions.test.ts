// What each bench measurement is measured under: the input (--input), the denormal mode of the
// native timing thread (--denormals), where the row sits against the measured LLC, the default
// sizes derived from it, and the sanity flags. Timings are never asserted.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchInput, parseBenchInputs, parseDenormals } from '../../../src/bench/input.js';
import { sanityRows, SANITY_ROOFLINE_RATIO } from '../../../src/bench/sanity.js';
import type { BenchRow } from '../../../src/bench/schema.js';
import { defaultSizes, llcRow, POWER_OF_TWO_SIZES } from '../../../src/bench/sizes.js';
import { bytesNeeded, residency } from '../../../src/bench/sweep.js';
import { benchAddon } from '../../../src/bench/native-timer.js';
import { UsageError } from '../../../src/errors.js';

describe('--input', () => {
  it('gives the paper input unchanged and normal rows of the named sigma', () => {
    const [uniform, n1, n16] = parseBenchInputs('uniform1000,normal1,normal16');
    expect(Array.from(uniform!.row(1000))).toEqual(Array.from(benchInput(1000)));
    const std = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
    const a = n1!.row(100_000);
    const b = n16!.row(100_000);
    expect(std(a)).toBeGreaterThan(0.97);
    expect(std(a)).toBeLessThan(1.03);
    expect(std(b) / std(a)).toBeCloseTo(16, 5); // the same stream scaled: exactly 16 up to float32 rounding
    expect(Array.from(n1!.row(10))).toEqual(Array.from(n1!.row(10))); // seeded
  });

  it('repeats a raw float32 file to the row length', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-input-'));
    const file = join(dir, 'logits.f32');
    writeFileSync(file, Buffer.from(new Float32Array([1, -2, 3.5]).buffer));
    const [input] = parseBenchInputs(file);
    expect(Array.from(input!.row(7))).toEqual([1, -2, 3.5, 1, -2, 3.5, 1]);
    expect(input!.name).toBe(file);
  });

  it('rejects unknown names, bad files and duplicates with a UsageError naming --input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-input-'));
    const odd = join(dir, 'odd.f32');
    writeFileSync(odd, Buffer.alloc(6));
    expect(() => parseBenchInputs('gauss')).toThrow(UsageError);
    expect(() => parseBenchInputs('gauss')).toThrow(/--input gauss: "gauss" is neither one of uniform1000, normal1, normal4, normal16/);
    expect(() => parseBenchInputs(join(dir, 'missing.f32'))).toThrow(/--input .*cannot read .*ENOENT/);
    expect(() => parseBenchInputs(odd)).toThrow(/has 6 bytes; expected a positive multiple of 4/);
    expect(() => parseBenchInputs('normal4,normal4')).toThrow(/listed twice/);
  });
});

describe('--denormals', () => {
  it('reads on, off and both', () => {
    expect(parseDenormals('on')).toEqual(['on']);
    expect(parseDenormals('off')).toEqual(['off']);
    expect(parseDenormals('both')).toEqual(['on', 'off']);
    expect(() => parseDenormals('ftz')).toThrow(/--denormals ftz: expected on, off or both/);
  });

  const addon = benchAddon();
  // Without the addon or AVX2 there is no native timing thread whose MXCSR could be set.
  it.skipIf(!addon || addon.isaUnavailableReason('avx2') !== null)('sets FTZ/DAZ only inside the native timing loop and restores MXCSR after', () => {
    const before = addon!.denormalMode();
    const k = addon!.kernelIds.indexOf('two-pass/avx2/paper');
    const samples = addon!.benchKernel(k, benchInput(256), 2, 1, 1 << 16, true);
    expect(samples).toHaveLength(2);
    expect(addon!.denormalMode()).toEqual(before);
    expect(() => addon!.benchKernel(k, benchInput(256), 2, 1, 1 << 16, 1 as unknown as boolean)).toThrow(/flushDenormals: expected a boolean/);
  });

  it.skipIf(!addon || addon.isaUnavailableReason('avx2') !== null)('gives the output pool back on benchReleasePool (before a native peer needs the memory), and allocates it again after', () => {
    const k = addon!.kernelIds.indexOf('two-pass/avx2/paper');
    const poolBytes = 256 * 2 ** 20;
    addon!.benchKernel(k, benchInput(4096), 1, 1, poolBytes, false);
    const held = process.memoryUsage().rss;
    addon!.benchReleasePool!();
    const released = process.memoryUsage().rss;
    expect(held - released).toBeGreaterThan(0.9 * poolBytes);
    expect(addon!.benchKernel(k, benchInput(4096), 2, 1, poolBytes, false)).toHaveLength(2);
    expect(process.memoryUsage().rss - released).toBeGreaterThan(0.9 * poolBytes);
    addon!.benchReleasePool!();
  });
});

describe('sizes from the measured last-level cache', () => {
  it('adds rows of 1/8, 1, 4 and 8 times the LLC to 2^8 .. 2^26, none when it is unknown', () => {
    const llc = 105 * 2 ** 20;
    const sizes = defaultSizes(llc);
    for (const m of [1 / 8, 1, 4, 8]) expect(sizes).toContain(llcRow(llc, m));
    expect(llcRow(llc, 8) * 4).toBeCloseTo(8 * llc, -2);
    expect(defaultSizes(0)).toEqual(POWER_OF_TWO_SIZES);
  });

  it('marks rows in and out of cache against the LLC given, never a constant', () => {
    expect(residency(2 ** 20, 8 * 2 ** 20)).toEqual({ cache: 'in-cache', llcMultiple: 0.5 });
    expect(residency(2 ** 20, 2 * 2 ** 20)).toEqual({ cache: 'out-of-cache', llcMultiple: 2 });
    expect(residency(2 ** 20, 0)).toEqual({ cache: 'unknown', llcMultiple: null });
  });

  it('counts the input and both output pools, one row each once a row alone exceeds the pool', () => {
    expect(bytesNeeded(1024, 2 ** 20)).toBe(4096 + 2 * 2 ** 20);
    expect(bytesNeeded(3 * 2 ** 16, 2 ** 20)).toBe(3 * 2 ** 18 + 2 * 3 * 2 ** 19); // two rows of 768 KiB exceed the 1 MiB pool
    expect(bytesNeeded(2 ** 28, 2 ** 20)).toBe(3 * 2 ** 30);
  });
});

function row(kernel: string, denormals: 'on' | 'off', median: number, rooflineRatio: number, over: Partial<BenchRow> = {}): BenchRow {
  const [algorithm, isa, recipe] = kernel.split('/');
  return { kernel, algorithm, isa, recipe, n: 2 ** 28, input: 'uniform1000', denormals, cache: 'out-of-cache', llcMultiple: 8, timer: 'native', ns: { median, min: median, max: median }, rooflineRatio, ...over } as BenchRow;
}

describe('sanity flags', () => {
  it('flags out-of-cache rows under the threshold, naming denormal assists when FTZ/DAZ make them faster', () => {
    const rows = [
      row('two-pass/avx512/paper', 'on', 10, 0.1),
      row('two-pass/avx512/paper', 'off', 1, 0.95),
      row('online/avx512/accurate', 'on', 4, 0.3),
      row('online/avx512/accurate', 'off', 4, 0.3),
      row('three-pass-reload/avx512/paper', 'on', 1, SANITY_ROOFLINE_RATIO + 0.01),
      row('two-pass/avx2/paper', 'on', 5, 0.2, { cache: 'in-cache', llcMultiple: 0.5 }),
      row('two-pass/wasm-simd128/paper', 'on', 5, 0.2, { timer: 'js' }),
    ];
    const flagged = sanityRows(rows);
    expect(flagged.map((s) => `${s.kernel} ${s.denormals}`)).toEqual(['two-pass/avx512/paper on', 'online/avx512/accurate on', 'online/avx512/accurate off', 'two-pass/wasm-simd128/paper on']);
    expect(flagged[0]!.cause).toMatch(/denormal assists: with FTZ\/DAZ set it runs 10\.00x faster/);
    expect(flagged[1]!.cause).toMatch(/compute-bound/);
    expect(flagged[3]!.cause).toMatch(/wasm.*copies x into and y out of wasm memory/);
    expect(sanityRows(rows, { average: 12.5, cpus: 2 })[1]!.cause).toMatch(/compute-bound.*also interference: load 12\.5 on 2 CPUs/);
    expect(sanityRows(rows, { average: 1.5, cpus: 2 })[1]!.cause).not.toMatch(/interference/);
  });
});

describe('targets', () => {
  it('compare Two-Pass with the faster Three-Pass and accurate with paper at >= 4x the LLC only', async () => {
    const { evaluateTargets } = await import('../../../src/bench/targets.js');
    const at = (kernel: string, median: number, llcMultiple: number, rooflineRatio = 0.5) => ({ ...row(kernel, 'on', median, rooflineRatio), llcMultiple, n: llcMultiple * 2 ** 20 });
    const rows = [
      at('two-pass/avx512/paper', 8, 4, 0.95),
      at('three-pass-reload/avx512/paper', 10, 4),
      at('three-pass-recompute/avx512/paper', 12, 4),
      at('two-pass/avx512/accurate', 16, 4),
      at('two-pass/avx512/paper', 1, 1),
      at('three-pass-reload/avx512/paper', 100, 1),
    ];
    const t = evaluateTargets({ rows, peers: [] } as unknown as Parameters<typeof evaluateTargets>[0]);
    expect(t.map((x) => [x.target, x.value, x.met])).toEqual([
      ['two-pass/avx512/paper over the faster Three-Pass', 10 / 8, true],
      ['two-pass/avx512/paper roofline ratio', 0.95, true],
      ['two-pass/avx512/accurate / its paper kernel', 2, false],
    ]);
  });
});
