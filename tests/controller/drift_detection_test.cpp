// Drift detection and correction without a cluster: the field-level
// comparison (server defaults ignored, changed scalars, list items, quantities,
// Secret stringData), ignore rules, the entries and summary users read, and
// the JSON patch a correction sends.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "controller/reconciler/drift_check.h"
#include "controller/reconciler/drift_correction.h"
#include "controller/reconciler/drift_detection.h"
#include "controller/reconciler/resource_quantity.h"

namespace ho::controller {
namespace {

using nlohmann::json;
using Change = FieldDrift::Change;

const json kManifestDeployment = json::parse(R"({
  "apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}, "creationTimestamp": null},
  "spec": {
    "replicas": 2,
    "selector": {"matchLabels": {"app": "web"}},
    "template": {
      "metadata": {"labels": {"app": "web"}},
      "spec": {
        "hostNetwork": false,
        "containers": [{"name": "web", "image": "nginx:1.25", "args": ["-a", "-b"], "imagePullPolicy": "",
                        "resources": {"limits": {"cpu": 0.5, "memory": "1024Mi"}, "requests": {"cpu": "100m"}}}],
        "volumes": []
      }
    }
  },
  "status": {}
})");

// What a server makes of it: defaults, generated metadata, canonical quantities, status.
json liveDeployment() {
  return json::parse(R"({
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "web", "namespace": "default", "uid": "u-1", "resourceVersion": "7", "generation": 1,
                 "creationTimestamp": "2026-01-01T00:00:00Z",
                 "labels": {"app": "web", "app.kubernetes.io/managed-by": "Helm"},
                 "annotations": {"meta.helm.sh/release-name": "web"}},
    "spec": {
      "replicas": 2, "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
      "selector": {"matchLabels": {"app": "web"}},
      "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
      "template": {
        "metadata": {"labels": {"app": "web"}},
        "spec": {
          "containers": [{"name": "web", "image": "nginx:1.25", "args": ["-a", "-b"],
                          "imagePullPolicy": "IfNotPresent", "terminationMessagePath": "/dev/termination-log",
                          "resources": {"limits": {"cpu": "500m", "memory": "1Gi"}, "requests": {"cpu": "0.1"}}}],
          "restartPolicy": "Always", "dnsPolicy": "ClusterFirst", "schedulerName": "default-scheduler"
        }
      }
    },
    "status": {"replicas": 2, "readyReplicas": 2, "observedGeneration": 1}
  })");
}

TEST(DriftDetection_Quantity, SuffixesAndExponentsScaleTheNumber) {
  const auto value = [](const char* text) { return static_cast<double>(quantityValue(text).value_or(-1)); };
  EXPECT_DOUBLE_EQ(value("500m"), 0.5);
  EXPECT_DOUBLE_EQ(value("1Gi"), 1073741824.0);
  EXPECT_DOUBLE_EQ(value("1.5k"), 1500.0);
  EXPECT_DOUBLE_EQ(value("2e3"), 2000.0);
  EXPECT_DOUBLE_EQ(value("+.5"), 0.5);
  EXPECT_DOUBLE_EQ(value("1E"), 1e18);
  for (const char* invalid : {"", "abc", "1Qi", "1e", "e3", "1.5.2", "12 "}) {
    EXPECT_EQ(quantityValue(invalid), std::nullopt) << invalid;
  }
  EXPECT_TRUE(sameQuantity("0.1", "100m"));
  EXPECT_TRUE(sameQuantity("1024Mi", "1Gi"));
  EXPECT_FALSE(sameQuantity("1G", "1Gi"));
  EXPECT_FALSE(sameQuantity("1", "one"));
}

TEST(DriftDetection_Compare, ServerDefaultsAndCanonicalFormsAreNotDrift) {
  EXPECT_EQ(compareObject(kManifestDeployment, liveDeployment()), std::vector<FieldDrift>{});
}

