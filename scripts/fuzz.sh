#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, -DHO_FUZZ=ON, in build-fuzz), seeds their
# corpora (scripts/fuzz-corpus.sh, once) and runs each for a bounded time at low
# priority. A crash, leak or timeout input is copied to fuzz/regressions/<target>/,
# which the normal build replays as the CTest fuzz_replay_<target>.
# Usage: scripts/fuzz.sh [-t SECONDS_PER_TARGET] [TARGET...]   (default 60 s, all targets)
# Environment: HO_FUZZ_BUILD (build dir), HO_FUZZ_JOBS (build -j, default 2).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${HO_FUZZ_BUILD:-$root/build-fuzz}"
seconds=60
if [[ "${1:-}" == "-t" ]]; then seconds="$2"; shift 2; fi
targets=("$@")
if ((${#targets[@]} == 0)); then
  for source in "$root"/fuzz/targets/*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" -DCMAKE_CXX_COMPILER=clang++ \
  -DHO_FUZZ=ON -DHO_STATIC_DEPS=OFF -DHO_BUILD_TESTS=OFF >/dev/null
nice -n 10 cmake --build "$build" -j"${HO_FUZZ_JOBS:-2}" --target "${targets[@]/#/fuzz_}"
[[ -d "$build/corpus" ]] || bash "$root/scripts/fuzz-corpus.sh" "$build"

export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
status=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target" artifacts="$build/artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  inputs=("$corpus")  # new inputs go to the first directory; the kept ones are read only
  for kept in "$root/fuzz/seeds/$target" "$root/fuzz/regressions/$target"; do [[ -d "$kept" ]] && inputs+=("$kept"); done
  echo "== $target: ${seconds}s"
  nice -n 10 "$build/fuzz/fuzz_$target" "${inputs[@]}" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$artifacts" 2>&1 | tee "$build/artifacts/$target.log" |
    grep -E "^(==|SUMMARY|stat::number_of_executed_units|stat::average_exec_per_sec|Done|INFO: .*(crash|timeout|oom))" || true
  for found in "$artifacts"*; do
    [[ -f "$found" ]] || continue
    mkdir -p "$root/fuzz/regressions/$target"
    mv "$found" "$root/fuzz/regressions/$target/"
    echo "!! $target: kept $(basename "$found") in fuzz/regressions/$target (see $build/artifacts/$target.log)"
    status=1
  done
done
exit "$status"
