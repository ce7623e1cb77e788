// The package's `install` script: the native addon (AVX2/AVX-512 kernels) and the runner of
// users' native ports are optional. A prebuilt binary for this platform is used when the
// tarball has one; otherwise node-gyp compiles them. When that fails (no C compiler or make,
// no Python, an unsupported platform) the install still succeeds: the reason is recorded in
// build/native-unavailable.txt, `softmax-verify list` shows it, and the scalar and wasm
// kernels, the oracle and the whole contract keep working.
// In a git checkout the addon is always compiled (a prebuild there could be stale), and
// SOFTMAX_VERIFY_BUILD_FROM_SOURCE=1 (or npm's npm_config_build_from_source=true) forces it too:
// then the shipped prebuilds are removed, so only what compiled here can load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIVE_FILES, PREBUILD_DIR, UNAVAILABLE_FILE, prebuildDir } from './native-artifacts.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const reasonFile = join(root, UNAVAILABLE_FILE);
rmSync(reasonFile, { force: true });

const gitCheckout = existsSync(join(root, '.git'));
const forced = process.env.SOFTMAX_VERIFY_BUILD_FROM_SOURCE === '1' || process.env.npm_config_build_from_source === 'true';
if (forced && !gitCheckout) rmSync(join(root, PREBUILD_DIR), { recursive: true, force: true });
const fromSource = forced || gitCheckout;
const prebuilt = prebuildDir(root);
if (!fromSource && NATIVE_FILES.every((f) => existsSync(join(prebuilt, f)))) {
  console.log(`softmax-verify: using the prebuilt native addon in ${prebuilt}`);
  process.exit(0);
}

// npm puts its own node-gyp on PATH for install scripts; a shell finds it as it would for npm.
const build = spawnSync('node-gyp rebuild', { cwd: root, shell: true, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
process.stderr.write(build.stderr ?? '');
if (build.status === 0) process.exit(0);

/** The line that names the cause, e.g. "gyp ERR! stack Error: not found: make". */
function cause(stderr) {
  const lines = (stderr ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return (
    lines.find((l) => /not found:|command not found|No such file/.test(l)) ??
    lines.find((l) => /error:/i.test(l)) ??
    lines.find((l) => /ERR!/.test(l)) ??
    (build.error ? build.error.message : `node-gyp exited with status ${build.status}`)
  );
}
const reason = `native build failed at install (${cause(build.stderr)}); install a C compiler and make, then run npm rebuild softmax-verify`;
mkdirSync(dirname(reasonFile), { recursive: true });
writeFileSync(reasonFile, `${reason}\n`);
console.warn(`softmax-verify: ${reason}. The scalar and wasm kernels work without it.`);
