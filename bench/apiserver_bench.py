#!/usr/bin/env python3
"""Bundled API server benchmark: starts `helm-operator apiserver` on a free
loopback port, opens 100 concurrent watchers on ConfigMaps, creates 10,000
ConfigMaps from several client threads (keep-alive connections), lists them
whole and in pages of 500, waits until every watcher has seen every ADDED
event, and prints requests per second for each phase and the server's RSS.

Usage: bench/apiserver_bench.py [BUILD_DIR] [--objects N] [--watchers N] [--clients N]
"""
import argparse
import http.client
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_support import free_port, request, rss_kb, wait_for_port  # noqa: E402


def watcher(port, resource_version, expected, seen, index, ready):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.request("GET", f"/api/v1/namespaces/bench/configmaps?watch=true&resourceVersion={resource_version}"
                              "&timeoutSeconds=600")
    response = connection.getresponse()
    ready.release()
    count = 0
    buffer = b""
    while count < expected:
        chunk = response.read1(65536)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        count += sum(1 for line in lines if b'"type":"ADDED"' in line)
    seen[index] = count
    connection.close()


def create_range(port, start, stop, errors):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for i in range(start, stop):
            request(connection, "POST", "/api/v1/namespaces/bench/configmaps",
                    {"apiVersion": "v1", "kind": "ConfigMap",
                     "metadata": {"name": f"cm-{i:05d}", "labels": {"bench": "yes", "shard": str(i % 10)}},
                     "data": {"index": str(i), "payload": "x" * 200}})
    except Exception as error:  # reported after the phase
        errors.append(error)
    finally:
        connection.close()


def phase(label, requests, seconds):
    print(f"{label:<44} {requests:>7} requests {seconds:8.2f} s {requests / seconds:10.0f} req/s")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser()
    parser.add_argument("build", nargs="?", default=os.path.join(root, "build"))
    parser.add_argument("--objects", type=int, default=10000)
    parser.add_argument("--watchers", type=int, default=100)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()

    port = free_port()
    server = subprocess.Popen([os.path.join(args.build, "helm-operator"), "apiserver", "--listen",
                               f"127.0.0.1:{port}"], stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        connection = http.client.HTTPConnection("127.0.0.1", port)
        request(connection, "POST", "/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace",
                                                            "metadata": {"name": "bench"}})
        resource_version = request(connection, "GET", "/api/v1/namespaces/bench/configmaps")["metadata"][
            "resourceVersion"]
        print(f"server pid {server.pid}, RSS at start {rss_kb(server.pid)} KB")

        seen = [0] * args.watchers
        ready = threading.Semaphore(0)
        watchers = [threading.Thread(target=watcher, args=(port, resource_version, args.objects, seen, i, ready))
                    for i in range(args.watchers)]
        for thread in watchers:
            thread.start()
        for _ in watchers:
            ready.acquire()

        errors = []
        started = time.monotonic()
        step = (args.objects + args.clients - 1) // args.clients
        creators = [threading.Thread(target=create_range,
                                     args=(port, i, min(i + step, args.objects), errors))
                    for i in range(0, args.objects, step)]
        for thread in creators:
            thread.start()
        for thread in creators:
            thread.join()
        phase(f"create {args.objects} ConfigMaps ({args.watchers} watchers)", args.objects,
              time.monotonic() - started)
        if errors:
            print(f"create errors: {len(errors)}, first: {errors[0]}")

        started = time.monotonic()
        for thread in watchers:
            thread.join(timeout=300)
        complete = sum(1 for count in seen if count >= args.objects)
        print(f"watchers that saw every event: {complete}/{args.watchers} "
              f"(drained {time.monotonic() - started:.2f} s after the last create)")

        started = time.monotonic()
        listed = len(request(connection, "GET", "/api/v1/namespaces/bench/configmaps")["items"])
        phase(f"list all ({listed} items) once", 1, time.monotonic() - started)

        started = time.monotonic()
        pages = 0
        token = ""
        while True:
            page = request(connection, "GET", "/api/v1/namespaces/bench/configmaps?limit=500"
                                              + (f"&continue={token}" if token else ""))
            pages += 1
            token = page["metadata"].get("continue", "")
            if not token:
                break
        phase(f"list in pages of 500 ({pages} pages)", pages, time.monotonic() - started)

        started = time.monotonic()
        gets = 2000
        for i in range(gets):
            request(connection, "GET", f"/api/v1/namespaces/bench/configmaps/cm-{i * 7 % args.objects:05d}")
        phase("get single objects", gets, time.monotonic() - started)

        started = time.monotonic()
        selected = 0
        for shard in range(10):
            selected += len(request(connection, "GET", "/api/v1/namespaces/bench/configmaps?labelSelector="
                                                       f"shard%3D{shard}")["items"])
        phase(f"list by label selector ({selected} items)", 10, time.monotonic() - started)
        print(f"server RSS after the run: {rss_kb(server.pid)} KB")
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
