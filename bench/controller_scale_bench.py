#!/usr/bin/env python3
"""The HelmRelease controller at scale (issue 9): a local chart repository
(`repo serve`) with a few small charts in several versions, the bundled API
server with simulated workloads, and `helm-operator run`, each its own
process. Creates N HelmReleases (default 1,000) spread over 20 namespaces and
prints, as a table with the targets:
  - the time until every HelmRelease is Released (created -> last Released),
  - the controller's CPU over a window of idle resyncs (% of one core),
  - the latency of one chart-version bump (PATCH -> new revision Released),
  - the controller's peak RSS (VmHWM) and its RSS at the end.

Usage: bench/controller_scale_bench.py [BUILD_DIR] [--releases N] [--namespaces N]
       [--workers N] [--qps N] [--resync DURATION] [--steady SECONDS]
"""
import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_support import connect, cpu_seconds, free_port, proc_status_kb, request, wait_for_port  # noqa: E402

CHARTS = {"web": ["1.0.0", "1.1.0", "1.2.0"], "worker": ["2.0.0", "2.1.0"], "cache": ["0.5.0", "0.6.0"]}

TEMPLATES = {
    "templates/configmap.yaml": """apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}
  labels:
    app.kubernetes.io/name: {{ .Chart.Name }}
    app.kubernetes.io/instance: {{ .Release.Name }}
data:
  version: {{ .Chart.Version | quote }}
  greeting: {{ .Values.greeting | quote }}
""",
    "templates/service.yaml": """apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
spec:
  selector:
    app.kubernetes.io/instance: {{ .Release.Name }}
  ports:
  - port: {{ .Values.port }}
    targetPort: http
""",
    "templates/deployment.yaml": """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels:
      app.kubernetes.io/instance: {{ .Release.Name }}
  template:
    metadata:
      labels:
        app.kubernetes.io/instance: {{ .Release.Name }}
    spec:
      containers:
      - name: app
        image: "nginx:{{ .Chart.AppVersion }}"
        ports:
        - name: http
          containerPort: 8080
        resources:
          {{- toYaml .Values.resources | nindent 10 }}
""",
}

VALUES = """greeting: hello
port: 80
replicas: 1
resources:
  requests:
    cpu: 10m
    memory: 16Mi
"""


def chart_archive(name, version):
    files = {"Chart.yaml": f"apiVersion: v2\nname: {name}\nversion: {version}\nappVersion: \"1.27\"\n",
             "values.yaml": VALUES, **TEMPLATES}
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for path, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{name}/{path}")
            info.size = len(data)
            info.mtime = 1700000000
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def publish_charts(binary, folder):
    for name, versions in CHARTS.items():
        for version in versions:
            with open(os.path.join(folder, f"{name}-{version}.tgz"), "wb") as out:
                out.write(chart_archive(name, version))
    subprocess.run([binary, "repo", "index", folder], check=True)


def helm_release(index, namespace, repository):
    name, versions = list(CHARTS.items())[index % len(CHARTS)]
    return {"apiVersion": "helm.fluxcd.io/v1", "kind": "HelmRelease",
            "metadata": {"name": f"{name}-{index:04d}", "namespace": namespace},
            "spec": {"releaseName": f"{name}-{index:04d}",
                     "chart": {"repository": repository, "name": name, "version": versions[index % len(versions)]},
                     "values": {"greeting": f"hello-{index}"}}}


def released(item):
    status = item.get("status", {})
    if status.get("observedGeneration") != item["metadata"].get("generation"):
        return False
    return any(c.get("type") == "Released" and c.get("status") == "True" for c in status.get("conditions", []))


def count_released(port):
    listed = request(connect(port), "GET", "/apis/helm.fluxcd.io/v1/helmreleases")
    return sum(1 for item in listed["items"] if released(item)), len(listed["items"])


def create_all(port, releases, namespaces, repository, clients=4):
    errors = []

    def create(indexes):
        connection = connect(port)
        try:
            for i in indexes:
                namespace = f"team-{i % namespaces:02d}"
                request(connection, "POST", f"/apis/helm.fluxcd.io/v1/namespaces/{namespace}/helmreleases",
                        helm_release(i, namespace, repository))
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=create, args=(range(c, releases, clients),)) for c in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} creates failed, first: {errors[0]}")


