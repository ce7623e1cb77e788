// The dispatch policy at every cap level on this machine, by per-call cap and by the
// SOFTMAX_MAX_ISA environment variable; the accurate results agree bit for bit at every level.

import { afterEach, describe, expect, it } from 'vitest';
import { dispatchKernel, selectIsa } from '../../../../src/kernels/native/index.js';
import { listKernels } from '../../../../src/registry.js';
import { DISPATCH_LEVELS } from '../../../../src/spec/kernel-id.js';
import { digestGrid } from '../../../../properties/digests/golden-digest.js';
import { CASES, addon, firstDifference, skipReason } from './native-fixtures.js';

const ENV = 'SOFTMAX_MAX_ISA';
const saved = process.env[ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[ENV];
  else process.env[ENV] = saved;
});

describe.skipIf(!addon)(`native dispatch${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const f = addon!.cpuFeatures();
  const hasAvx2 = f.avx2 && f.fma && f.osYmm;
  const hasAvx512 = hasAvx2 && f.avx512f && f.avx512dq && f.avx512bw && f.avx512vl && f.osZmm;
  const expected = (cap: (typeof DISPATCH_LEVELS)[number]) =>
    cap === 'avx512' && hasAvx512 ? 'avx512' : (cap === 'avx512' || cap === 'avx2') && hasAvx2 ? 'avx2' : 'scalar';

  it.each(DISPATCH_LEVELS)('per-call cap %s picks the highest supported ISA at or below it', (cap) => {
    delete process.env[ENV];
    expect(selectIsa(cap)).toBe(expected(cap));
  });

  it.each(DISPATCH_LEVELS)('SOFTMAX_MAX_ISA=%s caps the policy and the backends', (cap) => {
    process.env[ENV] = cap;
    expect(selectIsa()).toBe(expected(cap));
    expect(selectIsa('avx512')).toBe(expected(cap));
    if (hasAvx512) {
      expect(addon!.isaUnavailableReason('avx512')).toBe(cap === 'avx512' ? null : `capped by ${ENV}=${cap}`);
    }
  });

  it('an unrecognized SOFTMAX_MAX_ISA caps at scalar and says why', () => {
    process.env[ENV] = 'avx1024';
    expect(selectIsa()).toBe('scalar');
    expect(addon!.isaUnavailableReason('avx2')).toMatch(/SOFTMAX_MAX_ISA=avx1024 is not one of/);
  });

  it('the hardware reason comes first', () => {
    delete process.env[ENV];
    expect(addon!.isaUnavailableReason('avx512')).toBe(hasAvx512 ? null : expect.stringMatching(/lacks|OS does not/));
  });

  it.each(['three-pass-recompute', 'three-pass-reload', 'two-pass', 'online'] as const)(
    '%s/accurate: the same bits at every cap level',
    (algorithm) => {
      delete process.env[ENV];
      const grid = digestGrid().filter((r) => r.x.length <= 4099);
      const byCap = DISPATCH_LEVELS.map((cap) => {
        const d = dispatchKernel(algorithm, 'accurate', cap);
        expect(d.isa).toBe(expected(cap));
        expect(d.id).toBe(`${algorithm}/${d.isa}/accurate`);
        return grid.map(({ x }) => {
          const y = new Float32Array(x.length);
          d.row(x, y);
          return y;
        });
      });
      for (let c = 1; c < byCap.length; c++) {
        grid.forEach((r, i) => expect(firstDifference(byCap[c][i], byCap[0][i]), `cap ${DISPATCH_LEVELS[c]} vs scalar, ${r.family} n=${r.x.length}`).toBe(-1));
      }
    },
  );

  it('the registry lists every native kernel, available when the hardware allows it', () => {
    delete process.env[ENV];
    const entries = new Map(listKernels().map((e) => [e.spec.id, e]));
    for (const c of CASES) {
      const e = entries.get(c.spec.id);
      expect(e, `${c.spec.id} is in the registry`).toBeDefined();
      expect(e!.available, `${c.spec.id}: ${e!.reason}`).toBe(c.cannotRun === null);
    }
  });

  it('the spec table and the addon list the same kernels', () => {
    expect(new Set(CASES.map((c) => c.spec.id))).toEqual(new Set(addon!.kernelIds));
  });
});
