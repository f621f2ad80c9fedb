// WrittenVersions: when the informer's copy of a HelmRelease may replace a GET.
#include "controller/reconciler/written_versions.h"

#include <gtest/gtest.h>

namespace ho::controller {
namespace {

nlohmann::json withVersion(const std::string& version) {
  return {{"metadata", {{"name", "web"}, {"namespace", "apps"}, {"resourceVersion", version}}}};
}

TEST(WrittenVersions, AnyCachedCopyServesAKeyNeverWritten) {
  const WrittenVersions writes;
  EXPECT_TRUE(writes.includesLastWrite("apps/web", withVersion("7")));
}

TEST(WrittenVersions, ACopyOlderThanTheLastWriteIsNotUsed) {
  WrittenVersions writes;
  writes.record("apps/web", withVersion("12"));
  EXPECT_FALSE(writes.includesLastWrite("apps/web", withVersion("11")));
  EXPECT_FALSE(writes.includesLastWrite("apps/web", withVersion("9")));
  EXPECT_TRUE(writes.includesLastWrite("apps/web", withVersion("12")));
  EXPECT_TRUE(writes.includesLastWrite("apps/web", withVersion("100")));
  EXPECT_TRUE(writes.includesLastWrite("apps/other", withVersion("1")));
}

TEST(WrittenVersions, VersionsThatAreNotNumbersMustBeEqual) {
  WrittenVersions writes;
  writes.record("apps/web", withVersion("abc"));
  EXPECT_TRUE(writes.includesLastWrite("apps/web", withVersion("abc")));
  EXPECT_FALSE(writes.includesLastWrite("apps/web", withVersion("abd")));
  EXPECT_FALSE(writes.includesLastWrite("apps/web", withVersion("99")));
}

TEST(WrittenVersions, ACopyWithoutAVersionIsNeverUsed) {
  const WrittenVersions writes;
  EXPECT_FALSE(writes.includesLastWrite("apps/web", nlohmann::json{{"metadata", {{"name", "web"}}}}));
}

TEST(WrittenVersions, ForgettingAKeyAcceptsAnyCopyAgain) {
  WrittenVersions writes;
  writes.record("apps/web", withVersion("12"));
  writes.forget("apps/web");
  EXPECT_TRUE(writes.includesLastWrite("apps/web", withVersion("3")));
}

}  // namespace
}  // namespace ho::controller
