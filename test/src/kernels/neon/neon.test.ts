// The NEON kernels end to end on an x86-64 machine: cross-built (scripts/build-neon.sh) into a
// static AArch64 harness and run under qemu-aarch64. Accurate kernels must reproduce the
// committed digest of their algorithm (digests/v3.json) over the digest grid; paper kernels must
// be within their declared bound of the oracle on those rows (and on sampled rows of every contract
// row family, where accurate kernels must give the golden bits); every kernel, on every tail length
// 0..2*tile+1 at every alignment, must pass the harness's memory checks (canaries, x unchanged,
// in place = out of place) and agree with the golden model (accurate) or the oracle (paper).

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KernelOracle } from '../../../../properties/core/kernel-oracle.js';
import { FAMILY_NAMES, familyArbitrary } from '../../../../properties/families/row-families.js';
import { hex32 } from '../../../../properties/core/format.js';
import { computeDigest, digestGrid, firstDifference, readDigestFile, type GridRow } from '../../../../properties/digests/golden-digest.js';
import { SCALAR_IMPLEMENTATIONS } from '../../../../src/kernels/scalar/index.js';
import type { KernelSpec } from '../../../../src/spec/kernel-spec.js';
import { NEON_KERNELS } from '../../../../src/spec/neon-kernels.js';
import { seededUniform } from '../../../../src/seeded-random.js';
import { buildHarness, neonSkipReason, runHarness, runKernel } from './neon-harness.js';

const skipReason = neonSkipReason();
const accurate = NEON_KERNELS.filter((s) => s.recipe === 'accurate');
const paper = NEON_KERNELS.filter((s) => s.recipe === 'paper');

/** Runs a kernel over rows under qemu; the harness's memory checks must all pass. */
function outputsOf(harness: string, spec: KernelSpec, rows: readonly Float32Array[]): Float32Array[] {
  const r = runKernel(harness, spec.id, rows);
  if (r.status !== 0) throw new Error(`${spec.id}: neon-harness exited ${r.status}: ${r.stderr.trim()}`);
  expect(r.outputs.map((y) => y.length)).toEqual(rows.map((x) => x.length));
  return r.outputs;
}

/**
 * A paper kernel against the oracle: failures are elements outside their bound; `maxUlp` and
 * `closest` (the largest error / bound) are over the elements whose bound is finite.
 */
function againstOracle(spec: KernelSpec, rows: readonly GridRow[], outputs: readonly Float32Array[]) {
  const oracle = new KernelOracle(spec);
  let maxUlp = { ulp: 0, bound: 0, where: 'none' };
  let closest = { ulp: 0, bound: 1, where: 'none' };
  let unbounded = 0;
  const failures: string[] = [];
  rows.forEach(({ family, x }, r) => {
    const facts = oracle.facts(x);
    for (let i = 0; i < x.length; i++) {
      const v = oracle.verdict(facts, i, outputs[r][i]);
      const bound = facts.bound[i];
      const where = () => `${family} n=${x.length} [${i}]: x=${hex32(x[i])} y=${hex32(outputs[r][i])} exact ${facts.oracle.reference[i]}`;
      if (!v.ok) failures.push(`${where()}: ${v.ulp} ULP, bound ${bound}`);
      else if (!Number.isFinite(bound)) unbounded++;
      else {
        if (v.ulp > maxUlp.ulp) maxUlp = { ulp: v.ulp, bound, where: where() };
        if (v.ulp / bound > closest.ulp / closest.bound) closest = { ulp: v.ulp, bound, where: where() };
      }
    }
  });
  return { maxUlp, closest, unbounded, failures };
}

/** Rows with -inf entries, ties and a wide spread (as the native tails test), 4 per length so the
 * harness runs each length at every element offset 0..3. */
function tailRows(spec: KernelSpec): GridRow[] {
  const rnd = seededUniform(spec.tile * 7919 + spec.id.length);
  const rows: GridRow[] = [];
  for (let n = 0; n <= 2 * spec.tile + 1; n++) {
    for (let k = 0; k < 4; k++) {
      const x = Float32Array.from({ length: n }, (_, i) => (i % 11 === 5 ? -Infinity : i % 7 === 2 ? 9.5 : (rnd() - 0.5) * 24));
      rows.push({ family: 'tails', x });
    }
  }
  return rows;
}

