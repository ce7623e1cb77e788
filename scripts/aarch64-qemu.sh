#!/usr/bin/env bash
# Validates ports on AArch64 without an AArch64 machine: cross-compiles them with Debian's
# gcc-aarch64-linux-gnu (static, so qemu-user needs no sysroot), and checks them under
# qemu-aarch64 through the process ABI (docs/process-abi.md, src/external/drivers/softmax_driver.h):
#   1. the example C port behind the driver: `check` must pass;
#   2. the NEON kernels, when their sources are here (scripts/neon-qemu.sh): accurate
#      digests must match digests/v3.json (the current recipe) and `check` must pass.
# Exits 77 (skipped) when the cross compiler or qemu-aarch64 is missing.
# AARCH64_OUT sets the build directory (default build/aarch64); extra arguments go to check.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for tool in aarch64-linux-gnu-gcc qemu-aarch64; do
  if ! command -v "$tool" >/dev/null; then
    echo "aarch64-qemu: $tool not found (Debian: apt-get install gcc-aarch64-linux-gnu qemu-user); skipped"
    exit 77
  fi
done
out="${AARCH64_OUT:-$root/build/aarch64}"
mkdir -p "$out"
cc=(aarch64-linux-gnu-gcc -O2 -static -Wall -Wextra -I src/external/drivers)
sv=(node "$root/bin/softmax-verify.js")
[ -f "$root/dist/src/cli/main.js" ] || sv=(node --import tsx "$root/src/cli/main.ts")
quick=(--runs "${AARCH64_RUNS:-8}" --max-long-row "${AARCH64_MAX_LONG_ROW:-100000}" --quiet --tolerances none --corpus "$out/corpus.jsonl")

echo "== aarch64: the example C port behind the process-ABI driver, under qemu-aarch64"
"${cc[@]}" -o "$out/softmax_exec" examples/exec-port/softmax_exec.c examples/c-port/softmax_port.c -lm
file "$out/softmax_exec" | grep -q 'ARM aarch64' || { echo "aarch64-qemu: $out/softmax_exec is not an AArch64 binary"; exit 1; }
"${sv[@]}" check --exec "qemu-aarch64 $out/softmax_exec" --name aarch64-example \
  --algorithm three-pass-recompute --bound 1 --policy nan --out "$out/example-report.json" "${quick[@]}" "$@"

if [ -x scripts/neon-qemu.sh ]; then
  echo "== aarch64: NEON kernels (scripts/neon-qemu.sh)"
  bash scripts/neon-qemu.sh "$out" "$@"
fi
