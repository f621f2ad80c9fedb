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

// The stop is found wherever it falls, in the sixteen-byte steps and in the
// bytes after the last whole step, and only the asked quote counts.
TEST(GoLiterals, QuotedLiteralStopFindsTheFirstQuoteBackslashOrNewline) {
  for (std::size_t length : {0u, 5u, 16u, 17u, 40u}) {
    const std::string plain(length, 'a');
    EXPECT_EQ(quotedLiteralStop(plain, 0, '"'), length);
    EXPECT_EQ(quotedLiteralStop(plain + "'", 0, '"'), length + 1) << "a single quote does not end a double-quoted one";
    for (char stop : {'"', '\\', '\n'}) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text = plain;
        text[at] = stop;
        text += "\"";  // a later stop must not be the one found
        EXPECT_EQ(quotedLiteralStop(text, 0, '"'), at) << length << " bytes, stop at " << at;
        EXPECT_EQ(quotedLiteralStop(text, at, '"'), at);
      }
    }
  }
  EXPECT_EQ(quotedLiteralStop("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9'x", 0, '\''), 18u);
  EXPECT_EQ(quotedLiteralStop(std::string(20, 'b') + "'", 3, '\''), 20u);
}

}  // namespace
}  // namespace ho::tmpl
