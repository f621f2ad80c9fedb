#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, -DHO_FUZZ=ON, in build-fuzz), seeds their
# corpora (scripts/fuzz-corpus.sh, once) and runs the targets one after another,
# each for a bounded time at low priority (nice 15). A run goes on past a
# finding (-fork=1 with crashes, timeouts and OOMs ignored), and every crash,
# leak, timeout or OOM input is copied to fuzz/seeds/<target>/, which the normal
# build replays as the CTest fuzz_replay_<target> (commit it with the fix; drop
# timeouts that only a loaded machine produced). Ends with one line per target:
# seconds, executions, corpus size, findings.
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
nice -n 15 cmake --build "$build" -j"${HO_FUZZ_JOBS:-2}" --target "${targets[@]/#/fuzz_}"
[[ -d "$build/corpus" ]] || bash "$root/scripts/fuzz-corpus.sh" "$build"

# ASan's larger frames: inputs at the depth limits (10,000-deep JSON) need more than 8 MiB of stack.
ulimit -s 65536 || echo "fuzz: cannot raise the stack limit; inputs at the nesting limits may overflow"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
summary=("target seconds executions corpus findings")
status=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target" artifacts="$build/artifacts/$target/" log="$build/artifacts/$target.log"
  kept="$root/fuzz/seeds/$target"
  mkdir -p "$corpus" "$artifacts" "$kept"
  echo "== $target: ${seconds}s"
  started=$SECONDS
  # New inputs go to the first directory; the kept ones are only read.
  nice -n 15 "$build/fuzz/fuzz_$target" "$corpus" "$kept" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 -max_len=65536 \
    -artifact_prefix="$artifacts" >"$log" 2>&1 || true
  progress="$(grep -E '^#[0-9]+: cov:' "$log" | tail -1)"
  executions="$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$progress")"
  findings=0
  for found in "$artifacts"*; do
    [[ -f "$found" ]] || continue
    mv "$found" "$kept/"
    echo "!! $target: kept $(basename "$found") in fuzz/seeds/$target (see $log)"
    findings=$((findings + 1)) status=1
  done
  summary+=("$target $((SECONDS - started)) ${executions:-0} $(ls "$corpus" | wc -l) $findings")
done
for row in "${summary[@]}"; do printf '%-18s %8s %11s %7s %9s\n' $row; done
exit "$status"
