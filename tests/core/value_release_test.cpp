// Values nested far deeper than a recursive release could handle (a template
// can build them in a loop: `$d = dict "a" $d`) are released and deep-copied
// without overflowing the stack, even on a thread with a small one.
#include <gtest/gtest.h>

#include "core/error.h"
#include "core/value.h"
#include "tests/core/stack_thread.h"

namespace ho {
namespace {

constexpr std::size_t kSmallStack = 512 << 10;
constexpr int kDepth = 200000;

TEST(ValueRelease, DeeplyNestedMapsAndListsAreReleasedOnASmallStack) {
  testing::runWithStack(kSmallStack, [] {
    Value maps = Value::string("leaf");
    for (int i = 0; i < kDepth; ++i) maps = Value::map({{"a", std::move(maps)}});
    Value lists = Value::nil();
    for (int i = 0; i < kDepth; ++i) lists = Value::list({std::move(lists), Value::floating(i)});
    EXPECT_TRUE(maps.isMap());
    EXPECT_TRUE(lists.isList());
  });  // both released here, at the end of the work
}

TEST(ValueRelease, SharedInnerValuesSurviveTheOuterRelease) {
  Value inner = Value::map({{"k", Value::string("v")}});
  {
    Value outer = Value::string("x");
    for (int i = 0; i < kDepth; ++i) outer = Value::list({i == 0 ? inner : std::move(outer)});
  }
  ASSERT_NE(inner.find("k"), nullptr);
  EXPECT_EQ(inner.find("k")->asString(), "v");
}

TEST(ValueRelease, DeepCopyOfAVeryDeepValueFailsInsteadOfOverflowing) {
  testing::runWithStack(kSmallStack, [] {
    Value maps = Value::nil();
    for (int i = 0; i < kDepth; ++i) maps = Value::map({{"a", std::move(maps)}});
    EXPECT_THROW((void)maps.deepCopy(), Failure);
    EXPECT_NO_THROW((void)Value::map({{"a", Value::list({Value::nil()})}}).deepCopy());
  });
}

}  // namespace
}  // namespace ho
