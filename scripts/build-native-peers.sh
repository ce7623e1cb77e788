#!/usr/bin/env bash
# Builds bench/peers/native/build/smx-native-peers: XNNPACK's and oneDNN's softmax timed by our
# native timing loop (bench/peers/native/peers.c). On demand only (npm run bench:peers:native),
# never by npm ci or npm test. Installs the Debian packages when their headers are missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
packages=(libxnnpack-dev libpthreadpool-dev libdnnl-dev)
if [[ ! -f /usr/include/xnnpack.h || ! -f /usr/include/pthreadpool.h || ! -f /usr/include/oneapi/dnnl/dnnl.h ]]; then
  echo "installing ${packages[*]} (apt-get)" >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y "${packages[@]}"; else sudo apt-get install -y "${packages[@]}"; fi
fi
out="$root/bench/peers/native/build"
mkdir -p "$out"
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -I "$root/src/kernels/native/c" \
  "$root/bench/peers/native/peers.c" "$root/src/kernels/native/c/bench.c" \
  -o "$out/smx-native-peers" -lXNNPACK -lpthreadpool -ldnnl -lpthread -lm
echo "built $out/smx-native-peers" >&2
