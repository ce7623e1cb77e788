#!/usr/bin/env bash
# The NEON kernels through the process ABI under qemu-aarch64: cross-compiles
# src/kernels/native/c/kernels_neon.c (NEON_SRC overrides the folder) with the C driver
# (scripts/neon-driver.c), then for every kernel: accurate ones must match digests/v3.json
# (`digest`) and pass `check` with the bound of their scalar golden model; paper ones pass
# `check` with the bound the spec table declares for them (--bound-like A/neon/paper).
# Skips, saying why, when the NEON sources are not here. Usage: neon-qemu.sh OUT [check args]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-$root/build/aarch64}"; shift || true
src="${NEON_SRC:-$root/src/kernels/native/c}"
if [ ! -f "$src/kernels_neon.c" ]; then
  echo "neon-qemu: no $src/kernels_neon.c (the NEON kernels are not on this branch yet); skipped"
  exit 0
fi
mkdir -p "$out"
aarch64-linux-gnu-gcc -O3 -static -ffp-contract=off -fno-math-errno -march=armv8-a -Wall -Wextra \
  -I src/external/drivers -I "$src" -o "$out/neon-driver" scripts/neon-driver.c "$src/kernels_neon.c" "$src/special_rows.c" -lm
sv=(node "$root/bin/softmax-verify.js")
[ -f "$root/dist/src/cli/main.js" ] || sv=(node --import tsx "$root/src/cli/main.ts")
quick=(--runs "${AARCH64_RUNS:-8}" --max-long-row "${AARCH64_MAX_LONG_ROW:-100000}" --quiet --tolerances none --corpus "$out/corpus.jsonl")
# The spec table's special-value policy of a kernel: "MASKED SUBNORMALS" (e.g. "nan flushed"), or nothing.
policy_of() { node --input-type=module -e "import { KERNELS } from '$root/dist/src/spec/kernels.js'; const k = KERNELS.find((s) => s.id === process.argv[1]); console.log(k ? k.policy.masked + ' ' + k.policy.subnormals : '');" "$1"; }
status=0
for id in $(qemu-aarch64 "$out/neon-driver" --list); do
  algorithm="${id%%/*}"; recipe="${id##*/}"
  exec_cmd="qemu-aarch64 $out/neon-driver $id"
  name="${algorithm}-neon"
  if [ "$recipe" = accurate ]; then
    like="$algorithm/scalar/accurate"
    "${sv[@]}" digest --exec "$exec_cmd" --name "$name" --recipe accurate --algorithm "$algorithm" || status=1
  else
    like="$id"
  fi
  # The NEON kernel's own declared policy (its spec row): paper kernels flush subnormal outputs.
  read -r policy subnormals <<<"$(policy_of "$id")"
  if [ -z "$policy" ]; then echo "neon-qemu: $id is not in this spec table; not checked"; status=1; continue; fi
  "${sv[@]}" check --exec "$exec_cmd" --name "$name" --recipe "$recipe" --algorithm "$algorithm" \
    --bound-like "$like" --policy "$policy" --subnormals "$subnormals" --out "$out/$name-$recipe.json" "${quick[@]}" "$@" || status=1
done
exit $status
