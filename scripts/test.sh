#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: Debian packages and the
# reference binaries (scripts/setup.sh), a Release build, then every GoogleTest
# suite, the end-to-end checks, the fuzz regression replays and the conformance
# ratchet through CTest. Then, on request, the sanitizer stage
# (scripts/sanitize.sh, ASan and UBSan):
#   HO_CI_SANITIZE=unit   the unit executables and the fuzz replays (an
#                         estimated 25 more minutes on 2 cores, cold: over the
#                         15 that keep CI's main job near 30, so not the default)
#   HO_CI_SANITIZE=1      the whole suite (an estimated 50 to 70 more minutes)
#   HO_CI_SANITIZE=0      none (the default); see docs/development.md
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
bash scripts/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)" --timeout 900)
echo "test: first stage took $((SECONDS / 60)) min"

case "${HO_CI_SANITIZE:-0}" in
  unit) bash scripts/sanitize.sh --unit ;;
  1) bash scripts/sanitize.sh ;;
  *) echo "test: sanitizer stage skipped (HO_CI_SANITIZE=unit or =1 runs it)" ;;
esac
echo "test: done in $((SECONDS / 60)) min"
