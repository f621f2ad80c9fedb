#!/usr/bin/env bash
# The sanitizer stage: builds everything with AddressSanitizer (LeakSanitizer
# included) and UndefinedBehaviorSanitizer in build-asan (-DHO_SANITIZE=ON,
# RelWithDebInfo, shared C++ runtime) and runs the whole CTest suite there,
# fuzz regression replays included. Any finding fails the test that hit it.
# Usage: scripts/sanitize.sh [ctest arguments, e.g. -R test_encoding]
# Environment: HO_SANITIZE_BUILD (build dir), HO_SANITIZE_JOBS (default nproc).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${HO_SANITIZE_BUILD:-$root/build-asan}"
jobs="${HO_SANITIZE_JOBS:-$(nproc)}"
# -static-libstdc++ (HO_STATIC_DEPS) does not mix with the sanitizer runtimes.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHO_SANITIZE=ON -DHO_STATIC_DEPS=OFF >/dev/null
cmake --build "$build" -j"$jobs"

export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:check_initialization_order=1:strict_init_order=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
# ASan's redzones make frames several times larger: the tests that nest 10000
# levels deep (go-yaml's and text/template's own limits) need a larger stack.
ulimit -s 65536 || echo "sanitize: cannot raise the stack limit; deep-nesting tests may overflow"
cd "$build"
ctest --output-on-failure -j"$jobs" --timeout 1800 "$@"
