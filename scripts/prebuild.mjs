// Run by `npm pack` (prepack): compiles the native addon and the runner of users' native ports
// and copies them to prebuilds/<platform>-<arch>/, so installing the tarball on the same
// platform needs no C compiler. Without a compiler the tarball simply has no prebuild (the
// install then compiles or falls back), unless SOFTMAX_VERIFY_REQUIRE_PREBUILD=1 (CI) makes
// that an error.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_BUILD_DIR, NATIVE_FILES, PREBUILD_DIR, prebuildDir } from './native-artifacts.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
rmSync(join(root, PREBUILD_DIR), { recursive: true, force: true });
const build = spawnSync('node-gyp rebuild', { cwd: root, shell: true, stdio: 'inherit' });
if (build.status !== 0) {
  const message = `prebuild: node-gyp rebuild failed (status ${build.status}); the tarball has no prebuilt native addon`;
  if (process.env.SOFTMAX_VERIFY_REQUIRE_PREBUILD === '1') {
    console.error(message);
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}
const out = prebuildDir(root);
mkdirSync(out, { recursive: true });
for (const f of NATIVE_FILES) copyFileSync(join(root, LOCAL_BUILD_DIR, f), join(out, f));
console.log(`prebuild: ${NATIVE_FILES.join(', ')} -> ${out}`);
