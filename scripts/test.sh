#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: Debian packages and the
# reference binaries (scripts/setup.sh), a Release build, then every GoogleTest
# suite, the end-to-end checks, the fuzz regression replays and the conformance
# ratchet through CTest. Then the same suite under ASan and UBSan
# (scripts/sanitize.sh) when HO_CI_SANITIZE=1, or with HO_CI_SANITIZE=auto
# when the first stage finished within HO_CI_SANITIZE_BUDGET minutes (default
# 15: CI allows 90 minutes on 2 cores, a cold first stage takes about 17 and a
# cold sanitizer stage an estimated 50 to 70). The default is 0 until the
# whole suite has been run clean under the sanitizers once (issue #10).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
bash scripts/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)" --timeout 900)

elapsed_minutes=$((SECONDS / 60))
case "${HO_CI_SANITIZE:-0}" in
  1) run_sanitizers=1 ;;
  auto) run_sanitizers=$((elapsed_minutes < ${HO_CI_SANITIZE_BUDGET:-15})) ;;
  *) run_sanitizers=0 ;;
esac
if ((run_sanitizers)); then
  echo "test: first stage took ${elapsed_minutes} min; running the sanitizer stage"
  bash scripts/sanitize.sh
else
  echo "test: first stage took ${elapsed_minutes} min; sanitizer stage skipped (HO_CI_SANITIZE=1 or =auto runs it)"
fi
