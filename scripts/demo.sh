#!/usr/bin/env bash
# Sets everything up and runs the main job on the embedded default: a local
# chart repository (`helm-operator repo serve`) with the example chart, the
# controller (`helm-operator run`) with its bundled Kubernetes API server, and
# the example HelmRelease applied with real kubectl until it is Released.
# Pass --keep to leave everything running afterwards (Ctrl-C stops it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
bash scripts/build.sh
bin="$root/build/helm-operator"

kubectl_bin=""
for candidate in kubectl.1.32 /usr/lib/google-cloud-sdk/bin/kubectl.1.32 "$root/.reference/kubectl133" kubectl; do
  if command -v "$candidate" >/dev/null 2>&1; then kubectl_bin="$(command -v "$candidate")"; break; fi
done
[[ -n "$kubectl_bin" ]] || { echo "demo: no kubectl found (scripts/setup.sh installs .reference/kubectl133)" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "==> packaging examples/charts/podinfo into a chart repository on 127.0.0.1:8879"
mkdir -p "$work/charts"
tar -czf "$work/charts/podinfo-6.5.0.tgz" -C examples/charts podinfo
"$bin" repo index "$work/charts" --url http://127.0.0.1:8879
"$bin" repo serve "$work/charts" --listen 127.0.0.1:8879 >"$work/repo.log" 2>&1 &
pids+=($!)

echo "==> starting the controller with its bundled API server"
mkdir -p "$work/home"
env -u KUBECONFIG HOME="$work/home" "$bin" run --listen 127.0.0.1:3030 --charts-sync-interval 30s \
  --chart-cache "$work/cache" >"$work/run.log" 2>&1 &
pids+=($!)
kubeconfig=""
for _ in $(seq 1 100); do
  kubeconfig="$(sed -n 's/.*kubeconfig: //p' "$work/run.log" | head -n1)"
  [[ -n "$kubeconfig" ]] && grep -q "helm-operator running" "$work/run.log" && break
  sleep 0.2
done
[[ -n "$kubeconfig" ]] || { cat "$work/run.log"; echo "demo: the controller did not start" >&2; exit 1; }
export KUBECONFIG="$kubeconfig" HOME="$work/home"
echo "    KUBECONFIG=$kubeconfig"

echo "==> kubectl apply -f examples/helmrelease-podinfo.yaml"
"$kubectl_bin" apply -f examples/helmrelease-podinfo.yaml
"$kubectl_bin" wait --for=condition=Released helmrelease/podinfo --timeout=120s
echo "==> kubectl get hr -A"
"$kubectl_bin" get hr -A
echo "==> kubectl get deployments,services"
"$kubectl_bin" get deployments,services
if [[ -x "$root/.reference/helm" ]]; then
  echo "==> helm list -A"
  "$root/.reference/helm" list -A
fi
echo "==> look around: KUBECONFIG=$kubeconfig kubectl describe hr podinfo; curl the metrics with --listen (docs/operations.md)"

if [[ "${1:-}" == "--keep" ]]; then
  echo "==> running; KUBECONFIG=$kubeconfig (Ctrl-C to stop)"
  wait
fi