TEST(DriftDetection_Compare, ChangedScalarsAreNamedByJsonPointer) {
  json live = liveDeployment();
  live["spec"]["replicas"] = 5;
  live["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:latest";
  live["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] = "1";
  live["metadata"]["labels"]["app"] = "other";
  EXPECT_EQ(compareObject(kManifestDeployment, live),
            (std::vector<FieldDrift>{{"/metadata/labels/app", Change::Differs},
                                     {"/spec/replicas", Change::Differs},
                                     {"/spec/template/spec/containers/0/image", Change::Differs},
                                     {"/spec/template/spec/containers/0/resources/limits/cpu", Change::Differs}}));
}

TEST(DriftDetection_Compare, ListsAreComparedItemByItem) {
  json removed = liveDeployment();
  removed["spec"]["template"]["spec"]["containers"][0]["args"] = {"-a"};
  EXPECT_EQ(compareObject(kManifestDeployment, removed),
            (std::vector<FieldDrift>{{"/spec/template/spec/containers/0/args/1", Change::MissingLive}}));

  json added = liveDeployment();
  added["spec"]["template"]["spec"]["containers"][0]["args"] = {"-a", "-b", "-c", "-d"};
  EXPECT_EQ(compareObject(kManifestDeployment, added),
            (std::vector<FieldDrift>{{"/spec/template/spec/containers/0/args/2", Change::ExtraLive},
                                     {"/spec/template/spec/containers/0/args/3", Change::ExtraLive}}));

  json reordered = liveDeployment();
  reordered["spec"]["template"]["spec"]["containers"][0]["args"] = {"-b", "-a"};
  EXPECT_EQ(compareObject(kManifestDeployment, reordered),
            (std::vector<FieldDrift>{{"/spec/template/spec/containers/0/args/0", Change::Differs},
                                     {"/spec/template/spec/containers/0/args/1", Change::Differs}}));
}

TEST(DriftDetection_Compare, RemovedFieldsAndKeysWithSlashesAreEscaped) {
  const json manifest = json::parse(R"({"apiVersion": "v1", "kind": "ConfigMap",
    "metadata": {"name": "c", "annotations": {"example.com/owner": "team~a"}}, "data": {"a": "1", "b": "x"}})");
  const json live = json::parse(R"({"apiVersion": "v1", "kind": "ConfigMap",
    "metadata": {"name": "c"}, "data": {"a": "1.0"}})");
  // Quantity forms count only in resource fields: "1" and "1.0" differ in a ConfigMap.
  EXPECT_EQ(compareObject(manifest, live),
            (std::vector<FieldDrift>{{"/data/a", Change::Differs},
                                     {"/data/b", Change::MissingLive},
                                     {"/metadata/annotations", Change::MissingLive}}));
  const json otherAnnotation = json::parse(R"({"apiVersion": "v1", "kind": "ConfigMap",
    "metadata": {"name": "c", "annotations": {"example.com/owner": "b"}}, "data": {"a": "1", "b": "x"}})");
  EXPECT_EQ(compareObject(manifest, otherAnnotation),
            (std::vector<FieldDrift>{{"/metadata/annotations/example.com~1owner", Change::Differs}}));
}

TEST(DriftDetection_Compare, EmptyStringsAreValuesOnlyInStringMaps) {
  const json manifest = json::parse(R"({"apiVersion": "v1", "kind": "ConfigMap",
    "metadata": {"name": "c", "labels": {"empty": ""}}, "data": {"e": ""}, "spec": {"policy": ""}})");
  EXPECT_TRUE(compareObject(manifest, json::parse(R"({"apiVersion": "v1", "kind": "ConfigMap",
    "metadata": {"name": "c", "labels": {"empty": ""}},
    "data": {"e": ""}, "spec": {"policy": "Defaulted"}})"))
                  .empty());
  EXPECT_EQ(compareObject(manifest, json::parse(R"({"apiVersion": "v1", "kind": "ConfigMap",
    "metadata": {"name": "c", "labels": {"empty": "x"}},
    "data": {"e": "x"}, "spec": {"policy": "Defaulted"}})")),
            (std::vector<FieldDrift>{{"/data/e", Change::Differs}, {"/metadata/labels/empty", Change::Differs}}));
}

