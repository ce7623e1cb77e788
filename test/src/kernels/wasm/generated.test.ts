// Generated and built artefacts must match their sources: src/kernels/wasm/assembly/constants.ts is
// regenerated from src/constants.ts, and the module is rebuilt to a temporary file and
// compared byte for byte with src/kernels/wasm/build/kernels.wasm (which `npm run build:wasm` makes).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WASM_CONSTANTS_PATH, renderWasmConstants } from '../../../../scripts/gen-wasm-constants.js';
import { WASM_RELATIVE_PATH } from '../../../../src/kernels/wasm/module.js';
import { SIMD_MISSING, WASM_UNAVAILABLE } from './fixtures.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('wasm-simd128 build artefacts', () => {
  it('src/kernels/wasm/assembly/constants.ts is what scripts/gen-wasm-constants.ts generates (run npm run gen:wasm-constants)', () => {
    expect(readFileSync(WASM_CONSTANTS_PATH, 'utf8')).toBe(renderWasmConstants());
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
