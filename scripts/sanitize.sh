#!/usr/bin/env bash
# The sanitizer stage: builds with AddressSanitizer (LeakSanitizer included) and
# UndefinedBehaviorSanitizer in build-asan (-DHO_SANITIZE=ON: -O1 with line
# tables only, shared C++ runtime) and runs the tests there. Any finding fails
# the test that hit it, and so this script.
#   scripts/sanitize.sh --unit         every GoogleTest executable without the
#                                      *E2E* suites (those drive kubectl, helm
#                                      and operator processes against a live
#                                      in-process cluster), and every fuzz
#                                      replay; what CI runs by default
#   scripts/sanitize.sh [CTEST_ARGS]   everything, the whole CTest suite (e.g. -R Yaml)
# Environment: HO_SANITIZE_BUILD (build dir), HO_SANITIZE_JOBS (default nproc).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${HO_SANITIZE_BUILD:-$root/build-asan}"
jobs="${HO_SANITIZE_JOBS:-$(nproc)}"
unit_tests=(test_core test_encoding test_templating test_sprig test_chart test_kube test_controller test_cli)
unit_replays=()
for target in "$root"/fuzz/targets/*.cpp; do
  name="$(basename "$target" .cpp)"
  unit_replays+=("replay_$name")
done

# -static-libstdc++ (HO_STATIC_DEPS) does not mix with the sanitizer runtimes.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHO_SANITIZE=ON -DHO_STATIC_DEPS=OFF >/dev/null
# Tests run helm-operator as a child process and keep only its stdout or exit
# status, so ASan and LeakSanitizer write every report, a child's included, to
# a file under $reports, and this script fails when one exists. UBSan (GCC's
# libubsan ignores log_path) reports on stderr and ends the process with exit
# status 66, which no test expects of the binary.
reports="$build/sanitizer-reports"
rm -rf "$reports" && mkdir -p "$reports"
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:check_initialization_order=1:strict_init_order=1:log_path=$reports/asan:exitcode=66:${ASAN_OPTIONS:-}"
# Leaks inside libgit2 that our code cannot free: scripts/lsan.supp says which and why.
export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=66:${UBSAN_OPTIONS:-}"
# ASan's redzones make frames several times larger: the tests that nest 10000
# levels deep (go-yaml's and text/template's own limits) need a larger stack.
ulimit -s 65536 || echo "sanitize: cannot raise the stack limit; deep-nesting tests may overflow"

# Every GoogleTest executable once, without the *E2E* suites, then every fuzz replay.
run_unit_tests() {
  local failed=() test replay
  for test in "${unit_tests[@]}"; do
    echo "== $test"
    "$build/tests/$test" --gtest_filter="-*E2E*" --gtest_brief=1 || failed+=("$test")
  done
  for replay in "${unit_replays[@]}"; do
    "$build/fuzz/$replay" "$root/fuzz/seeds/${replay#replay_}" | tail -1 || failed+=("$replay")
  done
  ((${#failed[@]} == 0)) || { echo "sanitize: findings or failures in: ${failed[*]}"; return 1; }
}

started=$SECONDS
if [[ "${1:-}" == "--unit" ]]; then
  # helm-operator too: test_cli and the Upstream* suites of test_templating run it.
  cmake --build "$build" -j"$jobs" --target helm-operator "${unit_tests[@]}" "${unit_replays[@]}"
else
  cmake --build "$build" -j"$jobs"
fi
echo "sanitize: build took $(((SECONDS - started) / 60)) min"
started=$SECONDS
status=0
if [[ "${1:-}" == "--unit" ]]; then
  run_unit_tests || status=$?
else
  (cd "$build" && ctest --output-on-failure -j"$jobs" --timeout 1800 "$@") || status=$?
fi
echo "sanitize: tests took $(((SECONDS - started) / 60)) min"
if compgen -G "$reports/*" >/dev/null; then
  cat "$reports"/*
  echo "sanitize: findings reported in $reports (above)"
  exit 1
fi
exit "$status"
