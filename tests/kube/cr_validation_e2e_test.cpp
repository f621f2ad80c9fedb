// Custom resources through real kubectl: schema validation errors as
// kube-apiserver words them, unknown fields rejected under kubectl's
// fieldValidation=Strict and pruned otherwise, defaults applied, and the
// status subresource validated too; server-side apply merges
// x-kubernetes-list-type: map lists by key (one or several).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e_support.h"

namespace ho::kube {
namespace {

using CrValidationE2E = testing::KubectlTest;
using nlohmann::json;

const char* kWidgetCrd = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer, minimum: 1}
              mode: {type: string, enum: [auto, manual], default: auto}
              values: {type: object, x-kubernetes-preserve-unknown-fields: true}
              ports:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [name]
                items:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string}
                    port: {type: integer}
              routes:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [host, path]
                items:
                  type: object
                  required: [host, path]
                  properties:
                    host: {type: string}
                    path: {type: string}
                    backend: {type: string}
          status:
            type: object
            properties:
              ready: {type: boolean}
)";

std::string widget(const std::string& name, const std::string& spec) {
  return "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: " + name + "\nspec:\n" + spec;
}

class CrValidationWithCrd : public CrValidationE2E {
 protected:
  void SetUp() override {
    CrValidationE2E::SetUp();
    if (IsSkipped()) return;
    ok("apply -f " + cluster_->writeFile("crd.yaml", kWidgetCrd));
    ok("wait --for=condition=Established crd/widgets.example.com --timeout=30s");
  }
};

TEST_F(CrValidationWithCrd, InvalidFieldsAreRejectedWithKubeApiserverWording) {
  const testing::CommandResult result =
      kubectl("apply -f " + cluster_->writeFile("bad.yaml", widget("bad", "  size: \"big\"\n  mode: fast\n")));
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.output.find("The Widget \"bad\" is invalid"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("spec.size: Invalid value: \"string\": spec.size in body must be of type integer: "
                               "\"string\""),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("spec.mode: Unsupported value: \"fast\": supported values: \"auto\", \"manual\""),
            std::string::npos)
      << result.output;
  const testing::CommandResult missing = kubectl("apply -f " + cluster_->writeFile("m.yaml", widget("m", "  mode: auto\n")));
  EXPECT_NE(missing.output.find("spec.size: Required value"), std::string::npos) << missing.output;
}

TEST_F(CrValidationWithCrd, UnknownFieldsAreStrictErrorsOrPruned) {
  const std::string path = cluster_->writeFile("extra.yaml", widget("w", "  size: 2\n  extra: 1\n  values: {a: {b: 1}}\n"));
  const testing::CommandResult strict = kubectl("apply -f " + path);
  EXPECT_NE(strict.exitCode, 0);
  EXPECT_NE(strict.output.find("unknown field \"spec.extra\""), std::string::npos) << strict.output;
  ok("apply --validate=false -f " + path);
  const json stored = json::parse(ok("get widget w -o json"));
  EXPECT_EQ(stored["spec"], json::parse(R"({"size":2,"mode":"auto","values":{"a":{"b":1}}})"));
}

TEST_F(CrValidationWithCrd, StatusSubresourceIsValidated) {
  ok("apply -f " + cluster_->writeFile("w.yaml", widget("w", "  size: 1\n")));
  const testing::CommandResult bad =
      kubectl("patch widget w --subresource=status --type=merge -p '{\"status\":{\"ready\":\"yes\"}}'");
  EXPECT_NE(bad.exitCode, 0);
  EXPECT_NE(bad.output.find("status.ready: Invalid value: \"string\": status.ready in body must be of type boolean: "
                            "\"string\""),
            std::string::npos)
      << bad.output;
  ok("patch widget w --subresource=status --type=merge -p '{\"status\":{\"ready\":true}}'");
  EXPECT_EQ(ok("get widget w -o jsonpath={.status.ready}"), "true");
}

TEST_F(CrValidationWithCrd, ServerSideApplyMergesMapListsByKey) {
  ok("apply --server-side --field-manager=one -f " +
     cluster_->writeFile("one.yaml", widget("w", "  size: 1\n  ports: [{name: http, port: 80}]\n")));
  ok("apply --server-side --field-manager=two -f " +
     cluster_->writeFile("two.yaml", widget("w", "  size: 1\n  ports: [{name: metrics, port: 9090}]\n")));
  EXPECT_EQ(ok("get widget w -o jsonpath={.spec.ports[*].name}"), "http metrics");
  ok("apply --server-side --field-manager=one -f " +
     cluster_->writeFile("one.yaml", widget("w", "  size: 1\n  ports: [{name: http, port: 8080}]\n")));
  EXPECT_EQ(ok("get widget w -o jsonpath={.spec.ports[*].port}"), "8080 9090");
}

TEST_F(CrValidationWithCrd, ServerSideApplyMergesMapListsBySeveralKeys) {
  const auto routes = [&](const std::string& manager, const std::string& items, bool force = false) {
    return kubectl("apply --server-side --field-manager=" + manager + (force ? " --force-conflicts" : "") + " -f " +
                   cluster_->writeFile(manager + ".yaml", widget("w", "  size: 1\n  routes: " + items + "\n")));
  };
  EXPECT_EQ(routes("one", "[{host: a, path: /, backend: web}]").exitCode, 0);
  EXPECT_EQ(routes("two", "[{host: a, path: /api, backend: api}]").exitCode, 0);
  EXPECT_EQ(ok("get widget w -o jsonpath={.spec.routes[*].backend}"), "web api");
  const json managed = json::parse(ok("get widget w --show-managed-fields -o json"))["metadata"]["managedFields"];
  bool keyedByBoth = false;
  for (const json& entry : managed) {
    if (entry["manager"] == "one") {
      keyedByBoth = entry["fieldsV1"]["f:spec"]["f:routes"].contains("k:{\"host\":\"a\",\"path\":\"/\"}");
    }
  }
  EXPECT_TRUE(keyedByBoth) << managed.dump();

  const testing::CommandResult conflict = routes("two", "[{host: a, path: /api, backend: api}, {host: a, path: /, backend: other}]");
  EXPECT_NE(conflict.exitCode, 0);
  EXPECT_NE(conflict.output.find("conflict with \"one\": .spec.routes[host=\"a\",path=\"/\"].backend"), std::string::npos)
      << conflict.output;
  EXPECT_EQ(routes("one", "[{host: a, path: /, backend: web2}]").exitCode, 0);
  EXPECT_EQ(ok("get widget w -o jsonpath={.spec.routes[*].backend}"), "web2 api");
}

TEST_F(CrValidationWithCrd, DuplicateKeysOfAMapListAreInvalid) {
  const testing::CommandResult duplicate = kubectl(
      "apply -f " + cluster_->writeFile("dup.yaml", widget("d", "  size: 1\n  routes: [{host: a, path: /}, {host: a, path: /}]\n")));
  EXPECT_NE(duplicate.exitCode, 0);
  EXPECT_NE(duplicate.output.find("spec.routes[1]: Duplicate value: map[string]interface {}{\"host\":\"a\", \"path\":\"/\"}"),
            std::string::npos)
      << duplicate.output;
}

}  // namespace
}  // namespace ho::kube
