#!/usr/bin/env bash
# Memory-safety smoke test: builds the addon a second time with AddressSanitizer into
# build-asan/ (same sources and per-file ISA flags as binding.gyp) and runs asan-smoke.mjs
# under it. Exits non-zero on any ASan report (ASan's exit code 86) or any JS error.
# NATIVE_SRC overrides the source directory (used once to check a deliberately broken copy
# is caught).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="${NATIVE_SRC:-$root/src/kernels/native/c}"
out="$root/build-asan"
node_include="$(dirname "$(dirname "$(command -v node)")")/include/node"
mkdir -p "$out"

cflags=(-O1 -g -fno-omit-frame-pointer -fsanitize=address -ffp-contract=off -fno-math-errno -fPIC -Wall -Wextra
  -I"$node_include" -DNODE_GYP_MODULE_NAME=softmax_native -DBUILDING_NODE_EXTENSION)
gcc "${cflags[@]}" -mavx2 -mfma -c "$src/kernels_avx2.c" -o "$out/kernels_avx2.o"
gcc "${cflags[@]}" -mavx2 -mfma -mavx512f -mavx512dq -mavx512vl -mavx512bw -c "$src/kernels_avx512.c" -o "$out/kernels_avx512.o"
# The addon's own sources come from binding.gyp, so this build cannot drift from the real one.
mapfile -t addon_sources < <(python3 -c '
import ast, re, sys
gyp = ast.literal_eval(re.sub(r"#.*", "", open(sys.argv[1]).read()))
for t in gyp["targets"]:
    if t["target_name"] == "softmax_native":
        print("\n".join(s.replace("src/kernels/native/c/", "", 1) for s in t["sources"]))
' "$root/binding.gyp")
gcc "${cflags[@]}" -shared -pthread -o "$out/softmax_native.node" \
  "${addon_sources[@]/#/$src/}" "$out/kernels_avx2.o" "$out/kernels_avx512.o"

# Node itself is not instrumented, so the runtime is preloaded; leaks of the Node process are not ours.
LD_PRELOAD="$(gcc -print-file-name=libasan.so)" ASAN_OPTIONS=detect_leaks=0:exitcode=86 \
  node "$root/scripts/asan-smoke.mjs" "$out/softmax_native.node"
