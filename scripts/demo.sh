#!/usr/bin/env bash
# Sets everything up and runs the main job. Until the controller lands this
# renders the example chart shipped in examples/ exactly as `helm template` would.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh --no-reference
bash scripts/build.sh
./build/helm-operator template demo examples/charts/podinfo --namespace demo
