#!/usr/bin/env bash
# Cross-compiles the NEON kernels (src/kernels/native/c/kernels_neon.c, the shared recipe
# templates over simd_neon.h) and the standalone harness (test/src/kernels/neon/harness.c)
# into one static AArch64 program, build/neon/neon-harness, to run under qemu-aarch64 on an
# x86-64 machine (docs/porting.md, "Worked example: ARM NEON under qemu").
# -ffp-contract=off as in binding.gyp: the accurate recipe forbids fusing a multiply and an
# add; the paper recipe asks for FMA explicitly (vfmaq_f32). CC overrides the compiler.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cc="${CC:-aarch64-linux-gnu-gcc}"
src="$root/src/kernels/native/c"
out="$root/build/neon"
command -v "$cc" >/dev/null || { echo "build-neon.sh: $cc not found (apt-get install -y gcc-aarch64-linux-gnu libc6-dev-arm64-cross)" >&2; exit 77; }
mkdir -p "$out"

cflags=(-O3 -ffp-contract=off -fno-math-errno -march=armv8-a -Wall -Wextra -Werror -I"$src")
"$cc" "${cflags[@]}" -c "$src/kernels_neon.c" -o "$out/kernels_neon.o"
"$cc" "${cflags[@]}" -c "$src/special_rows.c" -o "$out/special_rows.o"
"$cc" "${cflags[@]}" -c "$root/test/src/kernels/neon/harness.c" -o "$out/harness.o"
"$cc" -static -o "$out/neon-harness" "$out/harness.o" "$out/kernels_neon.o" "$out/special_rows.o" -lm
echo "$out/neon-harness"
