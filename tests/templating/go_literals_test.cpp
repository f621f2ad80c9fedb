// strconv.Unquote as the parser reads string literals: the general unquoting
// and the trivial case where the literal's body is its value, viewed in place.
#include "templating/go_literals.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace ho::tmpl {
namespace {

TEST(GoLiterals, UnquotedInPlaceOnlyWhenTheBodyIsTheValue) {
  EXPECT_EQ(unquotedInPlace("\"abc\""), std::optional<std::string_view>("abc"));
  EXPECT_EQ(unquotedInPlace("\"\""), std::optional<std::string_view>(""));
  EXPECT_EQ(unquotedInPlace("\"h\xc3\xa9llo\""), std::optional<std::string_view>("h\xc3\xa9llo"));
  EXPECT_EQ(unquotedInPlace("`raw \\n \"x\"`"), std::optional<std::string_view>("raw \\n \"x\""));
  EXPECT_EQ(unquotedInPlace("`raw \xff`"), std::optional<std::string_view>("raw \xff"));  // raw: no UTF-8 check
  for (const char* needsWork :
       {"\"a\\nb\"", "\"a\"b\"", "\"a\nb\"", "\"\xff\"", "`a\rb`", "`a`b`", "'a'", "\"a", "x"}) {
    EXPECT_EQ(unquotedInPlace(needsWork), std::nullopt) << needsWork;
  }
}

TEST(GoLiterals, UnquoteGoStringAgreesWithStrconv) {
  EXPECT_EQ(unquoteGoString("\"a\\tb\\u00e9\""), std::optional<std::string>("a\tb\xc3\xa9"));
  EXPECT_EQ(unquoteGoString("\"\xff\""), std::optional<std::string>("\xef\xbf\xbd"));  // RuneError
  EXPECT_EQ(unquoteGoString("`a\rb`"), std::optional<std::string>("ab"));
  EXPECT_EQ(unquoteGoString("\"a\"b\""), std::nullopt);
  EXPECT_EQ(unquoteGoString("\"a\nb\""), std::nullopt);
  EXPECT_EQ(unquoteGoString("`a`b`"), std::nullopt);
}

}  // namespace
}  // namespace ho::tmpl
