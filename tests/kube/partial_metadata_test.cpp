// The bundled API server answers metadata-only GETs and LISTs
// (as=PartialObjectMetadata[List]), as RestClient::listMetadata asks for them.
#include <gtest/gtest.h>

#include "e2e_support.h"
#include "kube/client/core_resources.h"

namespace ho::kube {
namespace {

TEST(PartialMetadata, AListCarriesOnlyTheMetadataOfTheSelectedItems) {
  testing::LiveCluster cluster;
  auto client = cluster.connect();
  ASSERT_TRUE(client) << client.error().message;
  const std::string secrets = client::resourcePath(client::kSecrets, "default");
  for (const char* name : {"a", "b"}) {
    const nlohmann::json secret = {{"apiVersion", "v1"},
                                   {"kind", "Secret"},
                                   {"metadata", {{"name", name}, {"labels", {{"owner", name}}}}},
                                   {"data", {{"k", "dmFsdWU="}}}};
    ASSERT_TRUE((*client)->create(secrets, secret));
  }
  auto list = (*client)->listMetadata(secrets + "?labelSelector=owner%3Da");
  ASSERT_TRUE(list) << list.error().message;
  EXPECT_EQ((*list)["kind"], "PartialObjectMetadataList");
  EXPECT_EQ((*list)["apiVersion"], "meta.k8s.io/v1");
  EXPECT_FALSE((*list)["metadata"].value("resourceVersion", "").empty());
  ASSERT_EQ((*list)["items"].size(), 1U);
  const nlohmann::json& item = (*list)["items"][0];
  EXPECT_EQ(item["kind"], "PartialObjectMetadata");
  EXPECT_EQ(item["metadata"]["name"], "a");
  EXPECT_FALSE(item["metadata"].value("resourceVersion", "").empty());
  EXPECT_FALSE(item.contains("data"));
}

}  // namespace
}  // namespace ho::kube
