// HelmRelease parsing: every Flux v1 field, the additive fields, and errors
// that name the offending field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "controller/helmrelease/helm_release.h"

namespace ho::controller {
namespace {

nlohmann::json minimalObject() {
  return nlohmann::json::parse(R"({
    "apiVersion": "helm.fluxcd.io/v1", "kind": "HelmRelease",
    "metadata": {"name": "podinfo", "namespace": "apps"},
    "spec": {"chart": {"repository": "http://127.0.0.1:8879", "name": "podinfo", "version": "6.5.0"}}
  })");
}

HelmRelease parseOk(const nlohmann::json& object) {
  Result<HelmRelease> parsed = parseHelmRelease(object);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? parsed.value() : HelmRelease{};
}

std::string parseError(const nlohmann::json& object) {
  Result<HelmRelease> parsed = parseHelmRelease(object);
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? "" : parsed.error().message;
}

std::string specError(const char* field, const nlohmann::json& value) {
  nlohmann::json object = minimalObject();
  object["spec"][field] = value;
  return parseError(object);
}

TEST(HelmReleaseParse, EveryFluxV1FieldIsRead) {
  const HelmRelease release = parseOk(nlohmann::json::parse(R"({
    "apiVersion": "helm.fluxcd.io/v1", "kind": "HelmRelease",
    "metadata": {"name": "web", "namespace": "apps", "uid": "u-1", "resourceVersion": "42", "generation": 3},
    "spec": {
      "chart": {"git": "ssh://git@example.com/org/charts.git", "ref": "main", "path": "charts/web",
                "secretRef": {"name": "git-auth", "namespace": "flux"}, "skipDepUpdate": true,
                "chartPullSecret": {"name": "pull"}},
      "releaseName": "web-release", "targetNamespace": "prod",
      "values": {"replicaCount": 2, "image": {"tag": "1.0"}, "list": [1, "a", null, true]},
      "valuesFrom": [
        {"configMapKeyRef": {"name": "cm", "namespace": "other", "key": "v.yaml", "optional": true}},
        {"secretKeyRef": {"name": "sec"}},
        {"externalSourceRef": {"url": "https://example.com/values.yaml", "optional": true}},
        {"chartFileRef": {"path": "values-prod.yaml"}}
      ],
      "valueFileSecrets": [{"name": "legacy"}],
      "timeout": 600, "resetValues": false, "skipCRDs": true, "wait": false, "forceUpgrade": true,
      "maxHistory": 0,
      "rollback": {"enable": true, "retry": true, "maxRetries": 2, "force": true, "recreate": true,
                   "disableHooks": true, "timeout": 60, "wait": true},
      "test": {"enable": true, "ignoreFailures": true, "timeout": 30, "cleanup": false},
      "helmVersion": "v3", "disableOpenAPIValidation": true,
      "suspend": true, "dependsOn": [{"name": "db"}, {"name": "cache", "namespace": "infra"}],
      "driftDetection": {"mode": "warn", "ignore": [{"paths": ["/spec/replicas"]}]}
    },
    "status": {"phase": "Succeeded", "releaseName": "web-release", "observedGeneration": 2}
  })"));

  EXPECT_EQ(release.name, "web");
  EXPECT_EQ(release.namespace_, "apps");
  EXPECT_EQ(release.uid, "u-1");
  EXPECT_EQ(release.resourceVersion, "42");
  EXPECT_EQ(release.generation, 3);

  const HelmReleaseSpec& spec = release.spec;
  EXPECT_EQ(spec.chart.kind, ChartSourceKind::Git);
  EXPECT_EQ(spec.chart.git, "ssh://git@example.com/org/charts.git");
  EXPECT_EQ(spec.chart.ref, "main");
  EXPECT_EQ(spec.chart.path, "charts/web");
  EXPECT_EQ(spec.chart.secretRef, (ObjectReference{"git-auth", "flux"}));
  EXPECT_TRUE(spec.chart.skipDepUpdate);
  EXPECT_EQ(spec.chart.chartPullSecret, LocalObjectReference{"pull"});
  EXPECT_EQ(spec.releaseName, "web-release");
  EXPECT_EQ(spec.targetNamespace, "prod");

  ASSERT_TRUE(spec.values.isMap());
  EXPECT_EQ(spec.values.find("replicaCount")->goType(), GoType::Float64);  // json.Unmarshal's numbers
  EXPECT_EQ(spec.values.find("replicaCount")->asFloat(), 2.0);
  EXPECT_EQ(spec.values.find("image")->find("tag")->asString(), "1.0");
  ASSERT_EQ(spec.values.find("list")->asList().size(), 4U);
  EXPECT_TRUE(spec.values.find("list")->asList()[2].isNil());

  ASSERT_EQ(spec.valuesFrom.size(), 4U);
  const auto& configMap = std::get<ConfigMapKeyReference>(spec.valuesFrom[0]);
  EXPECT_EQ(configMap.name, "cm");
  EXPECT_EQ(configMap.namespace_, "other");
  EXPECT_EQ(configMap.key, "v.yaml");
  EXPECT_TRUE(configMap.optional);
  EXPECT_EQ(std::get<SecretKeyReference>(spec.valuesFrom[1]).name, "sec");
  EXPECT_EQ(std::get<ExternalSourceReference>(spec.valuesFrom[2]),
            (ExternalSourceReference{"https://example.com/values.yaml", true}));
  EXPECT_EQ(std::get<ChartFileReference>(spec.valuesFrom[3]), (ChartFileReference{"values-prod.yaml", false}));
  EXPECT_EQ(spec.valueFileSecrets, std::vector<LocalObjectReference>{{"legacy"}});

  EXPECT_EQ(spec.timeout, 600);
  EXPECT_EQ(spec.resetValues, false);
  EXPECT_TRUE(spec.skipCRDs);
  EXPECT_EQ(spec.wait, false);
  EXPECT_TRUE(spec.forceUpgrade);
  EXPECT_EQ(spec.maxHistory, 0);

  EXPECT_TRUE(spec.rollback.enable);
  EXPECT_TRUE(spec.rollback.retry);
  EXPECT_EQ(spec.rollback.maxRetries, 2);
  EXPECT_TRUE(spec.rollback.force);
  EXPECT_TRUE(spec.rollback.recreate);
  EXPECT_TRUE(spec.rollback.disableHooks);
  EXPECT_EQ(spec.rollback.timeout, 60);
  EXPECT_TRUE(spec.rollback.wait);

  EXPECT_TRUE(spec.test.enable);
  EXPECT_EQ(spec.test.ignoreFailures, true);
  EXPECT_EQ(spec.test.timeout, 30);
  EXPECT_EQ(spec.test.cleanup, false);

  EXPECT_EQ(spec.helmVersion, "v3");
  EXPECT_TRUE(spec.disableOpenAPIValidation);
  EXPECT_TRUE(spec.suspend);
  EXPECT_EQ(spec.dependsOn, (std::vector<DependencyReference>{{"db", ""}, {"cache", "infra"}}));
  ASSERT_TRUE(spec.driftDetection.has_value());
  EXPECT_EQ(spec.driftDetection->mode, "warn");
  ASSERT_EQ(spec.driftDetection->ignore.size(), 1U);
  EXPECT_EQ(spec.driftDetection->ignore[0].paths, std::vector<std::string>{"/spec/replicas"});
  EXPECT_FALSE(spec.driftDetection->ignore[0].target.has_value());

  EXPECT_EQ(release.status.phase, Phase::Succeeded);
  EXPECT_EQ(release.status.releaseName, "web-release");
  EXPECT_EQ(release.status.observedGeneration, 2);
}

TEST(HelmReleaseParse, RepositoryChartAndUnsetFieldsStayUnset) {
  const HelmRelease release = parseOk(minimalObject());
  const HelmReleaseSpec& spec = release.spec;
  EXPECT_EQ(spec.chart.kind, ChartSourceKind::Repository);
  EXPECT_EQ(spec.chart.repository, "http://127.0.0.1:8879");
  EXPECT_EQ(spec.chart.name, "podinfo");
  EXPECT_EQ(spec.chart.version, "6.5.0");
  EXPECT_FALSE(spec.chart.chartPullSecret.has_value());
  EXPECT_TRUE(spec.values.isNil());
  EXPECT_FALSE(spec.timeout.has_value());
  EXPECT_FALSE(spec.resetValues.has_value());
  EXPECT_FALSE(spec.wait.has_value());
  EXPECT_FALSE(spec.maxHistory.has_value());
  EXPECT_FALSE(spec.rollback.maxRetries.has_value());
  EXPECT_FALSE(spec.test.ignoreFailures.has_value());
  EXPECT_FALSE(spec.driftDetection.has_value());
  EXPECT_FALSE(release.status.phase.has_value());
}

TEST(HelmReleaseParse, GitSourceWinsWhenBothSourcesAreGiven) {
  nlohmann::json object = minimalObject();
  object["spec"]["chart"]["git"] = "https://example.com/charts.git";
  object["spec"]["chart"]["path"] = "podinfo";
  EXPECT_EQ(parseOk(object).spec.chart.kind, ChartSourceKind::Git);
}

TEST(HelmReleaseParse, NullFieldsReadAsAbsent) {
  nlohmann::json object = minimalObject();
  object["spec"]["values"] = nullptr;
  object["spec"]["timeout"] = nullptr;
  object["status"] = nullptr;
  const HelmRelease release = parseOk(object);
  EXPECT_TRUE(release.spec.values.isNil());
  EXPECT_FALSE(release.spec.timeout.has_value());
}

TEST(HelmReleaseParse, WholeFloatsAreAcceptedAsIntegers) {
  EXPECT_EQ(parseOk([] {
              nlohmann::json object = minimalObject();
              object["spec"]["timeout"] = 120.0;
              return object;
            }())
                .spec.timeout,
            120);
}

TEST(HelmReleaseParse, MissingChartSourceNamesTheChoices) {
  nlohmann::json object = minimalObject();
  object["spec"]["chart"] = {{"repository", "http://127.0.0.1:8879"}, {"name", "podinfo"}};
  EXPECT_EQ(parseError(object), "spec.chart: one of repository+name+version or git+path is required");
  object["spec"]["chart"] = {{"git", "https://example.com/charts.git"}, {"ref", "main"}};
  EXPECT_EQ(parseError(object), "spec.chart: one of repository+name+version or git+path is required");
  object["spec"].erase("chart");
  EXPECT_EQ(parseError(object), "spec.chart: required");
}

TEST(HelmReleaseParse, TypeErrorsNameTheFieldAndTheValue) {
  EXPECT_EQ(specError("timeout", "abc"), R"(spec.timeout: expected an integer number of seconds, got "abc")");
  EXPECT_EQ(specError("timeout", -5), "spec.timeout: expected a non-negative integer number of seconds, got -5");
  EXPECT_EQ(specError("timeout", 1.5), "spec.timeout: expected an integer number of seconds, got 1.5");
  EXPECT_EQ(specError("maxHistory", "10"), R"(spec.maxHistory: expected an integer, got "10")");
  EXPECT_EQ(specError("wait", "yes"), R"(spec.wait: expected a boolean, got "yes")");
  EXPECT_EQ(specError("releaseName", 5), "spec.releaseName: expected a string, got 5");
  EXPECT_EQ(specError("values", nlohmann::json::array({1})), "spec.values: expected an object, got [1]");
  EXPECT_EQ(specError("rollback", {{"timeout", "1m"}}),
            R"(spec.rollback.timeout: expected an integer number of seconds, got "1m")");
  EXPECT_EQ(specError("test", {{"ignoreFailures", 1}}), "spec.test.ignoreFailures: expected a boolean, got 1");
  EXPECT_EQ(specError("rollback", "yes"), R"(spec.rollback: expected an object, got "yes")");
  EXPECT_EQ(specError("valuesFrom", {{"configMapKeyRef", {{"name", "x"}}}}),
            R"(spec.valuesFrom: expected a list, got {"configMapKeyRef":{"name":"x"}})");
}

TEST(HelmReleaseParse, HelmVersionTwoIsRefused) {
  EXPECT_EQ(specError("helmVersion", "v2"), "spec.helmVersion: v2 is not supported by this operator (Helm 3 only)");
  EXPECT_EQ(specError("helmVersion", "v4"), R"(spec.helmVersion: expected "v3", got "v4")");
}

TEST(HelmReleaseParse, ValuesFromEntriesNeedExactlyOneSourceAndItsRequiredField) {
  const char* kExpected =
      "spec.valuesFrom[0]: expected exactly one of configMapKeyRef, secretKeyRef, externalSourceRef or chartFileRef";
  EXPECT_EQ(specError("valuesFrom", nlohmann::json::array({nlohmann::json::object()})), kExpected);
  EXPECT_EQ(specError("valuesFrom", nlohmann::json::parse(R"([{"configMapKeyRef": {"name": "a"},
                                                               "secretKeyRef": {"name": "b"}}])")),
            kExpected);
  EXPECT_EQ(specError("valuesFrom", nlohmann::json::parse(R"([{"secretKeyRef": {"name": "a"}},
                                                               {"configMapKeyRef": {"key": "x"}}])")),
            "spec.valuesFrom[1].configMapKeyRef.name: required");
  EXPECT_EQ(specError("valuesFrom", nlohmann::json::parse(R"([{"externalSourceRef": {}}])")),
            "spec.valuesFrom[0].externalSourceRef.url: required");
  EXPECT_EQ(specError("valuesFrom", nlohmann::json::parse(R"([{"chartFileRef": {"optional": true}}])")),
            "spec.valuesFrom[0].chartFileRef.path: required");
  EXPECT_EQ(specError("valueFileSecrets", nlohmann::json::parse(R"([{}])")), "spec.valueFileSecrets[0].name: required");
}

