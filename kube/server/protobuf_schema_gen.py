#!/usr/bin/env python3
# Developer tool (not run by the build): writes kube/server/protobuf_schema_data.cpp,
# the compact protobuf schema of the built-in kinds the API server serves.
#
# It reads the Go type declarations of k8s.io/api, k8s.io/apimachinery
# (meta/v1) and apiextensions-apiserver (apiextensions/v1) from a directory
# laid out as ROOT/<group>/<version>/types*.go, ROOT/meta/v1/types.go and
# ROOT/apiextensions/v1/types*.go, and keeps, for every struct reachable from
# the served kinds, each field's protobuf number, JSON name, Go shape (pointer,
# slice, map) and whether the JSON name is inlined. The Go struct tags carry
# the same field numbers as the published generated.proto files, plus what
# the .proto files lack: which fields are inlined in JSON and which are
# pointers (whose zero values are meaningful).
#
# Usage: protobuf_schema_gen.py ROOT RELEASE_TAG > kube/server/protobuf_schema_data.cpp
# (the checked-in table was made from the v0.35.0 tags, client-go 1.35 = helm 4).
import glob
import os
import re
import sys

# Go import path -> schema package name.
PACKAGES = {
    "k8s.io/apimachinery/pkg/apis/meta/v1": "meta.v1",
    "k8s.io/apimachinery/pkg/runtime": "runtime",
    "k8s.io/apimachinery/pkg/util/intstr": "intstr",
    "k8s.io/apimachinery/pkg/api/resource": "resource",
    "k8s.io/apimachinery/pkg/types": "types",
}
for group in ["core", "apps", "batch", "autoscaling", "networking", "policy", "rbac", "coordination",
              "events", "storage", "scheduling", "admissionregistration"]:
    for version in ["v1", "v2"]:
        PACKAGES[f"k8s.io/api/{group}/{version}"] = f"{group}.{version}"

# Types with their own JSON form, named by the codec.
SPECIAL = {
    "meta.v1.Time": "time",
    "meta.v1.MicroTime": "microtime",
    "meta.v1.FieldsV1": "raw",
    "runtime.RawExtension": "raw",
    "apiextensions.v1.JSON": "raw",
    "intstr.IntOrString": "intstr",
    "resource.Quantity": "quantity",
    "types.UID": "s",
    "types.NodeName": "s",
    "apiextensions.v1.JSONSchemaPropsOrArray": "schemaOrArray",
    "apiextensions.v1.JSONSchemaPropsOrBool": "schemaOrBool",
    "apiextensions.v1.JSONSchemaPropsOrStringArray": "schemaOrStringArray",
}
SCALARS = {"string": "s", "bool": "bool", "int32": "i32", "int64": "i64", "float64": "f64", "[]byte": "b",
           "byte": "b"}

# Served group versions -> package, and the kinds served from each.
GROUP_VERSIONS = [
    ("v1", "core.v1"), ("apps/v1", "apps.v1"), ("batch/v1", "batch.v1"), ("autoscaling/v1", "autoscaling.v1"),
    ("autoscaling/v2", "autoscaling.v2"), ("networking.k8s.io/v1", "networking.v1"), ("policy/v1", "policy.v1"),
    ("rbac.authorization.k8s.io/v1", "rbac.v1"), ("coordination.k8s.io/v1", "coordination.v1"),
    ("events.k8s.io/v1", "events.v1"), ("storage.k8s.io/v1", "storage.v1"),
    ("scheduling.k8s.io/v1", "scheduling.v1"), ("admissionregistration.k8s.io/v1", "admissionregistration.v1"),
    ("apiextensions.k8s.io/v1", "apiextensions.v1"), ("meta.k8s.io/v1", "meta.v1"),
]
ROOT_KINDS = {
    "core.v1": ["Pod", "Service", "ReplicationController", "Namespace", "ConfigMap", "Secret", "ServiceAccount",
                "Event", "Endpoints", "PersistentVolumeClaim", "PersistentVolume", "Node", "ResourceQuota",
                "LimitRange"],
    "apps.v1": ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ControllerRevision"],
    "batch.v1": ["Job", "CronJob"],
    "autoscaling.v1": ["Scale", "HorizontalPodAutoscaler"],
    "autoscaling.v2": ["HorizontalPodAutoscaler"],
    "networking.v1": ["Ingress", "IngressClass", "NetworkPolicy"],
    "policy.v1": ["PodDisruptionBudget", "Eviction"],
    "rbac.v1": ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"],
    "coordination.v1": ["Lease"],
    "events.v1": ["Event"],
    "storage.v1": ["StorageClass"],
    "scheduling.v1": ["PriorityClass"],
    "admissionregistration.v1": ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
    "apiextensions.v1": ["CustomResourceDefinition"],
    "meta.v1": ["DeleteOptions", "Status"],
}


