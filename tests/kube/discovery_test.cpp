// Discovery and OpenAPI documents, and CRD-defined kinds joining them.
#include <gtest/gtest.h>

#include "kube/server/crd_controller.h"
#include "kube/server/discovery.h"

namespace ho::kube {
namespace {

using nlohmann::json;

const json kCrd = json::parse(R"({"metadata":{"name":"helmreleases.helm.fluxcd.io"},
  "spec":{"group":"helm.fluxcd.io","scope":"Namespaced",
    "names":{"kind":"HelmRelease","plural":"helmreleases","shortNames":["hr"]},
    "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
      "additionalPrinterColumns":[{"name":"Phase","type":"string","jsonPath":".status.phase"}]}]}})");

TEST(Discovery_Groups, CrdGroupIsServedOnceRegistered) {
  ResourceRegistry registry;
  const auto before = apiGroupList(registry).dump();
  EXPECT_EQ(before.find("helm.fluxcd.io"), std::string::npos);
  auto types = resourceTypesFromCrd(kCrd);
  ASSERT_TRUE(types.ok()) << types.error().message;
  registry.setCustom("helmreleases.helm.fluxcd.io", types.value());
  EXPECT_NE(apiGroupList(registry).dump().find("\"helm.fluxcd.io/v1\""), std::string::npos);
  const auto resources = apiResourceList(registry, "helm.fluxcd.io", "v1");
  ASSERT_TRUE(resources);
  const json& list = (*resources)["resources"];
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0]["name"], "helmreleases");
  EXPECT_EQ(list[0]["shortNames"], json::parse(R"(["hr"])"));
  EXPECT_EQ(list[0]["singularName"], "helmrelease");
  EXPECT_EQ(list[1]["name"], "helmreleases/status");
  EXPECT_TRUE(openApiIndex(registry)["paths"].contains("apis/helm.fluxcd.io/v1"));
}

TEST(Discovery_OpenApi, EveryKindHasAPatchWithFieldValidation) {
  ResourceRegistry registry;
  const auto document = openApiDocument(registry, "apis/apps/v1");
  ASSERT_TRUE(document);
  const json& patch = (*document)["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"];
  EXPECT_EQ(patch["x-kubernetes-group-version-kind"]["kind"], "Deployment");
  EXPECT_NE(patch["parameters"].dump().find("fieldValidation"), std::string::npos);
  EXPECT_FALSE(patch["requestBody"]["content"].contains("application/strategic-merge-patch+json"));
  EXPECT_FALSE(openApiDocument(registry, "apis/nope/v1"));
}

TEST(Discovery_Crd, NameMustBePluralDotGroup) {
  json wrong = kCrd;
  wrong["metadata"]["name"] = "releases.helm.fluxcd.io";
  auto types = resourceTypesFromCrd(wrong);
  ASSERT_FALSE(types.ok());
  EXPECT_EQ(types.error().code, 422);
}

TEST(Discovery_Versions, KubernetesVersionPriority) {
  EXPECT_TRUE(versionPreferred("v1", "v1beta1"));
  EXPECT_TRUE(versionPreferred("v2", "v1"));
  EXPECT_TRUE(versionPreferred("v1beta2", "v1beta1"));
  EXPECT_TRUE(versionPreferred("v1alpha1", "foo"));
}

}  // namespace
}  // namespace ho::kube
