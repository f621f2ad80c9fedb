#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: Debian packages and the
# reference binaries (scripts/setup.sh), a Release build, then every GoogleTest
# suite, the end-to-end checks and the conformance ratchet through CTest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
bash scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 900
