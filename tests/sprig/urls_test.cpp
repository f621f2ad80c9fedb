// Sprig urlParse/urlJoin and Helm's getHostByName; expected values are what
// Helm 3.17.3 prints.
#include <gtest/gtest.h>

#include "templating/go_format.h"
#include "templating/sprig/urls.h"
#include "tests/sprig/sprig_call.h"

namespace ho::tmpl {
namespace {

using namespace ho::tmpl::testing;

class Urls : public ::testing::Test {
 protected:
  Urls() { registerUrlFunctions(table); }
  std::string show(const std::string& name, std::vector<Value> args) {
    return formatValue(callFunction(table, name, std::move(args)));
  }
  FunctionTable table;
};

TEST_F(Urls, ParseSplitsAndUnescapes) {
  EXPECT_EQ(show("urlParse", {goStr("https://user:pa%20ss@example.com:8080/a%20b/c?x=1&y=%20#frag%21")}),
            "map[fragment:frag! host:example.com:8080 hostname:example.com opaque: path:/a b/c query:x=1&y=%20 "
            "scheme:https userinfo:user:pa%20ss]");
  EXPECT_EQ(show("urlParse", {goStr("mailto:joe@example.com")}),
            "map[fragment: host: hostname: opaque:joe@example.com path: query: scheme:mailto userinfo:]");
  EXPECT_EQ(show("urlParse", {goStr("/just/path")}),
            "map[fragment: host: hostname: opaque: path:/just/path query: scheme: userinfo:]");
  EXPECT_EQ(show("urlParse", {goStr("http://[::1]:80/x")}),
            "map[fragment: host:[::1]:80 hostname:::1 opaque: path:/x query: scheme:http userinfo:]");
}

TEST_F(Urls, ParseErrors) {
  EXPECT_EQ(callFailure(table, "urlParse", {goStr("http://a b.com/")}),
            "unable to parse url: parse \"http://a b.com/\": invalid character \" \" in host name");
  EXPECT_EQ(callFailure(table, "urlParse", {goStr(":foo")}), "unable to parse url: parse \":foo\": missing protocol scheme");
}

TEST_F(Urls, JoinEscapesEachPart) {
  EXPECT_EQ(show("urlJoin", {goDict({{"scheme", goStr("mailto")}, {"opaque", goStr("joe@example.com")}})}),
            "mailto:joe@example.com");
  EXPECT_EQ(show("urlJoin", {goDict({{"path", goStr("a:b")}})}), "./a:b");
  EXPECT_EQ(show("urlJoin", {goDict({{"host", goStr("h")}, {"path", goStr("p")}})}), "//h/p");
  EXPECT_EQ(show("urlJoin", {goDict({})}), "");
  EXPECT_EQ(show("urlJoin", {goDict({{"scheme", goStr("https")}, {"host", goStr("example.com:8080")},
                                     {"path", goStr("/a b/c!")}, {"query", goStr("x=1")}, {"fragment", goStr("f g!")},
                                     {"userinfo", goStr("u:p%20w")}})}),
            "https://u:p%20w@example.com:8080/a%20b/c%21?x=1#f%20g!");
  EXPECT_EQ(callFailure(table, "urlJoin", {goDict({{"host", goInt(1)}})}),
            "unable to parse host key, must be of type string, but int found");
  EXPECT_EQ(callFailure(table, "urlJoin", {goDict({{"userinfo", goStr("u:p w")}})}),
            "unable to parse userinfo in dict: parse \"proto://u:p w@host\": net/url: invalid userinfo");
}

TEST_F(Urls, GetHostByNameIsOffline) { EXPECT_EQ(show("getHostByName", {goStr("localhost")}), ""); }

}  // namespace
}  // namespace ho::tmpl
