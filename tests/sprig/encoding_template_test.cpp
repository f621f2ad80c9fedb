// Sprig encoding, hash and path functions: each template was run through Helm 3.17's `helm template`; the
// expected text is exactly what Helm rendered (or its error, minus "Error: ").
#include <gtest/gtest.h>

#include "tests/sprig/strings_render.h"

namespace ho::tmpl::testing {
namespace {

constexpr TemplateCase kCases[] = {
    {R"~({{ b64enc "hello" }}|{{ b64enc "" }}|{{ b64enc "a" }}|{{ b64enc "ab" }}|{{ b64enc "héllo" }})~",
     R"~(aGVsbG8=||YQ==|YWI=|aMOpbGxv)~"},
    {R"~({{ b64dec "aGVsbG8=" }}|{{ b64dec "aGVsbG8" }}|{{ b64dec "!!" }}|{{ b64dec "aGVs\nbG8=" }}|{{ b64dec "aGVsbG8=x" }}|{{ b64dec "YQ==" }}|{{ b64dec "YQ=" }}|{{ b64dec "Y===" }}|{{ b64dec "" }}|{{ b64dec "YWJj\r\nZA==" }}|{{ b64dec "YQ==YQ==" }})~",
     R"~(hello|illegal base64 data at input byte 4|illegal base64 data at input byte 0|hello|illegal base64 data at input byte 8|a|illegal base64 data at input byte 3|illegal base64 data at input byte 1||abcd|illegal base64 data at input byte 4)~"},
    {R"~({{ b32enc "hello" }}|{{ b32enc "" }}|{{ b32enc "a" }}|{{ b32enc "abcdef" }})~",
     R"~(NBSWY3DP||ME======|MFRGGZDFMY======)~"},
    {R"~({{ b32dec "NBSWY3DP" }}|{{ b32dec "ME======" }}|{{ b32dec "!!" }}|{{ b32dec "ME=====" }}|{{ b32dec "ME" }}|{{ b32dec "MFRGG===" }}|{{ b32dec "M=======" }}|{{ b32dec "NBSW\nY3DP" }}|{{ b32dec "MEx=====" }})~",
     R"~(hello|a|illegal base32 data at input byte 0|illegal base32 data at input byte 7|illegal base32 data at input byte 0|abc|illegal base32 data at input byte 1|hello|illegal base32 data at input byte 2)~"},
    {R"~({{ sha1sum "hello" }}|{{ sha256sum "hello" }}|{{ adler32sum "hello" }}|{{ adler32sum "" }})~",
     R"~(aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d|2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824|103547413|1)~"},
    {R"~({{ sha512sum "hello" }})~",
     R"~(9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043)~"},
    {R"~({{ base "/a/b/c.txt" }}|{{ base "a/b/" }}|{{ base "" }}|{{ base "///" }}|{{ dir "/a/b/c" }}|{{ dir "a" }}|{{ dir "/" }}|{{ dir "a/b//" }}|{{ ext "x/a.tar.gz" }}|{{ ext "a.b/c" }}|{{ ext "" }})~",
     R"~(c.txt|b|.|/|/a/b|.|/|a/b|.gz||)~"},
    {R"~({{ clean "a//b/./c/../d/" }}|{{ clean "" }}|{{ clean "/../a" }}|{{ clean "../../a/.." }}|{{ clean "./" }}|{{ isAbs "/a" }}|{{ isAbs "a" }}|{{ osBase "/x/y" }}|{{ osDir "/x/y" }}|{{ osExt "f.yaml" }}|{{ osClean "a/../.." }}|{{ osIsAbs "/" }})~",
     R"~(a/b/d|.|/a|../..|.|true|false|y|/x|.yaml|..|true)~"},
    {R"~({{ b64enc 5 }})~",
     R"~(template: t/templates/x.yaml:1:10: executing "t/templates/x.yaml" at <5>: expected string; found 5)~"},
};

TEST(EncodingTemplate, RendersLikeHelm) {
  for (const TemplateCase& c : kCases) {
    EXPECT_EQ(renderTemplate(c.text), c.helmOutput) << c.text;
  }
}

}  // namespace
}  // namespace ho::tmpl::testing