TEST(DriftDetection_Compare, NumbersAndIntOrStringsCompareByValue) {
  const json manifest = json::parse(R"({"spec": {"port": 80, "targetPort": "http", "weight": 1.0, "ratio": 0.25}})");
  EXPECT_TRUE(compareObject(manifest, json::parse(R"({"spec": {"port": 80, "targetPort": "http", "weight": 1,
                                                                "ratio": 0.25}})"))
                  .empty());
  EXPECT_EQ(compareObject(manifest, json::parse(R"({"spec": {"port": 8080, "targetPort": 8080, "weight": 1,
                                                              "ratio": 0.25}})")),
            (std::vector<FieldDrift>{{"/spec/port", Change::Differs}, {"/spec/targetPort", Change::Differs}}));
}

TEST(DriftDetection_Compare, SecretStringDataIsComparedWithDecodedData) {
  const json manifest = json::parse(R"({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
    "stringData": {"user": "admin", "password": "s3cret"}})");
  // base64("admin") = YWRtaW4=, base64("changed") = Y2hhbmdlZA==
  EXPECT_TRUE(compareObject(manifest, json::parse(R"({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
    "data": {"user": "YWRtaW4=", "password": "czNjcmV0"}})"))
                  .empty());
  EXPECT_EQ(compareObject(manifest, json::parse(R"({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
    "data": {"user": "Y2hhbmdlZA=="}})")),
            (std::vector<FieldDrift>{{"/stringData/password", Change::MissingLive},
                                     {"/stringData/user", Change::Differs}}));
}

TEST(DriftDetection_Compare, IgnoredPointersCoverEverythingBelowThem) {
  json live = liveDeployment();
  live["spec"]["replicas"] = 5;
  live["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:latest";
  live["spec"]["template"]["spec"]["containers"][0]["args"] = json::array();
  EXPECT_EQ(compareObject(kManifestDeployment, live, {"/spec/replicas", "/spec/template/spec/containers/0/args"}),
            (std::vector<FieldDrift>{{"/spec/template/spec/containers/0/image", Change::Differs}}));
  EXPECT_TRUE(compareObject(kManifestDeployment, live, {"/spec"}).empty());
}

ManifestObject manifestObject(const std::string& group, const std::string& kind, const std::string& ns,
                              const std::string& name) {
  ManifestObject object;
  object.type = {group, "v1", "resources", kind, !ns.empty()};
  object.namespace_ = ns;
  object.name = name;
  object.object = {{"apiVersion", group.empty() ? "v1" : group + "/v1"},
                   {"kind", kind},
                   {"metadata", {{"name", name}, {"labels", {{"tier", "cache"}}}}}};
  if (!ns.empty()) object.object["metadata"]["namespace"] = ns;
  return object;
}

PatchTarget target(const std::string& group, const std::string& kind, const std::string& name,
                   const std::string& ns, const std::string& labelSelector = "") {
  PatchTarget selected;
  selected.group = group;
  selected.kind = kind;
  selected.name = name;
  selected.namespace_ = ns;
  selected.labelSelector = labelSelector;
  return selected;
}

TEST(DriftDetection_IgnoreRules, TargetsSelectObjectsAsPatchTargetsDo) {
  const std::vector<DriftIgnoreRule> spec = {
      {{"/spec/replicas"}, target("apps", "Deployment", "", "")},
      {{"/data/generated"}, target("", "ConfigMap", "cache-.*", "default")},
      {{"/data/tier"}, target("", "", "", "", "tier=cache")},
      {{"/metadata/annotations"}, std::nullopt},
  };
  auto rules = DriftIgnoreRules::compile(spec);
  ASSERT_TRUE(rules) << rules.error().message;
  const ManifestObject deployment = manifestObject("apps", "Deployment", "default", "web");
  const ManifestObject cache = manifestObject("", "ConfigMap", "default", "cache-1");
  const ManifestObject otherCache = manifestObject("", "ConfigMap", "other", "cache-1");
  EXPECT_EQ(rules->pointersFor(deployment, "default"),
            (std::vector<std::string>{"/spec/replicas", "/data/tier", "/metadata/annotations"}));
  EXPECT_EQ(rules->pointersFor(cache, "default"),
            (std::vector<std::string>{"/data/generated", "/data/tier", "/metadata/annotations"}));
  EXPECT_EQ(rules->pointersFor(otherCache, "other"),
            (std::vector<std::string>{"/data/tier", "/metadata/annotations"}));
}

TEST(DriftDetection_IgnoreRules, AnInvalidTargetNamesTheRule) {
  auto rules = DriftIgnoreRules::compile({{{"/spec"}, std::nullopt}, {{"/spec"}, target("", "", "web-(", "")}});
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().message.rfind("spec.driftDetection.ignore[1].target.name: ", 0), 0U) << rules.error().message;
}

