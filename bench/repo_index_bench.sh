#!/usr/bin/env bash
# Chart repository index benchmark: generates a 20 MB index.yaml, times our
# parser (bench driver repo_index_bench) and, on the same index served by
# `helm-operator repo serve` on 127.0.0.1, our `template --repo` against helm's
# `repo add`/`repo update`/`search repo`/`template --repo`. Prints wall time and
# peak memory (GNU time). Usage: bench/repo_index_bench.sh [BUILD_DIR] [MEGABYTES]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
size="${2:-20}"
ours="$build/helm-operator"
driver="$build/bench/repo_index_bench"
[[ -x "$driver" ]] || driver="$build/repo_index_bench"
helm="$root/.reference/helm"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

measure() {  # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1 || { echo "$label: FAILED"; tail -3 "$work/out"; return; }
  read -r seconds kb <"$work/time"
  printf '%-40s %8.2f s %10d KB peak\n' "$label" "$seconds" "$kb"
}

mkdir -p "$work/repo/src/chart-7/templates"
if [[ ! -x "$driver" ]]; then
  echo "bench driver not built ($driver); build target repo_index_bench" >&2
  exit 1
fi
"$driver" --generate "$work/repo/index.yaml" "$size"
"$driver" "$work/repo/index.yaml"
measure "ours: parse + resolve (driver)" "$driver" "$work/repo/index.yaml"

# A real chart-7 2.1.7 tarball so template --repo has something to render;
# the index's urls point to charts.example.com, so rewrite that one entry.
printf 'apiVersion: v2\nname: chart-7\nversion: 2.1.7\n' >"$work/repo/src/chart-7/Chart.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' >"$work/repo/src/chart-7/templates/cm.yaml"
"$helm" package "$work/repo/src/chart-7" -d "$work/repo" >/dev/null
digest="$(sha256sum "$work/repo/chart-7-2.1.7.tgz" | cut -d' ' -f1)"
python3 - "$work/repo/index.yaml" "$digest" <<'PY'
import sys, re
path, digest = sys.argv[1], sys.argv[2]
text = open(path).read()
entry = re.search(r"(  - annotations:(?:(?!\n  - ).)*?\n    name: chart-7\n(?:(?!\n  - ).)*?version: 2\.1\.7\n)", text, re.S).group(1)
fixed = re.sub(r"digest: \w+", "digest: " + digest, entry)
fixed = fixed.replace("https://charts.example.com/chart-7-2.1.7.tgz", "chart-7-2.1.7.tgz")
open(path, "w").write(text.replace(entry, fixed))
PY

port=$((20000 + RANDOM % 20000))
"$ours" repo serve "$work/repo" --listen "127.0.0.1:$port" --quiet 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/index.yaml" -o /dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port"

export HELM_CONFIG_HOME="$work/helm/config" HELM_CACHE_HOME="$work/helm/cache" HELM_DATA_HOME="$work/helm/data"
measure "ours: template --repo (cold cache)" "$ours" template r --repo "$url" chart-7 --version '~2.1' --repository-cache "$work/ours-cache"
measure "ours: template --repo (warm cache)" "$ours" template r --repo "$url" chart-7 --version '~2.1' --repository-cache "$work/ours-cache"
if [[ -x "$helm" ]]; then
  measure "helm: repo add" "$helm" repo add bench "$url"
  measure "helm: repo update" "$helm" repo update bench
  measure "helm: search repo chart-7 --versions" "$helm" search repo bench/chart-7 --versions
  measure "helm: template --repo" "$helm" template r --repo "$url" chart-7 --version '~2.1'
else
  echo "reference helm not found at $helm: helm comparison skipped"
fi