def wait_until(predicate, timeout, interval):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default=os.path.join(root, "build"))
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--namespaces", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--qps", default="1000", help="--kube-api-qps of the controller (its default is 50)")
    parser.add_argument("--resync", default="30s", help="--charts-sync-interval of the controller")
    parser.add_argument("--steady", type=float, default=60, help="seconds of idle resyncs to measure")
    parser.add_argument("--timeout", type=float, default=600, help="give up waiting for Released after this")
    args = parser.parse_args()
    binary = os.path.join(args.build, "helm-operator")

    work = tempfile.mkdtemp(prefix="ho-scale-")
    charts = os.path.join(work, "charts")
    os.makedirs(charts)
    publish_charts(binary, charts)
    repo_port, api_port, metrics_port = free_port(), free_port(), free_port()
    kubeconfig = os.path.join(work, "kubeconfig")
    quiet = subprocess.DEVNULL
    processes = []
    try:
        processes.append(subprocess.Popen([binary, "repo", "serve", charts, "--listen", f"127.0.0.1:{repo_port}",
                                           "--quiet"], stdout=quiet, stderr=quiet))
        processes.append(subprocess.Popen([binary, "apiserver", "--listen", f"127.0.0.1:{api_port}",
                                           "--simulate-workloads", "--write-kubeconfig", kubeconfig],
                                          stdout=quiet, stderr=quiet))
        wait_for_port(repo_port)
        wait_for_port(api_port)
        wait_until(lambda: os.path.exists(kubeconfig), 10, 0.05)
        api = connect(api_port)
        for n in range(args.namespaces):
            request(api, "POST", "/api/v1/namespaces",
                    {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": f"team-{n:02d}"}})
        log = open(os.path.join(work, "controller.log"), "w")
        controller = subprocess.Popen([binary, "run", "--kubeconfig", kubeconfig, "--workers", str(args.workers),
                                       "--kube-api-qps", args.qps, "--kube-api-burst", str(2 * int(float(args.qps))),
                                       "--charts-sync-interval", args.resync,
                                       "--listen", f"127.0.0.1:{metrics_port}",
                                       "--chart-cache", os.path.join(work, "chart-cache"),
                                       "--crd", os.path.join(root, "crds", "helm.fluxcd.io_helmreleases.yaml")],
                                      stdout=log, stderr=log)
        processes.append(controller)
        wait_for_port(metrics_port)
        def crd_served():
            try:
                return request(connect(api_port), "GET", "/apis/helm.fluxcd.io/v1") is not None
            except RuntimeError:  # 404 until the controller has created the CRD
                return False

        if not wait_until(crd_served, 20, 0.1):
            raise RuntimeError("the HelmRelease CRD was not served")
        apiserver = processes[1]
        cpu_before, api_cpu_before = cpu_seconds(controller.pid), cpu_seconds(apiserver.pid)

        repository = f"http://127.0.0.1:{repo_port}"
        started = time.monotonic()
        create_all(api_port, args.releases, args.namespaces, repository)
        created = time.monotonic() - started
        progress = {"released": 0}

        def all_released():
            progress["released"], total = count_released(api_port)
            return total == args.releases and progress["released"] == args.releases

        if not wait_until(all_released, args.timeout, 0.5):
            raise RuntimeError(f"only {progress['released']} of {args.releases} Released after {args.timeout} s "
                               f"(log: {log.name})")
        to_released = time.monotonic() - started
        install_cpu = cpu_seconds(controller.pid) - cpu_before
        api_install_cpu = cpu_seconds(apiserver.pid) - api_cpu_before

        time.sleep(2)  # let the last status writes and Events settle
        steady_start_cpu, steady_start = cpu_seconds(controller.pid), time.monotonic()
        time.sleep(args.steady)
        steady_cpu = (cpu_seconds(controller.pid) - steady_start_cpu) / (time.monotonic() - steady_start) * 100

        name, versions = list(CHARTS.items())[0]
        target = f"{name}-0000"
        path = f"/apis/helm.fluxcd.io/v1/namespaces/team-00/helmreleases/{target}"
        bumped_started = time.monotonic()
        request(connect(api_port), "PATCH", path, {"spec": {"chart": {"version": versions[-1]}}},
                content_type="application/merge-patch+json")

        def bump_released():
            item = request(connect(api_port), "GET", path)
            return released(item) and item.get("status", {}).get("revision") == versions[-1]

        if not wait_until(bump_released, 60, 0.01):
            raise RuntimeError("the version bump was not Released within 60 s")
        bump = time.monotonic() - bumped_started
        peak_kb = proc_status_kb(controller.pid, "VmHWM")
        end_kb = proc_status_kb(controller.pid, "VmRSS")

        rows = [
            (f"{args.releases} HelmReleases created ({args.namespaces} namespaces)", f"{created:.1f} s", ""),
            (f"all {args.releases} Released (from the first create)", f"{to_released:.1f} s", "< 30 s"),
            ("controller CPU while installing", f"{install_cpu:.1f} s", ""),
            ("API server CPU while installing", f"{api_install_cpu:.1f} s", ""),
            (f"steady CPU over {args.steady:.0f} s (resync {args.resync})", f"{steady_cpu:.2f} % of a core", "< 2 %"),
            ("one chart-version bump, PATCH -> Released", f"{bump * 1000:.0f} ms", "< 1 s"),
            ("controller peak RSS", f"{peak_kb / 1024:.1f} MiB", "< 100 MB"),
            ("controller RSS at the end", f"{end_kb / 1024:.1f} MiB", ""),
        ]
        print(f"{'measure':<58} {'result':>20}  target")
        for label, value, goal in rows:
            print(f"{label:<58} {value:>20}  {goal}")
        print(f"(workers {args.workers}, --kube-api-qps {args.qps}; work folder {work})")
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