def read_package(files):
    """Returns {type name: ('struct', fields) | ('alias', go type)} and the import aliases."""
    types = {}
    imports = {}
    for path in files:
        text = open(path).read()
        for alias, path_ in re.findall(r'^\s*(\w+)?\s*"(k8s\.io/[^"]+)"', text, re.M):
            imports[alias or path_.rsplit("/", 1)[1]] = PACKAGES.get(path_)
        for name, body in re.findall(r"^type (\w+) struct \{\n(.*?)^\}", text, re.M | re.S):
            fields = []
            for line in body.splitlines():
                line = line.split("//", 1)[0].rstrip()
                match = re.match(r"^\s*(?:(\w+)\s+)?(\S+)\s+`(.*)`$", line)
                if match:
                    fields.append((match.group(1), match.group(2), match.group(3)))
            types[name] = ("struct", fields)
        for name in re.findall(r"^type (\w+) struct\{\}", text, re.M):
            types[name] = ("struct", [])
        for name, go_type in re.findall(r"^type (\w+) (\S+)\s*$", text, re.M):
            if not go_type.startswith("struct"):
                types[name] = ("alias", go_type)
    return types, imports


def load(root):
    packages = {}
    for package in set(PACKAGES.values()) | {"apiextensions.v1"}:
        files = sorted(glob.glob(os.path.join(root, package.replace(".", "/"), "*.go")))
        if files:
            packages[package] = read_package(files)
    return packages


class Generator:
    def __init__(self, packages):
        self.packages = packages
        self.messages = {}
        self.pending = []

    def resolve(self, go_type, package):
        """Go type -> schema type text (without repetition), queueing messages."""
        if go_type in SCALARS:
            return SCALARS[go_type]
        if go_type.startswith("*"):
            return self.resolve(go_type[1:], package)
        if go_type.startswith("[]"):
            return "[]" + self.resolve(go_type[2:], package)
        if go_type.startswith("map["):
            key, value = re.match(r"map\[(\S+?)\](\S+)", go_type).groups()
            return "{" + self.resolve(key, package) + ":" + self.resolve(value, package) + "}"
        if "." in go_type:
            alias, name = go_type.split(".")
            package = self.packages[package][1][alias] or sys.exit(f"unknown package of {go_type}")
            go_type = name
        full = f"{package}.{go_type}"
        if full in SPECIAL:
            return SPECIAL[full]
        kind, detail = self.packages[package][0][go_type]
        if kind == "alias":
            return self.resolve(detail, package)
        if full not in self.messages:
            self.messages[full] = None
            self.pending.append((full, package, detail))
        return full

    def build(self, full, package, fields):
        lines = []
        for go_name, go_type, tags in fields:
            proto = re.search(r'protobuf:"(\w+),(\d+),(\w+)', tags)
            if not proto:
                continue
            json_tag = re.search(r'json:"([^"]*)"', tags)
            json_name, *options = (json_tag.group(1) if json_tag else "").split(",")
            inline = "inline" in options or (json_tag and json_name == "" and go_name is None)
            if json_name == "-" and full not in ("meta.v1.FieldsV1",):
                continue
            schema_type = self.resolve(go_type, package)
            flags = ""
            if go_type.startswith("*"):
                flags += "*"
            elif "omitempty" not in options and not inline:
                flags += "!"
            name = "-" if inline else (json_name or go_name)
            lines.append(f"{proto.group(2)} {name} {schema_type}{(' ' + flags) if flags else ''}")
        self.messages[full] = lines

    def run(self):
        for package, kinds in ROOT_KINDS.items():
            for kind in kinds:
                self.resolve(kind, package)
                if f"{kind}List" in self.packages[package][0]:
                    self.resolve(kind + "List", package)
        while self.pending:
            self.build(*self.pending.pop())


def main():
    generator = Generator(load(sys.argv[1]))
    generator.run()
    out = sys.stdout
    out.write("// Generated by kube/server/protobuf_schema_gen.py from the Go types of k8s.io/api,\n")
    out.write(f"// k8s.io/apimachinery meta/v1 and apiextensions-apiserver ({sys.argv[2]}): the protobuf field\n")
    out.write("// numbers, JSON names and shapes of every message the served kinds use.\n")
    out.write("// Format: `gv API_VERSION PACKAGE` lines, then `message NAME` followed by\n")
    out.write("// `NUMBER JSON_NAME TYPE [FLAGS]` lines (see protobuf_schema.h).\n")
    out.write('#include "kube/server/protobuf_schema.h"\n\nnamespace ho::kube::protobuf {\n\n')
    out.write("std::string_view protobufSchemaText() {\n  static constexpr std::string_view text =\n")
    chunks = []
    for api_version, package in GROUP_VERSIONS:
        chunks.append(f"gv {api_version} {package}")
    for full in sorted(generator.messages):
        chunks.append(f"message {full}")
        chunks.extend(generator.messages[full])
    # Split into several raw literals to stay under compiler string-literal limits.
    for start in range(0, len(chunks), 400):
        out.write('      R"schema(' + "\n".join(chunks[start:start + 400]) + '\n)schema"\n')
    out.write("      ;\n  return text;\n}\n\n}  // namespace ho::kube::protobuf\n")


if __name__ == "__main__":
    main()
