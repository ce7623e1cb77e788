// The native kernel table is generated from the spec table: src/kernels/native/c/kernel_table.h
// must be what scripts/gen-kernel-tables.ts renders now, and the built addon must expose the
// spec table's native kernels in the spec table's order.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NATIVE_KERNEL_TABLE_PATH, renderNativeKernelTable } from '../../../../scripts/gen-kernel-tables.js';
import { NATIVE_KERNELS } from '../../../../src/spec/native-kernels.js';
import { addon, skipReason } from './native-fixtures.js';

describe('src/kernels/native/c/kernel_table.h', () => {
  it('is exactly what scripts/gen-kernel-tables.ts generates from the spec table (run npm run gen, then npm run build:native)', () => {
    expect(readFileSync(NATIVE_KERNEL_TABLE_PATH, 'utf8')).toBe(renderNativeKernelTable());
  });

  it("carries each ISA's shape from the spec table into the macros the templates use", () => {
    const header = readFileSync(NATIVE_KERNEL_TABLE_PATH, 'utf8');
    const macro = (name: string) => Number(new RegExp(`^#define ${name} (\\d+)$`, 'm').exec(header)?.[1]);
    for (const k of NATIVE_KERNELS) {
      const p = `SMX_${k.isa.toUpperCase()}_${k.recipe.toUpperCase()}`;
      expect([macro(`${p}_VECTOR`), macro(`${p}_UNROLL`), macro(`${p}_ACCUMULATORS`), macro(`${p}_TILE`)], k.id).toEqual([
        k.shape!.vector,
        k.shape!.unroll,
        k.shape!.accumulators,
        k.tile,
      ]);
    }
  });

  it('refuses a table whose kernels of one ISA and recipe have different shapes (one template serves them all)', () => {
    const [first, ...rest] = NATIVE_KERNELS;
    const odd = { ...first, shape: { ...first.shape!, unroll: first.shape!.unroll * 2 }, tile: first.tile * 2 };
    expect(() => renderNativeKernelTable([odd, ...rest])).toThrow(/different shapes/);
  });
});

describe.skipIf(addon === null)(`the built addon's kernel list ${skipReason ? `(skipped: ${skipReason})` : ''}`, () => {
  it("kernelIds are the spec table's native ids, in spec-table order (stale build: npm run build:native)", () => {
    expect([...addon!.kernelIds]).toEqual(NATIVE_KERNELS.map((k) => k.id));
  });
});
