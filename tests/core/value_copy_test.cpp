// Value::deepCopy: every list and map at every depth is a fresh one with the
// same entries and Go type; scalars and objects are shared.
#include <gtest/gtest.h>

#include "core/value.h"

namespace ho {
namespace {

// Whether `a` and `b` are equal trees whose lists and maps are all distinct objects.
void expectDistinctCopy(const Value& a, const Value& b) {
  ASSERT_EQ(a.kind(), b.kind());
  EXPECT_EQ(a.goType(), b.goType());
  if (a.isList()) {
    EXPECT_FALSE(a.sameReference(b));
    ASSERT_EQ(a.asList().size(), b.asList().size());
    for (std::size_t i = 0; i < a.asList().size(); ++i) expectDistinctCopy(a.asList()[i], b.asList()[i]);
  } else if (a.isMap()) {
    EXPECT_FALSE(a.sameReference(b));
    ASSERT_EQ(a.asMap().size(), b.asMap().size());
    auto it = b.asMap().begin();
    for (const auto& [key, value] : a.asMap()) {
      EXPECT_EQ(key, it->first);
      expectDistinctCopy(value, it->second);
      ++it;
    }
  } else if (a.isString()) {
    EXPECT_EQ(a.asString(), b.asString());
  }
}

TEST(ValueCopy, DeepCopiesEveryNestedListAndMap) {
  const Value original = Value::map(
      {{"b", Value::list({Value::map({{"x", Value::integer(1)}, {"y", Value::list({}, GoType::StringList)}}),
                          Value::string("s"), Value::nil()})},
       {"a", Value::map({{"deep", Value::map({{"deeper", Value::list({Value::boolean(true)})}})}}, GoType::StringMap)},
       {"c", Value::floating(1.5)}});
  const Value copy = original.deepCopy();
  expectDistinctCopy(original, copy);

  // Changing the copy at any depth leaves the original as it was.
  copy.asMap().at("b").asList()[0].mutableMap()["x"] = Value::integer(2);
  copy.asMap().at("a").asMap().at("deep").mutableMap().erase("deeper");
  EXPECT_EQ(original.asMap().at("b").asList()[0].asMap().at("x").asInt(), 1);
  EXPECT_EQ(original.asMap().at("a").asMap().at("deep").asMap().size(), 1u);
}

}  // namespace
}  // namespace ho