TEST(DriftDetection_Report, EntriesNameKindNamespaceNameAndPointer) {
  ObjectDrift deployment{manifestObject("apps", "Deployment", "default", "web"), false,
                         {{"/spec/replicas", Change::Differs}}};
  ObjectDrift role{manifestObject("rbac.authorization.k8s.io", "ClusterRole", "", "reader"), true, {}};
  EXPECT_EQ(describeDrift({deployment, role}),
            (std::vector<std::string>{"Deployment/default/web: /spec/replicas", "ClusterRole/reader: (missing)"}));
}

TEST(DriftDetection_Report, SummaryShowsTheFirstTenEntries) {
  std::vector<std::string> entries;
  for (int index = 0; index < 12; ++index) entries.push_back("ConfigMap/default/c: /data/k" + std::to_string(index));
  EXPECT_EQ(summarizeDrift({entries[0], entries[1]}), "ConfigMap/default/c: /data/k0, ConfigMap/default/c: /data/k1");
  const std::string summary = summarizeDrift(entries);
  EXPECT_TRUE(summary.ends_with("ConfigMap/default/c: /data/k9 and 2 more")) << summary;
  EXPECT_EQ(summary.find("/data/k10"), std::string::npos) << summary;
}

TEST(DriftCorrection_Patch, RestoresOnlyTheDriftedFields) {
  ObjectDrift drift{manifestObject("apps", "Deployment", "default", "web"), false, {}};
  drift.object.object = kManifestDeployment;
  drift.fields = {{"/spec/replicas", Change::Differs},
                  {"/spec/template/spec/containers/0/args/1", Change::MissingLive},
                  {"/spec/template/spec/containers/0/env/0", Change::ExtraLive},
                  {"/spec/template/spec/containers/0/env/1", Change::ExtraLive}};
  EXPECT_EQ(correctionPatch(drift), json::parse(R"([
    {"op": "replace", "path": "/spec/replicas", "value": 2},
    {"op": "add", "path": "/spec/template/spec/containers/0/args/1", "value": "-b"},
    {"op": "remove", "path": "/spec/template/spec/containers/0/env/1"},
    {"op": "remove", "path": "/spec/template/spec/containers/0/env/0"}
  ])"));
}

TEST(DriftCorrection_Patch, SecretStringDataIsSentAsStringData) {
  ObjectDrift drift{manifestObject("", "Secret", "default", "s"), false, {}};
  drift.object.object = json::parse(R"({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
    "stringData": {"a/b": "x", "c": "y"}, "data": {"d": "eg=="}})");
  drift.fields = {{"/data/d", Change::MissingLive}, {"/stringData/a~1b", Change::Differs},
                  {"/stringData/c", Change::MissingLive}};
  EXPECT_EQ(correctionPatch(drift), json::parse(R"([
    {"op": "add", "path": "/data/d", "value": "eg=="},
    {"op": "add", "path": "/stringData", "value": {"a/b": "x", "c": "y"}}
  ])"));
}

}  // namespace
}  // namespace ho::controller
