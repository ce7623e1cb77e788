// Generated and built artefacts must match their sources: src/kernels/wasm/assembly/constants.ts is
// regenerated from src/constants.ts, assembly/kernel_table.ts and assembly/index.ts from the spec
// table, and the module is rebuilt to a temporary file and compared byte for byte with
// src/kernels/wasm/build/kernels.wasm (which `npm run build:wasm` makes).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WASM_CONSTANTS_PATH, renderWasmConstants } from '../../../../scripts/gen-wasm-constants.js';
import { WASM_ENTRY_PATH, WASM_KERNEL_TABLE_PATH, renderWasmEntry, renderWasmKernelTable } from '../../../../scripts/gen-kernel-tables.js';
import { exportName, missingExports, rowsExportName } from '../../../../src/kernels/wasm/index.js';
import { WASM_RELATIVE_PATH, kernelsInstance } from '../../../../src/kernels/wasm/module.js';
import { WASM_KERNELS } from '../../../../src/spec/wasm-kernels.js';
import { SIMD_MISSING, WASM_UNAVAILABLE } from './fixtures.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('wasm-simd128 build artefacts', () => {
  it('src/kernels/wasm/assembly/constants.ts is what scripts/gen-wasm-constants.ts generates (run npm run gen)', () => {
    expect(readFileSync(WASM_CONSTANTS_PATH, 'utf8')).toBe(renderWasmConstants());
  });

  it('src/kernels/wasm/assembly/kernel_table.ts is what scripts/gen-kernel-tables.ts generates from the spec table (run npm run gen)', () => {
    expect(readFileSync(WASM_KERNEL_TABLE_PATH, 'utf8')).toBe(renderWasmKernelTable());
  });

  it('src/kernels/wasm/assembly/index.ts (the export list) is what scripts/gen-kernel-tables.ts generates from the spec table (run npm run gen)', () => {
    expect(readFileSync(WASM_ENTRY_PATH, 'utf8')).toBe(renderWasmEntry());
  });

  it.skipIf(kernelsInstance === null)(
    `the built module exports a row and a batched entry for every wasm kernel of the spec table, and nothing else ${kernelsInstance ? '' : `(skipped: ${WASM_UNAVAILABLE})`}`,
    () => {
      const functions = Object.keys(kernelsInstance!.exports).filter((name) => typeof kernelsInstance!.exports[name] === 'function');
      const expected = [...WASM_KERNELS.flatMap((k) => [exportName(k), rowsExportName(k)]), 'dataStart'];
      expect(functions.sort()).toEqual(expected.sort());
      expect(missingExports(kernelsInstance!)).toEqual([]);
    },
  );

  it('a module without some kernel of the spec table is reported as missing exactly those exports', () => {
    const [dropped, ...kept] = WASM_KERNELS;
    const exports = Object.fromEntries(kept.flatMap((k) => [exportName(k), rowsExportName(k)]).map((name) => [name, () => {}]));
    expect(missingExports({ exports })).toEqual([exportName(dropped), rowsExportName(dropped)]);
  });

  it.skipIf(SIMD_MISSING)(`the backend is available (${WASM_UNAVAILABLE ?? 'ok'})`, () => {
    expect(WASM_UNAVAILABLE).toBeNull();
  });

  it(`${WASM_RELATIVE_PATH} is up to date with src/kernels/wasm/assembly (run npm run build:wasm)`, () => {
    const built = join(root, WASM_RELATIVE_PATH);
    expect(existsSync(built), `${WASM_RELATIVE_PATH} missing: run npm run build:wasm`).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'softmax-wasm-'));
    try {
      const asc = createRequire(import.meta.url).resolve('assemblyscript/bin/asc.js');
      const fresh = join(dir, 'kernels.wasm');
      execFileSync(process.execPath, [asc, '--config', 'src/kernels/wasm/asconfig.json', '--target', 'release', '--outFile', fresh], { cwd: root, stdio: 'pipe' });
      expect(Buffer.compare(readFileSync(fresh), readFileSync(built)), 'stale build: run npm run build:wasm').toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
