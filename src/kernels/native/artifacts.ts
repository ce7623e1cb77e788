// Where the optional native artefacts are found at run time: a local node-gyp build first
// (a clone, or an install that compiled them), then the prebuilt binary the tarball ships for
// this platform. scripts/native-artifacts.mjs names the same places for the install-time
// scripts; test/src/kernels/native/artifacts.test.ts checks that both agree.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../package-root.js';

export const NATIVE_ADDON_FILE = 'softmax_native.node';
export const EXTERNAL_RUNNER_FILE = 'softmax_external_runner';
export const LOCAL_BUILD_DIR = 'build/Release';
export const PREBUILD_DIR = 'prebuilds';
/** Written by scripts/install-native.mjs when the install-time build failed: the reason. */
export const UNAVAILABLE_FILE = 'build/native-unavailable.txt';

/** Directories searched, relative to the package root, in order. */
export function nativeSearchDirs(platform: string = process.platform, arch: string = process.arch): string[] {
  return [LOCAL_BUILD_DIR, `${PREBUILD_DIR}/${platform}-${arch}`];
}

export type ArtifactLookup = { path: string; missing: null } | { path: null; missing: string };

/** The artefact's absolute path, or why it is missing (the recorded install failure when there is one). */
export function findNativeArtifact(file: string, root: string = packageRoot()): ArtifactLookup {
  const dirs = nativeSearchDirs();
  for (const dir of dirs) {
    const path = join(root, dir, file);
    if (existsSync(path)) return { path, missing: null };
  }
  const reasonFile = join(root, UNAVAILABLE_FILE);
  if (existsSync(reasonFile)) return { path: null, missing: readFileSync(reasonFile, 'utf8').trim() };
  return { path: null, missing: `${file} not found in ${dirs.join(' or ')} (no prebuild for ${process.platform}-${process.arch}; run npm run build:native, or npm rebuild softmax-verify, with a C compiler and make)` };
}
