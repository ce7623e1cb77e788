#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, then the tarball installed into fresh projects
# outside the repository, three times:
#   with-compiler   compiled from source at install (SOFTMAX_VERIFY_BUILD_FROM_SOURCE=1), native kernels run
#   no-compiler     the same with no C compiler or make on PATH (building from source drops the
#                   prebuilds, as on a platform the tarball has none for): the install still
#                   succeeds, the native kernels are missing and `list` says why
#   prebuilt        no compiler, default install: the linux-x64 prebuild from the tarball is used
# In each: `npx softmax-verify list` and a short `check` (which may write only ./softmax-verify-out);
# in the first two, vitest files written in that project that run the contract on a correct JS
# kernel (must pass) and a broken one (must fail with a counterexample), and the same helper
# under node:test; in the last two, a user's C port through the prebuilt runner, or the clear
# error when there is no runner. Then an --omit=optional install, where only `report` asks
# for vega. Installs use --engine-strict: every dependency supports the Node versions
# of "engines". Fails on the first surprise. SMOKE_KEEP=1 keeps the temp directory.
set -euo pipefail
# Plain output, so the checks below can grep it.
export NO_COLOR=1 FORCE_COLOR=0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/softmax-verify-pack.XXXXXX")"
[[ "${SMOKE_KEEP:-}" == 1 ]] || trap 'rm -rf "$work"' EXIT
fail() { echo "pack-smoke: FAIL: $*" >&2; exit 1; }
# Outside the repository, so nothing resolves through it by accident.
case "$work/" in "$root"/*) fail "temp dir $work is inside the repository" ;; esac

logs="$work/logs"
mkdir -p "$logs"
echo "== npm pack"
(cd "$root" && SOFTMAX_VERIFY_REQUIRE_PREBUILD=1 npm pack --pack-destination "$work" >"$work/pack.log" 2>&1) || { cat "$work/pack.log"; fail "npm pack"; }
grep -E 'npm notice (package size|unpacked size|total files)' "$work/pack.log"
tgz="$(ls "$work"/softmax-verify-*.tgz)"
tar tzf "$tgz" >"$work/files.txt"
for f in package/dist/src/index.js package/dist/src/index.d.ts package/dist/src/cli/main.js package/bin/softmax-verify.js \
  package/src/kernels/wasm/build/kernels.wasm package/binding.gyp package/scripts/install-native.mjs \
  package/prebuilds/linux-x64/softmax_native.node package/prebuilds/linux-x64/softmax_external_runner \
  package/tolerances/v1.json package/digests/v3.json package/corpus/failures.jsonl; do
  grep -qx "$f" "$work/files.txt" || fail "tarball lacks $f"
done
if grep -E '(^package/test/|\.test\.(ts|js)$|^package/dist/test/)' "$work/files.txt"; then fail "tarball carries tests"; fi
echo "tarball: $(wc -l <"$work/files.txt") files, no tests"

# A PATH like a machine without build tools: every command of this one except C/C++
# compilers and make (python3 resolved past pyenv's shim, as node-gyp needs it).
nocc="$work/nocc-bin"
mkdir -p "$nocc"
compiler='^((cc|c\+\+|c89|c99|cpp|gcc|g\+\+|clang|clang\+\+|tcc|make|gmake)(-[0-9.]+)?|.*-(gcc|g\+\+|cc|c\+\+|cpp)(-[0-9.]+)?)$'
IFS=: read -ra dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [[ -d "$d" && "$d" != *pyenv* ]] || continue
  for f in "$d"/*; do
    t="$(basename "$f")"
    [[ -x "$f" && ! -e "$nocc/$t" ]] || continue
    [[ "$t" =~ $compiler ]] || ln -s "$f" "$nocc/$t"
  done
done
ln -sf "$(python3 -c 'import sys; print(sys.executable)')" "$nocc/python3"
if PATH="$nocc" bash -c 'command -v cc gcc g++ clang make' >/dev/null 2>&1; then fail "the no-compiler PATH still has a compiler"; fi
echo "no-compiler PATH: $(ls "$nocc" | wc -l) commands, none of cc gcc g++ clang make"

avx2_cpu=0
grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && avx2_cpu=1

write_tests() {
  cat >"$1/softmax.js" <<'EOF'
// A correct softmax (two-pass in binary64, rounded once) and the classic overflow bug.
export function softmax(x, y) {
  let max = -Infinity;
  for (const v of x) {
    if (Number.isNaN(v) || v === Infinity) return void y.fill(NaN);
    if (v > max) max = v;
  }
  if (max === -Infinity) return void y.fill(NaN);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.exp(x[i] - max);
  for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i] - max) / sum;
}
export function softmaxNoMax(x, y) {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.exp(x[i]);
  for (let i = 0; i < x.length; i++) y[i] = Math.exp(x[i]) / sum;
}
EOF
  cat >"$1/correct.test.js" <<'EOF'
import { test, expect } from 'vitest';
import { assertSoftmaxContract } from 'softmax-verify';
import { softmax } from './softmax.js';

test('my softmax meets the softmax contract', async () => {
  const report = await assertSoftmaxContract(softmax, { boundUlp: 2, policy: 'nan', runs: 10, maxLongRow: 4096 });
  expect(report.maxUlp).toBeLessThan(2);
});
EOF
  cat >"$1/contract.node-test.mjs" <<'EOF'
import { test } from 'node:test';
import { assertSoftmaxContract } from 'softmax-verify';
import { softmax } from './softmax.js';

test('my softmax meets the softmax contract (node:test)', async () => {
  await assertSoftmaxContract(softmax, { boundUlp: 2, policy: 'nan', runs: 10, maxLongRow: 4096 });
});
EOF
  cat >"$1/broken.test.js" <<'EOF'
import { test } from 'vitest';
import { assertSoftmaxContract } from 'softmax-verify';
import { softmaxNoMax } from './softmax.js';

test('the overflowing softmax meets the softmax contract', async () => {
  await assertSoftmaxContract(softmaxNoMax, { boundUlp: 2, policy: 'nan', runs: 10, maxLongRow: 4096 });
});
EOF
}

# project NAME PATH_FOR_NPM BUILD_FROM_SOURCE: the prebuilt project installs the package alone
# (no vitest), so its node_modules is the package's install size.
project() {
  local name="$1" path="$2" from_source="$3" dir="$work/$1" extra=(vitest@4.1.12)
  [[ "$name" != prebuilt ]] || extra=()
  mkdir -p "$dir"
  echo
  echo "== $name: npm install ${extra[*]:-} (PATH=${path%%:*}..., build from source: $from_source)"
  printf '{ "name": "smoke-%s", "private": true, "type": "module" }\n' "$name" >"$dir/package.json"
  (cd "$dir" && PATH="$path" SOFTMAX_VERIFY_BUILD_FROM_SOURCE="$from_source" npm install --no-audit --no-fund --engine-strict --foreground-scripts "$tgz" "${extra[@]}" >"$logs/$name-install.log" 2>&1) ||
    { tail -40 "$logs/$name-install.log"; fail "$name: npm install"; }
  grep -E '^softmax-verify:|native build failed|using the prebuilt|^added|EBADENGINE' "$logs/$name-install.log" || true
  echo "node_modules: $(du -sh "$dir/node_modules" | cut -f1) (softmax-verify itself: $(du -sh "$dir/node_modules/softmax-verify" | cut -f1))"
  local pkg="$dir/node_modules/softmax-verify"

  echo "-- $name: npx softmax-verify list"
  (cd "$dir" && PATH="$path" npx softmax-verify list) | tee "$logs/$name-list.txt"
  grep -q '^yes two-pass/scalar/accurate' "$logs/$name-list.txt" || fail "$name: scalar kernels unavailable"
  grep -q '^yes two-pass/wasm-simd128/accurate' "$logs/$name-list.txt" || fail "$name: wasm kernels unavailable"
  case "$name" in
    with-compiler)
      [[ -f "$pkg/build/Release/softmax_native.node" ]] || fail "$name: the addon was not compiled"
      [[ $avx2_cpu == 0 ]] || grep -q '^yes two-pass/avx2/accurate' "$logs/$name-list.txt" || fail "$name: avx2 kernels unavailable" ;;
    no-compiler)
      [[ ! -e "$pkg/build/Release/softmax_native.node" ]] || fail "$name: an addon was built without a compiler?"
      grep -q '^no  two-pass/avx2/accurate .*native build failed at install' "$logs/$name-list.txt" || fail "$name: list does not say why native kernels are missing" ;;
    prebuilt)
      [[ ! -e "$pkg/build/Release/softmax_native.node" ]] || fail "$name: compiled although a prebuild exists"
      [[ $avx2_cpu == 0 ]] || grep -q '^yes two-pass/avx2/accurate' "$logs/$name-list.txt" || fail "$name: the prebuilt addon did not load" ;;
  esac

  echo "-- $name: npx softmax-verify check --kernel '*/scalar/*' --runs 3 --max-long-row 2000 --quiet"
  local before after
  before="$(cd "$dir" && ls -A | sort)"
  (cd "$dir" && PATH="$path" npx softmax-verify check --kernel '*/scalar/*' --runs 3 --max-long-row 2000 --quiet) >"$logs/$name-check.txt" 2>&1 ||
    { cat "$logs/$name-check.txt"; fail "$name: check"; }
  tail -4 "$logs/$name-check.txt"
  after="$(cd "$dir" && ls -A | sort)"
  local added
  added="$(comm -13 <(echo "$before") <(echo "$after") | tr '\n' ' ')"
  echo "new in the project folder after check: $added"
  [[ "$added" == "softmax-verify-out " ]] || fail "$name: check wrote $added into the project folder (expected only softmax-verify-out/)"
  [[ -f "$dir/softmax-verify-out/report.json" ]] || fail "$name: no softmax-verify-out/report.json"

  # A user's C port (compiled with the machine's compiler, as a user would elsewhere) runs in
  # the external runner: the prebuilt one here, none in the no-compiler project (a clear error).
  if [[ "$name" != with-compiler ]]; then
    gcc -O2 -shared -fPIC -o "$dir/softmax_port.so" "$root/examples/c-port/softmax_port.c" -lm
    echo "-- $name: npx softmax-verify check --external ./softmax_port.so --algorithm three-pass-recompute --bound 1 --policy nan --runs 3 --max-long-row 2000 --quiet"
    local status=0
    (cd "$dir" && PATH="$path" npx softmax-verify check --external ./softmax_port.so --algorithm three-pass-recompute --bound 1 --policy nan --runs 3 --max-long-row 2000 --quiet) >"$logs/$name-port.txt" 2>&1 || status=$?
    tail -3 "$logs/$name-port.txt"
    if [[ "$name" == prebuilt ]]; then
      [[ $status == 0 ]] || fail "$name: the C port did not pass in the prebuilt runner (exit $status)"
    else
      [[ $status == 2 ]] && grep -q 'native ports run in softmax_external_runner, which is unavailable: native build failed at install' "$logs/$name-port.txt" ||
        fail "$name: a C port without a runner should be a usage error saying why (exit $status)"
    fi
  fi

  if [[ "$name" == prebuilt ]]; then return; fi
  write_tests "$dir"
  echo "-- $name: npx vitest run correct.test.js (must pass)"
  (cd "$dir" && PATH="$path" npx vitest run correct.test.js) >"$logs/$name-correct.txt" 2>&1 || { cat "$logs/$name-correct.txt"; fail "$name: the correct kernel failed"; }
  grep -E 'Tests ' "$logs/$name-correct.txt"
  echo "-- $name: npx vitest run broken.test.js (must fail with a counterexample)"
  if (cd "$dir" && PATH="$path" npx vitest run broken.test.js) >"$logs/$name-broken.txt" 2>&1; then cat "$logs/$name-broken.txt"; fail "$name: the broken kernel passed"; fi
  grep -q 'SoftmaxContractError: softmax contract fail for two-pass/external:js-function/paper' "$logs/$name-broken.txt" || { cat "$logs/$name-broken.txt"; fail "$name: no contract failure reported"; }
  grep -q 'counterexample (n = ' "$logs/$name-broken.txt" || fail "$name: no counterexample shown"
  grep -q 'replay: verifySoftmax(yourKernel' "$logs/$name-broken.txt" || fail "$name: no replay line shown"
  grep -m 4 -E 'SoftmaxContractError|counterexample|replay:|Tests ' "$logs/$name-broken.txt"
  echo "-- $name: node --test contract.node-test.mjs (the same helper under node:test)"
  (cd "$dir" && PATH="$path" node --test contract.node-test.mjs) >"$logs/$name-node-test.txt" 2>&1 || { cat "$logs/$name-node-test.txt"; fail "$name: node:test run failed"; }
  grep -E '^# (pass|fail)' "$logs/$name-node-test.txt"
}

project with-compiler "$PATH" 1
project no-compiler "$nocc" 1
project prebuilt "$nocc" 0

# Without the optional report dependencies: everything but `report --html` works, and that says what to install.
echo
echo "== lean: npm install --omit=optional"
lean="$work/lean"
mkdir -p "$lean"
echo '{ "name": "smoke-lean", "private": true, "type": "module" }' >"$lean/package.json"
(cd "$lean" && npm install --no-audit --no-fund --omit=optional "$tgz" >"$logs/lean-install.log" 2>&1) || { tail -40 "$logs/lean-install.log"; fail "lean: npm install"; }
[[ ! -e "$lean/node_modules/vega" ]] || fail "lean: vega installed although optional dependencies were omitted"
echo "node_modules: $(du -sh "$lean/node_modules" | cut -f1)"
cp "$work/prebuilt/softmax-verify-out/report.json" "$lean/report.json"
if (cd "$lean" && npx softmax-verify report --in report.json) >"$logs/lean-report.txt" 2>&1; then fail "lean: report worked without vega"; fi
cat "$logs/lean-report.txt"
grep -q 'needs the optional dependencies vega and vega-lite' "$logs/lean-report.txt" || fail "lean: report --html does not say what is missing"
echo
echo "pack-smoke: ok"
