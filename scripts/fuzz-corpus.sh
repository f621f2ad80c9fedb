#!/usr/bin/env bash
# Builds the seed corpora for the fuzz targets in BUILD/corpus/<target> (default
# build-fuzz) from the conformance charts (../shared/conformance/charts/*.tgz)
# and tests/data: template files, values.yaml, Chart.yaml, JSON files, small
# chart archives, --set arguments, a repository index made by the reference
# helm, and API requests and PATCH bodies from the objects the charts render
# (scripts/fuzz_seeds_from_manifests.py). The hand-written seeds and kept
# findings in fuzz/seeds/ are read by scripts/fuzz.sh directly. Usage: scripts/fuzz-corpus.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build-fuzz}"
charts="$root/../shared/conformance/charts"
corpus="$build/corpus"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$corpus"/{template_parse,template_execute,yaml_parse,json_value,strvals_set,repo_index,chart_archive,tar_reader,semver_constraint,from_toml,api_request,kube_patch}

# seed TARGET FILE: copies FILE under a name made from its content hash.
seed() { cp "$2" "$corpus/$1/$(sha1sum "$2" | cut -c1-16)"; }

for tgz in "$charts"/*.tgz "$root"/tests/data/charts/*/*.tgz; do
  [[ -f "$tgz" ]] || continue
  (( $(stat -c %s "$tgz") <= 65536 )) && seed chart_archive "$tgz"
  gzip -dc "$tgz" 2>/dev/null | head -c 65536 > "$work/tar" && seed tar_reader "$work/tar"
  dir="$work/$(basename "$tgz" .tgz)"
  mkdir -p "$dir" && tar -xzf "$tgz" -C "$dir" 2>/dev/null || continue
done
cp -r "$root"/tests/data/charts "$work/tests-data-charts"
while IFS= read -r -d '' file; do
  size=$(stat -c %s "$file")
  case "$file" in
    */templates/*.yaml | */templates/*.tpl | */templates/*.txt)
      seed template_parse "$file"
      (( size <= 4096 )) && seed template_execute "$file" ;;
    */values.yaml | */Chart.yaml | */requirements.yaml) seed yaml_parse "$file"; seed json_value "$file" ;;
    *.json) seed json_value "$file" ;;
    *.toml) seed from_toml "$file" ;;
  esac
done < <(find "$work" -type f -size -64k -print0)

# --set arguments from the golden cases (selector byte 0 is --set, 1 --set-string).
grep -o -- "--set[a-z-]* [^ ]*" "$root/tests/data/cases.txt" 2>/dev/null | sort -u | while read -r flag value; do
  case "$flag" in --set) selector='\x00' ;; --set-string) selector='\x01' ;; --set-json) selector='\x02' ;; *) continue ;; esac
  printf "$selector%s" "$value" > "$work/set" && seed strvals_set "$work/set"
done

# Constraints and versions from the charts' dependencies and kubeVersion fields.
grep -rhoE "^ *(version|kubeVersion): *['\"]?[^'\"]+" "$work" --include=Chart.yaml 2>/dev/null | sed -E "s/^ *[a-zA-Z]+: *['\"]?//" |
  sort -u | head -200 | while read -r constraint; do
  printf '%s\n1.2.3' "$constraint" > "$work/semver" && seed semver_constraint "$work/semver"
done

# API requests and PATCH bodies from the objects the conformance charts render.
python3 "$root/scripts/fuzz_seeds_from_manifests.py" "$corpus" "$root"/../shared/conformance/golden/*.out

# A repository index of the conformance charts, whole and cut to a few entries.
helm="$root/.reference/helm"
if [[ -x "$helm" ]]; then
  mkdir -p "$work/repo" && cp "$charts"/*.tgz "$work/repo/" 2>/dev/null || true
  "$helm" repo index "$work/repo" --url https://charts.example.com >/dev/null 2>&1 &&
    head -c 60000 "$work/repo/index.yaml" > "$work/index-head.yaml" &&
    seed repo_index "$work/index-head.yaml"
fi
for target in "$corpus"/*; do echo "$(basename "$target"): $(ls "$target" | wc -l) seeds"; done
