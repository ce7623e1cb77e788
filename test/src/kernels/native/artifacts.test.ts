// Where the optional native artefacts are looked for: the install-time scripts and the
// run-time loader must name the same places, and the loader must report why an artefact is
// missing (the recorded install failure) instead of failing.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as scripts from '../../../../scripts/native-artifacts.mjs';
import {
  EXTERNAL_RUNNER_FILE,
  LOCAL_BUILD_DIR,
  NATIVE_ADDON_FILE,
  PREBUILD_DIR,
  UNAVAILABLE_FILE,
  findNativeArtifact,
  nativeSearchDirs,
} from '../../../../src/kernels/native/artifacts.js';

describe('native artefact locations', () => {
  it('are the same for scripts/native-artifacts.mjs and src/kernels/native/artifacts.ts', () => {
    expect(scripts.NATIVE_FILES).toEqual([NATIVE_ADDON_FILE, EXTERNAL_RUNNER_FILE]);
    expect(scripts.LOCAL_BUILD_DIR).toBe(LOCAL_BUILD_DIR);
    expect(scripts.PREBUILD_DIR).toBe(PREBUILD_DIR);
    expect(scripts.UNAVAILABLE_FILE).toBe(UNAVAILABLE_FILE);
    expect(scripts.prebuildDir('/r', 'linux', 'arm64')).toBe(join('/r', nativeSearchDirs('linux', 'arm64')[1]!));
  });
});

describe('findNativeArtifact', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const put = (dir: string, file: string) => {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, file), '');
  };

  it('prefers a local build to the prebuild for this platform', () => {
    root = mkdtempSync(join(tmpdir(), 'artifacts-'));
    const prebuilt = nativeSearchDirs()[1]!;
    put(prebuilt, NATIVE_ADDON_FILE);
    expect(findNativeArtifact(NATIVE_ADDON_FILE, root).path).toBe(join(root, prebuilt, NATIVE_ADDON_FILE));
    put(LOCAL_BUILD_DIR, NATIVE_ADDON_FILE);
    expect(findNativeArtifact(NATIVE_ADDON_FILE, root).path).toBe(join(root, LOCAL_BUILD_DIR, NATIVE_ADDON_FILE));
  });

  it('ignores a prebuild for another platform and says what to run', () => {
    root = mkdtempSync(join(tmpdir(), 'artifacts-'));
    put(`${PREBUILD_DIR}/otheros-otherarch`, NATIVE_ADDON_FILE);
    const found = findNativeArtifact(NATIVE_ADDON_FILE, root);
    expect(found.path).toBeNull();
    expect(found.missing).toContain(`no prebuild for ${process.platform}-${process.arch}`);
    expect(found.missing).toContain('npm rebuild softmax-verify');
  });

  it('reports the reason the install-time build recorded', () => {
    root = mkdtempSync(join(tmpdir(), 'artifacts-'));
    mkdirSync(join(root, 'build'), { recursive: true });
    writeFileSync(join(root, UNAVAILABLE_FILE), 'native build failed at install (gyp ERR! stack Error: not found: make)\n');
    expect(findNativeArtifact(EXTERNAL_RUNNER_FILE, root)).toEqual({ path: null, missing: 'native build failed at install (gyp ERR! stack Error: not found: make)' });
  });
});