describe.skipIf(skipReason !== null)(`neon kernels under qemu-aarch64${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let harness = '';
  const grid = digestGrid();
  beforeAll(() => {
    harness = buildHarness();
  }, 300_000);

  it('the harness runs exactly the neon kernels of the spec table', () => {
    const r = runHarness(harness, ['--list']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(NEON_KERNELS.map((s) => s.id).sort());
  });

  it.each(accurate.map((s) => [s.id, s] as const))('%s: digest equals the committed digest of its algorithm', (_id, spec) => {
    const outputs = outputsOf(harness, spec, grid.map((g) => g.x));
    let row = 0;
    const got = computeDigest((_x, y) => y.set(outputs[row++]), grid).digest;
    const want = readDigestFile().algorithms[spec.algorithm];
    if (got.digest !== want.digest) {
      const golden = computeDigest(SCALAR_IMPLEMENTATIONS[`${spec.algorithm}/accurate`], grid).outputs;
      const families = Object.keys(want.families).filter((f) => got.families[f] !== want.families[f]);
      throw new Error(`${spec.id}: digest ${got.digest} != ${want.digest}; families ${families.join(', ')}; first difference: ${firstDifference(grid, outputs, golden)}`);
    }
    expect(got.digest).toBe(want.digest);
  });

  it.each(paper.map((s) => [s.id, s] as const))('%s: within its declared bound of the oracle on the digest grid', (_id, spec) => {
    const { maxUlp, closest, unbounded, failures } = againstOracle(spec, grid, outputsOf(harness, spec, grid.map((g) => g.x)));
    console.log(
      `${spec.id}: max ${maxUlp.ulp.toFixed(3)} ULP (bound there ${maxUlp.bound}) at ${maxUlp.where}; ` +
        `closest to its bound ${closest.ulp.toFixed(3)} of ${closest.bound} ULP at ${closest.where}` +
        (unbounded ? `; ${unbounded} elements with max|x| >= 2^24 have no bound` : ''),
    );
    expect(failures.slice(0, 5), `${failures.length} elements outside the bound ${spec.bound.formula}`).toEqual([]);
  });

  it.each(NEON_KERNELS.map((s) => [s.id, s] as const))('%s: tail lengths 0..2*tile+1 at offsets 0..3: memory checks pass, results correct', (_id, spec) => {
    const rows = tailRows(spec);
    const outputs = outputsOf(harness, spec, rows.map((r) => r.x));
    if (spec.recipe === 'accurate') {
      const golden = rows.map(({ x }) => {
        const y = new Float32Array(x.length);
        SCALAR_IMPLEMENTATIONS[`${spec.algorithm}/accurate`](x, y);
        return y;
      });
      expect(firstDifference(rows, outputs, golden)).toBeNull();
    } else {
      expect(againstOracle(spec, rows, outputs).failures.slice(0, 5)).toEqual([]);
    }
  });

  it.each(NEON_KERNELS.map((s) => [s.id, s] as const))('%s: sampled rows of every contract family: golden bits (accurate) or within the bound (paper)', (_id, spec) => {
    const rows: GridRow[] = FAMILY_NAMES.flatMap((family) =>
      fc.sample(familyArbitrary(family, { tile: spec.tile, maxLongRow: 20_000 }), { numRuns: family === 'long-near-equal' ? 3 : 24, seed: 20261201 }),
    );
    const outputs = outputsOf(harness, spec, rows.map((r) => r.x));
    if (spec.recipe === 'accurate') {
      const golden = rows.map(({ x }) => {
        const y = new Float32Array(x.length);
        SCALAR_IMPLEMENTATIONS[`${spec.algorithm}/accurate`](x, y);
        return y;
      });
      expect(firstDifference(rows, outputs, golden)).toBeNull();
    } else {
      expect(againstOracle(spec, rows, outputs).failures.slice(0, 5)).toEqual([]);
    }
  });

  it("the harness's memory checks catch a kernel that writes one element past the end", () => {
    const rows = [new Float32Array(0), new Float32Array([1, 2, 3])];
    const r = runKernel(harness, 'canary-control', rows);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/row 0 \(n=0\): y canary at element 0 overwritten/);
    expect(r.stderr).toMatch(/row 1 \(n=3\): y canary at element 3 overwritten/);
    expect(r.stderr).toMatch(/row 1 \(n=3\): in-place canary at element 3 overwritten/);
  });

  it('bad arguments and malformed input exit 2 with a message naming them', () => {
    expect(runHarness(harness, ['two-pass/neon/fast', '/dev/null', '/dev/null'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown kernel .*: two-pass\/neon\/fast/) });
    expect(runHarness(harness, ['two-pass/neon/paper', '/nonexistent/x.bin', '/dev/null'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/\/nonexistent\/x\.bin/) });
    expect(runHarness(harness, ['two-pass/neon/paper', '/dev/null', '/dev/null', '--cols', '0'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--cols: expected a positive integer: 0/) });
    const dir = mkdtempSync(join(tmpdir(), 'neon-bad-'));
    const truncated = join(dir, 'truncated.bin');
    writeFileSync(truncated, new Uint8Array(new Uint32Array([5, 0, 0]).buffer)); // n = 5, then 2 floats
    const out = join(dir, 'y.bin');
    expect(runHarness(harness, ['two-pass/neon/paper', truncated, out])).toMatchObject({ status: 2, stderr: expect.stringMatching(/row shorter than its length/) });
    expect(existsSync(out), 'nothing is written on bad input').toBe(false);
    writeFileSync(truncated, new Uint8Array(10));
    expect(runHarness(harness, ['two-pass/neon/paper', truncated, out, '--cols', '2'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/not a multiple of 4 \* cols/) });
  });

  it('--cols reads and writes raw rows, with the same outputs as framed rows', () => {
    const spec = accurate[0];
    const rows = [Float32Array.from([1, 2, 3]), Float32Array.from([-1, 0.5, 88])];
    const dir = mkdtempSync(join(tmpdir(), 'neon-cols-'));
    const input = join(dir, 'x.f32');
    const output = join(dir, 'y.f32');
    writeFileSync(input, new Uint8Array(Float32Array.from([...rows[0], ...rows[1]]).buffer));
    expect(runHarness(harness, [spec.id, input, output, '--cols', '3']).status).toBe(0);
    const raw = new Float32Array(new Uint8Array(readFileSync(output)).buffer);
    const framed = outputsOf(harness, spec, rows);
    expect(firstDifference(rows.map((x) => ({ family: 'cols', x })), [raw.slice(0, 3), raw.slice(3, 6)], framed)).toBeNull();
    expect(raw.length).toBe(6);
  });
});
