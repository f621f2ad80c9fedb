#!/usr/bin/env bash
# The sanitizer stage: builds with AddressSanitizer (LeakSanitizer included) and
# UndefinedBehaviorSanitizer in build-asan (-DHO_SANITIZE=ON, RelWithDebInfo,
# shared C++ runtime) and runs the tests there. Any finding fails the test that
# hit it.
#   scripts/sanitize.sh --unit         the unit executables (test_core,
#                                      test_encoding, test_templating, test_sprig,
#                                      test_chart) and the fuzz replays that need
#                                      no API server; what CI runs by default
#   scripts/sanitize.sh [CTEST_ARGS]   everything, the whole CTest suite (e.g. -R Yaml)
# Environment: HO_SANITIZE_BUILD (build dir), HO_SANITIZE_JOBS (default nproc).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${HO_SANITIZE_BUILD:-$root/build-asan}"
jobs="${HO_SANITIZE_JOBS:-$(nproc)}"
unit_tests=(test_core test_encoding test_templating test_sprig test_chart)
unit_replays=(replay_yaml_parse replay_json_value replay_template_parse replay_template_execute replay_strvals_set
              replay_repo_index replay_chart_archive replay_semver_constraint replay_from_toml)

# -static-libstdc++ (HO_STATIC_DEPS) does not mix with the sanitizer runtimes.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHO_SANITIZE=ON -DHO_STATIC_DEPS=OFF >/dev/null
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:check_initialization_order=1:strict_init_order=1:${ASAN_OPTIONS:-}"
# Leaks inside libgit2 that our code cannot free: scripts/lsan.supp says which and why.
export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
# ASan's redzones make frames several times larger: the tests that nest 10000
# levels deep (go-yaml's and text/template's own limits) need a larger stack.
ulimit -s 65536 || echo "sanitize: cannot raise the stack limit; deep-nesting tests may overflow"

if [[ "${1:-}" == "--unit" ]]; then
  cmake --build "$build" -j"$jobs" --target "${unit_tests[@]}" "${unit_replays[@]}"
  failed=()
  for test in "${unit_tests[@]}"; do
    # The upstream suites run the helm-operator binary, which only the full stage builds.
    filter=$([[ "$test" == test_templating ]] && echo "-Upstream*" || echo "*")
    echo "== $test"
    "$build/tests/$test" --gtest_filter="$filter" --gtest_brief=1 || failed+=("$test")
  done
  for replay in "${unit_replays[@]}"; do
    name="${replay#replay_}"
    "$build/fuzz/$replay" "$root/fuzz/seeds/$name" | tail -1 || failed+=("$replay")
  done
  ((${#failed[@]} == 0)) || { echo "sanitize: findings or failures in: ${failed[*]}"; exit 1; }
  exit 0
fi
cmake --build "$build" -j"$jobs"
cd "$build"
ctest --output-on-failure -j"$jobs" --timeout 1800 "$@"
