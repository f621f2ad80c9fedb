#!/usr/bin/env bash
# Records Helm 3.17's output for every case in cases.txt into golden/ (run
# after adding a case; needs .reference/helm from scripts/setup.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
helm="$here/../../.reference/helm"
cd "$here"
while IFS=$'\t' read -r id expect args; do
  [[ -z "$id" || "$id" == \#* ]] && continue
  if [[ "$expect" == ok ]]; then
    eval "\"$helm\" template $args" > "golden/$id.out"
  else
    if eval "\"$helm\" template $args" > /dev/null 2> "golden/$id.err"; then
      echo "case $id: helm succeeded but the case expects an error" >&2; exit 1
    fi
  fi
done < cases.txt
