// Request bodies parsed with Go's JSON nesting limit (kube/server/bounded_json.h).
#include <gtest/gtest.h>

#include <string>

#include "kube/server/bounded_json.h"

namespace ho::kube {
namespace {

std::string nestedArrays(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(BoundedJson, GoMaxDepthIsAccepted) {
  EXPECT_FALSE(parseBoundedJson(nestedArrays(kMaxJsonNestingDepth)).is_discarded());
}

TEST(BoundedJson, DeeperThanGoMaxDepthIsRefused) {
  EXPECT_TRUE(parseBoundedJson(nestedArrays(kMaxJsonNestingDepth + 1)).is_discarded());
  EXPECT_TRUE(parseBoundedJson("{\"a\":" + nestedArrays(50000) + "}").is_discarded());
}

TEST(BoundedJson, BracketsInsideStringsDoNotCount) {
  const std::string brackets(kMaxJsonNestingDepth + 1, '[');
  const nlohmann::json parsed = parseBoundedJson(R"({"a": "\")" + brackets + R"("})");
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed["a"].get<std::string>(), "\"" + brackets);
}

TEST(BoundedJson, InvalidJsonIsDiscardedAsByTheParser) {
  EXPECT_TRUE(parseBoundedJson("{\"a\": ").is_discarded());
  EXPECT_EQ(parseBoundedJson(R"({"a": [1, {"b": null}]})")["a"][1]["b"], nullptr);
}

}  // namespace
}  // namespace ho::kube
