#!/usr/bin/env python3
"""Seeds for the API server fuzz targets from rendered manifests (the
conformance goldens): for each distinct (file, apiVersion, kind) one create
request (POST of the JSON object) and one server-side apply (PATCH of the
YAML) for fuzz target api_request, and the JSON object as a PATCH body for
kube_patch. Called by scripts/fuzz-corpus.sh; needs PyYAML (skips without it).
Usage: fuzz_seeds_from_manifests.py CORPUS_DIR MANIFEST_FILE...
"""
import hashlib
import json
import pathlib
import sys

try:
    import yaml
except ImportError:
    print("fuzz-corpus: PyYAML missing, no api_request/kube_patch seeds from manifests", file=sys.stderr)
    sys.exit(0)

CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass",
                  "StorageClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService",
                  "PersistentVolume", "IngressClass", "RuntimeClass"}
MAX_SEED_BYTES = 16384


def plural(kind):
    lower = kind.lower()
    if lower.endswith("s"):
        return lower + "es"
    if lower.endswith("y"):
        return lower[:-1] + "ies"
    return lower + "s"


def object_path(obj):
    group_version = obj["apiVersion"]
    prefix = f"/api/{group_version}" if "/" not in group_version else f"/apis/{group_version}"
    scope = "" if obj["kind"] in CLUSTER_SCOPED else "/namespaces/default"
    return f"{prefix}{scope}/{plural(obj['kind'])}"


def write_seed(directory, text):
    data = text.encode()
    if len(data) > MAX_SEED_BYTES:
        return
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def manifests(path):
    try:
        for document in yaml.safe_load_all(path.read_text()):
            if isinstance(document, dict) and {"apiVersion", "kind", "metadata"} <= document.keys():
                if isinstance(document["metadata"], dict) and isinstance(document["apiVersion"], str):
                    yield document
    except yaml.YAMLError:
        return


def main():
    corpus = pathlib.Path(sys.argv[1])
    for path in map(pathlib.Path, sys.argv[2:]):
        seen = set()
        for obj in manifests(path):
            if (obj["apiVersion"], obj["kind"]) in seen:
                continue
            seen.add((obj["apiVersion"], obj["kind"]))
            collection = object_path(obj)
            name = obj["metadata"].get("name", "x")
            as_json = json.dumps(obj, separators=(",", ":"), default=str)
            write_seed(corpus / "api_request", f"POST {collection}\napplication/json\n{as_json}")
            write_seed(corpus / "api_request",
                       f"PATCH {collection}/{name}?fieldManager=fuzz&force=true\napplication/apply-patch+yaml\n"
                       + yaml.safe_dump(obj, default_flow_style=False))
            write_seed(corpus / "kube_patch", as_json)


if __name__ == "__main__":
    main()
