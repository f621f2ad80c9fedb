// Label and field selectors.
#include <gtest/gtest.h>

#include "kube/client/selectors.h"

namespace ho::kube {
namespace {

using nlohmann::json;

bool labelsMatch(const std::string& selector, const json& labels) {
  auto parsed = LabelSelector::parse(selector);
  EXPECT_TRUE(parsed.ok()) << selector;
  return parsed.ok() && parsed.value().matches(labels);
}

TEST(LabelSelector, EqualityTerms) {
  const json labels = {{"name", "rel"}, {"owner", "helm"}, {"status", "deployed"}};
  EXPECT_TRUE(labelsMatch("owner=helm", labels));
  EXPECT_TRUE(labelsMatch("name=rel,owner==helm,status!=superseded", labels));
  EXPECT_FALSE(labelsMatch("name=other,owner=helm", labels));
  EXPECT_TRUE(labelsMatch("", labels));
}

TEST(LabelSelector, SetAndExistenceTerms) {
  const json labels = {{"tier", "web"}, {"env", "prod"}};
  EXPECT_TRUE(labelsMatch("tier in (web, api),env notin (dev)", labels));
  EXPECT_FALSE(labelsMatch("tier notin (web)", labels));
  EXPECT_TRUE(labelsMatch("env,!canary", labels));
  EXPECT_FALSE(labelsMatch("canary", labels));
  EXPECT_FALSE(labelsMatch("owner=helm", nullptr));
}

// The selectors of controller shards (docs/operations.md): a qualified key, a
// set of values with or without spaces, and the unlabelled rest.
TEST(LabelSelector, ShardSelectorsPartitionTheObjects) {
  const json shard1 = {{"sharding.fluxcd.io/key", "shard1"}};
  const json shard3 = {{"sharding.fluxcd.io/key", "shard3"}};
  const json unlabelled = json::object();
  EXPECT_TRUE(labelsMatch("sharding.fluxcd.io/key=shard1", shard1));
  EXPECT_TRUE(labelsMatch("sharding.fluxcd.io/key in (shard1)", shard1));
  EXPECT_FALSE(labelsMatch("sharding.fluxcd.io/key notin (shard1,shard2)", shard1));
  EXPECT_TRUE(labelsMatch("sharding.fluxcd.io/key notin (shard1, shard2)", shard3));
  EXPECT_TRUE(labelsMatch("sharding.fluxcd.io/key notin (shard1,shard2)", unlabelled));
  EXPECT_TRUE(labelsMatch("!sharding.fluxcd.io/key", unlabelled));
  EXPECT_FALSE(labelsMatch("!sharding.fluxcd.io/key", shard3));
  EXPECT_TRUE(labelsMatch("sharding.fluxcd.io/key,sharding.fluxcd.io/key!=shard1", shard3));
  EXPECT_FALSE(labelsMatch("sharding.fluxcd.io/key", unlabelled));
  EXPECT_FALSE(LabelSelector::parse("sharding.fluxcd.io/key in ()").ok());
  EXPECT_FALSE(LabelSelector::parse("sharding.fluxcd.io/key in (shard1").ok());
}

TEST(FieldSelector, NestedFieldsOfEvents) {
  const json event = {{"metadata", {{"name", "e1"}, {"namespace", "default"}}},
                      {"involvedObject", {{"kind", "HelmRelease"}, {"name", "podinfo"}, {"uid", "u-1"}}}};
  auto selector = FieldSelector::parse("involvedObject.name=podinfo,involvedObject.kind=HelmRelease,metadata.namespace=default");
  ASSERT_TRUE(selector.ok());
  EXPECT_TRUE(selector.value().matches(event));
  auto other = FieldSelector::parse("metadata.name!=e1");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other.value().matches(event));
}

TEST(FieldSelector, MalformedIsRefused) {
  auto selector = FieldSelector::parse("metadata.name");
  ASSERT_FALSE(selector.ok());
  EXPECT_EQ(selector.error().message, "unable to parse requirement: invalid field selector: \"metadata.name\"");
}

}  // namespace
}  // namespace ho::kube
