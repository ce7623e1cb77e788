// Where the optional native artefacts live, for the install-time scripts (install-native.mjs,
// prebuild.mjs). The run-time loader reads the same places from src/kernels/native/artifacts.ts;
// test/src/kernels/native/artifacts.test.ts checks that both say the same.
import { join } from 'node:path';

/** The addon and the runner of users' native ports, as node-gyp names them. */
export const NATIVE_FILES = ['softmax_native.node', 'softmax_external_runner'];
/** node-gyp's output directory (a local build). */
export const LOCAL_BUILD_DIR = 'build/Release';
/** Prebuilt binaries shipped in the tarball, one directory per `${platform}-${arch}`. */
export const PREBUILD_DIR = 'prebuilds';
/** Why the install-time build failed, for `softmax-verify list`; absent when it did not. */
export const UNAVAILABLE_FILE = 'build/native-unavailable.txt';

export function prebuildDir(root, platform = process.platform, arch = process.arch) {
  return join(root, PREBUILD_DIR, `${platform}-${arch}`);
}
