// go-yaml v2's resolution of plain scalars: every word of its table (along
// with its near misses), numbers and strings, and the cheap pre-test beside it:
// mayBeNonFiniteFloat is false only for texts that never resolve to a NaN or
// an infinity.
#include "encoding/yaml_resolve.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace ho::encoding {
namespace {

TEST(YamlResolve, WordsNumbersAndStrings) {
  EXPECT_EQ(resolvePlainScalar("yes").kind, ScalarKind::Bool);
  EXPECT_EQ(resolvePlainScalar("FALSE").kind, ScalarKind::Bool);
  EXPECT_EQ(resolvePlainScalar("~").kind, ScalarKind::Null);
  EXPECT_EQ(resolvePlainScalar("").kind, ScalarKind::Null);
  EXPECT_EQ(resolvePlainScalar("nulls").kind, ScalarKind::String);
  EXPECT_EQ(resolvePlainScalar("namespace").kind, ScalarKind::String);
  EXPECT_EQ(resolvePlainScalar("0x1F").kind, ScalarKind::Int);
  EXPECT_EQ(resolvePlainScalar("18446744073709551615").kind, ScalarKind::Uint);
  EXPECT_EQ(resolvePlainScalar("1e308").kind, ScalarKind::Float);
  EXPECT_EQ(resolvePlainScalar("1e999").kind, ScalarKind::String);  // out of range: Go's ParseFloat fails
  EXPECT_EQ(resolvePlainScalar("2001-12-14").kind, ScalarKind::Timestamp);
}

TEST(YamlResolve, EveryWordOfTheTable) {
  for (const char* word : {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
    const ResolvedScalar r = resolvePlainScalar(word);
    EXPECT_EQ(r.kind, ScalarKind::Bool) << word;
    EXPECT_TRUE(r.boolValue) << word;
  }
  for (const char* word : {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
    const ResolvedScalar r = resolvePlainScalar(word);
    EXPECT_EQ(r.kind, ScalarKind::Bool) << word;
    EXPECT_FALSE(r.boolValue) << word;
  }
  for (const char* word : {"", "~", "null", "Null", "NULL"}) EXPECT_EQ(resolvePlainScalar(word).kind, ScalarKind::Null);
  EXPECT_LT(resolvePlainScalar("-.Inf").floatValue, 0);
  EXPECT_GT(resolvePlainScalar("+.INF").floatValue, 0);
  EXPECT_TRUE(std::isnan(resolvePlainScalar(".NaN").floatValue));
  for (const char* near : {"yES", "tRUE", "nulL", "Off.", ".inF", "+.nan", "ye", "of", "on "}) {
    EXPECT_EQ(resolvePlainScalar(near).kind, ScalarKind::String) << near;
  }
}

TEST(YamlResolve, OnlyDotPlusAndMinusStartNonFiniteFloats) {
  for (const std::string text : {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
                                 ".NaN", ".NAN"}) {
    const ResolvedScalar r = resolvePlainScalar(text);
    ASSERT_EQ(r.kind, ScalarKind::Float) << text;
    EXPECT_FALSE(std::isfinite(r.floatValue)) << text;
    EXPECT_TRUE(mayBeNonFiniteFloat(text)) << text;
  }
  for (const std::string text : {"1e999", "9e99999", "1_0e999", "0x1p9999", "inf", "nan", "Infinity", "NaN", "", "x"}) {
    const ResolvedScalar r = resolvePlainScalar(text);
    EXPECT_TRUE(r.kind != ScalarKind::Float || std::isfinite(r.floatValue)) << text;
    EXPECT_FALSE(mayBeNonFiniteFloat(text)) << text;
  }
}

}  // namespace
}  // namespace ho::encoding
