// Behaviours a rendered template cannot pin down: fail's own message (Helm's
// engine rewrites it afterwards), and the character sets of random strings.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "tests/sprig/sprig_call.h"
#include "tests/sprig/strings_render.h"

namespace ho::tmpl::testing {
namespace {

TEST(Fail, ThrowsItsMessage) {
  EXPECT_EQ(callFailure(*stringFamilies(), "fail", {goStr("custom failure")}), "custom failure");
}

std::string call(const std::string& name, std::int64_t count) {
  return callFunction(*stringFamilies(), name, {goInt(count)}).asString();
}

TEST(RandomStrings, UseTheirCharacterSets) {
  std::string alnum = call("randAlphaNum", 200);
  EXPECT_EQ(alnum.size(), 200u);
  EXPECT_TRUE(std::all_of(alnum.begin(), alnum.end(), [](unsigned char c) { return std::isalnum(c); }));
  std::string alpha = call("randAlpha", 200);
  EXPECT_TRUE(std::all_of(alpha.begin(), alpha.end(), [](unsigned char c) { return std::isalpha(c); }));
  std::string digits = call("randNumeric", 200);
  EXPECT_TRUE(std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }));
  std::string ascii = call("randAscii", 200);
  EXPECT_TRUE(std::all_of(ascii.begin(), ascii.end(), [](unsigned char c) { return c >= 32 && c < 127; }));
  EXPECT_EQ(call("randAlpha", -1), "");
}

TEST(Uuidv4, IsAVersion4Uuid) {
  std::string uuid = callFunction(*stringFamilies(), "uuidv4", {}).asString();
  ASSERT_EQ(uuid.size(), 36u);
  EXPECT_EQ(uuid[8], '-');
  EXPECT_EQ(uuid[14], '4');
  EXPECT_NE(std::string("89ab").find(uuid[19]), std::string::npos);
}

TEST(Shuffle, KeepsTheRunes) {
  std::string shuffled = callFunction(*stringFamilies(), "shuffle", {goStr("h\xC3\xA9llo")}).asString();
  EXPECT_EQ(shuffled.size(), 6u);
  EXPECT_NE(shuffled.find("\xC3\xA9"), std::string::npos);
}

}  // namespace
}  // namespace ho::tmpl::testing