TEST(HelmReleaseParse, AdditiveFieldsAreValidated) {
  EXPECT_EQ(specError("dependsOn", nlohmann::json::parse(R"([{"namespace": "x"}])")), "spec.dependsOn[0].name: required");
  EXPECT_EQ(specError("driftDetection", {{"mode", "always"}}),
            R"(spec.driftDetection.mode: expected one of enabled, warn or disabled, got "always")");
  const auto driftError = [](const char* ignore) {
    return specError("driftDetection", {{"ignore", nlohmann::json::parse(ignore)}});
  };
  EXPECT_EQ(driftError(R"([{"target": {"kind": "Deployment"}}])"), "spec.driftDetection.ignore[0].paths: required");
  EXPECT_EQ(driftError(R"([{"paths": []}])"),
            "spec.driftDetection.ignore[0].paths: expected a non-empty list of JSON pointers, got []");
  EXPECT_EQ(driftError(R"([{"paths": ["/spec/replicas"]}, {"paths": ["/spec/replicas", "spec.replicas"]}])"),
            R"(spec.driftDetection.ignore[1].paths[1]: expected a JSON pointer starting with "/", got "spec.replicas")");
  EXPECT_EQ(driftError(R"([{"paths": ["/data"], "target": {"kind": 1}}])"),
            "spec.driftDetection.ignore[0].target.kind: expected a string, got 1");
  EXPECT_EQ(driftError(R"({"paths": ["/data"]})"),
            R"(spec.driftDetection.ignore: expected a list, got {"paths":["/data"]})");
  EXPECT_EQ(specError("suspend", "true"), R"(spec.suspend: expected a boolean, got "true")");
}

TEST(HelmReleaseParse, ObjectLevelErrors) {
  EXPECT_EQ(parseError(nlohmann::json::array()), "expected a HelmRelease object, got []");
  nlohmann::json object = minimalObject();
  object["kind"] = "ConfigMap";
  EXPECT_EQ(parseError(object), R"(kind: expected "HelmRelease", got "ConfigMap")");
  object = minimalObject();
  object["apiVersion"] = "helm.toolkit.fluxcd.io/v2";
  EXPECT_EQ(parseError(object), R"(apiVersion: expected "helm.fluxcd.io/v1", got "helm.toolkit.fluxcd.io/v2")");
  object = minimalObject();
  object["metadata"].erase("name");
  EXPECT_EQ(parseError(object), "metadata.name: required");
  object = minimalObject();
  object.erase("spec");
  EXPECT_EQ(parseError(object), "spec: required");
  object = minimalObject();
  object["status"] = {{"phase", "Migrating"}};
  EXPECT_EQ(parseError(object), R"(status.phase: unknown phase "Migrating")");
}

}  // namespace
}  // namespace ho::controller
