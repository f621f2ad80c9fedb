// Deeply nested input: JSON decoding refuses what encoding/json refuses
// (more than 10000 levels, Helm's wording), and decoding or encoding fails with
// an error instead of overflowing a thread's stack, even a small one.
#include <gtest/gtest.h>

#include "encoding/go_json.h"
#include "encoding/go_yaml.h"
#include "tests/core/stack_thread.h"

namespace ho::encoding {
namespace {

using ho::testing::runWithStack;

constexpr std::size_t kSmallStack = 512 << 10;  // 256 KiB above the guard's margin
constexpr std::size_t kLargeStack = 256 << 20;  // room for 10000 levels even with sanitizer frames

std::string nestedArrays(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string nestedObjects(int depth) {
  std::string text;
  for (int i = 0; i < depth; ++i) text += "{\"a\":";
  return text + "1" + std::string(depth, '}');
}

// A map nested `depth` levels deep, built without recursion.
Value nestedMaps(int depth) {
  Value value = Value::string("x");
  for (int i = 0; i < depth; ++i) value = Value::map({{"a", std::move(value)}});
  return value;
}

// Expected texts: what `fromJsonArray` and `fromJson` print in helm 3.17.
TEST(JsonNesting, DeeperThanGoMaxDepthIsRefused) {
  ASSERT_FALSE(parseJson(nestedArrays(10001)));
  EXPECT_EQ(parseJson(nestedArrays(10001)).error().message, "invalid character '[' exceeded max depth");
  EXPECT_EQ(parseJsonMap(nestedObjects(10001)).error().message, "invalid character '{' exceeded max depth");
}

TEST(JsonNesting, GoMaxDepthIsAccepted) {
  runWithStack(kLargeStack, [] {
    EXPECT_TRUE(parseJson(nestedArrays(10000)));
    EXPECT_TRUE(parseJsonMap(nestedObjects(10000)));
  });
}

TEST(JsonNesting, SmallStackRefusesInsteadOfOverflowing) {
  runWithStack(kSmallStack, [] {
    EXPECT_EQ(parseJson(nestedArrays(9000)).error().message, "invalid character '[' exceeded max depth");
  });
}

TEST(YamlNesting, SmallStackRefusesInsteadOfOverflowing) {
  runWithStack(kSmallStack, [] {
    EXPECT_EQ(parseYaml("a: " + nestedArrays(9000)).error().message,
              "error converting YAML to JSON: yaml: exceeded max depth of 10000");
  });
}

TEST(EncoderNesting, SmallStackRefusesInsteadOfOverflowing) {
  const Value deep = nestedMaps(5000);  // built and destroyed on the test's own thread
  runWithStack(kSmallStack, [&] {
    EXPECT_EQ(toJson(deep).error().message, "json: value nested too deeply to encode");
    EXPECT_EQ(toYaml(deep).error().message, "yaml: value nested too deeply to encode");
    EXPECT_EQ(toYamlV3(deep).error().message, "yaml: value nested too deeply to encode");
  });
}

// Helm's toYaml re-reads json.Marshal's output with go-yaml v2, which stops past
// 10000 nested containers (helm 3.17: 10000 maps give the YAML, 10001 give "");
// toYamlPretty's v3 encoder has no such limit.
TEST(EncoderNesting, V2OutputRefusesMoreThanTenThousandContainers) {
  runWithStack(kLargeStack, [] {
    const Value atLimit = nestedMaps(10000);
    const Value beyond = nestedMaps(10001);
    EXPECT_TRUE(toYaml(atLimit).ok());
    EXPECT_EQ(toYaml(beyond).error().message, "yaml: exceeded max depth of 10000");
    EXPECT_TRUE(toYamlV3(beyond).ok());
  });
}

}  // namespace
}  // namespace ho::encoding
