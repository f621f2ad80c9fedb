// parseToml (fromToml's decoder) against what Helm 3.17's fromToml returns:
// expected values are Helm's toJson and typeOf output, errors its "Error" entry.
// Datetimes and non-ASCII messages need the real Go runtime hooks and are
// covered end to end in tests/chart/from_toml_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "encoding/go_json.h"
#include "encoding/go_toml.h"

namespace ho::encoding {
namespace {

// Go's quoting for the ASCII text these tests use.
std::string goQuoteAscii(std::string_view s, char quote) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(1, quote);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (ch == quote) {
          out += '\\';
          out += ch;
        } else if (c < 0x20 || c == 0x7f) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  return out + quote;
}

// Whether `text` has the shape of `layout` (digits where it has digits, an
// optional fraction for .999999999, Z or ±hh:mm for Z07:00).
bool hasLayoutShape(std::string_view text, std::string_view layout) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t t = 0;
  for (std::size_t l = 0; l < layout.size(); ++l) {
    if (layout.substr(l).starts_with(".999999999")) {
      if (t + 1 < text.size() && text[t] == '.' && digit(text[t + 1])) {
        for (++t; t < text.size() && digit(text[t]);) ++t;
      }
      l += 9;
    } else if (layout.substr(l) == "Z07:00") {
      const std::string_view zone = text.substr(t);
      return zone == "Z" || (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':');
    } else if (t >= text.size() || (digit(layout[l]) ? !digit(text[t]) : text[t] != layout[l])) {
      return false;
    } else {
      ++t;
    }
  }
  return t == text.size();
}

// Datetimes come back as "KIND TEXT" strings.
std::optional<Value> fakeDatetime(const TomlDatetime& datetime) {
  if (!hasLayoutShape(datetime.text, datetime.layout)) return std::nullopt;
  static constexpr const char* kKinds[] = {"offset", "datetime-local", "date-local", "time-local"};
  return Value::string(std::string(kKinds[static_cast<int>(datetime.kind)]) + " " + std::string(datetime.text));
}

const TomlDecodeHooks kHooks{
    .parseDatetime = fakeDatetime,
    .isLetter = [](char32_t r) { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'); },
    .quote = [](std::string_view s) { return goQuoteAscii(s, '"'); },
    .quoteRune = [](char32_t r) { return goQuoteAscii(std::string(1, static_cast<char>(r)), '\''); },
};

// Helm's {{ fromToml . | toJson }}: the JSON, or the error fromToml stores.
std::string json(std::string_view toml) {
  Result<Value> decoded = parseToml(toml, kHooks);
  if (!decoded) return decoded.error().message;
  Result<std::string> text = toJson(*decoded);
  return text ? *text : "json: " + text.error().message;
}

// typeOf each top-level value, as "key=type" words.
std::string types(std::string_view toml) {
  Result<Value> decoded = parseToml(toml, kHooks);
  if (!decoded) return decoded.error().message;
  std::string out;
  for (const auto& [key, value] : decoded->asMap()) out += (out.empty() ? "" : " ") + key + "=" + value.typeName();
  return out;
}

TEST(TomlDecode, BasicStringsWithEveryEscape) {
  EXPECT_EQ(json(R"(str = "I'm a string. \"You can quote me\". Name\tJos\u00E9\nLocation\tSF.\U0001F600 \b\f\r\\")"),
            R"({"str":"I'm a string. \"You can quote me\". Name\tJosé\nLocation\tSF.😀 \b\f\r\\"})");
  EXPECT_EQ(json(R"(empty = "")"), R"({"empty":""})");
}

TEST(TomlDecode, LiteralAndMultilineStrings) {
  EXPECT_EQ(json("lit = 'C:\\Users\\nodejs\\templates'"), R"({"lit":"C:\\Users\\nodejs\\templates"})");
  EXPECT_EQ(json("ml = \"\"\"\nRoses are red\nViolets are blue\"\"\""), R"({"ml":"Roses are red\nViolets are blue"})");
  EXPECT_EQ(json("mll = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''"),
            R"({"mll":"The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n"})");
  EXPECT_EQ(json(R"(quotes = """Here are two quotation marks: "". Simple enough.""")"),
            R"({"quotes":"Here are two quotation marks: \"\". Simple enough."})");
  EXPECT_EQ(json(R"(quotes5 = """Here are fifteen quotation marks: ""\"""\"""\"""\"""\".""")"),
            R"({"quotes5":"Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"."})");
  EXPECT_EQ(json("q2 = ''''That,' she said, 'is still pointless.''''"),
            R"({"q2":"'That,' she said, 'is still pointless.'"})");
  EXPECT_EQ(json("mlesc = \"\"\"a\\tb\\u0041\"\"\""), R"({"mlesc":"a\tbA"})");
}

TEST(TomlDecode, LineEndingBackslashTrimsWhitespaceAndNewlines) {
  EXPECT_EQ(json("ml2 = \"\"\"\\\n       The quick brown \\\n       fox jumps over \\\n       the lazy dog.\\\n       \"\"\""),
            R"({"ml2":"The quick brown fox jumps over the lazy dog."})");
  EXPECT_EQ(json("s = \"\"\"\r\nx\\\r\n  y\"\"\"\r\n"), R"({"s":"xy"})");
}

TEST(TomlDecode, IntegersAreInt64InEveryBase) {
  constexpr std::string_view kDoc =
      "int1 = +99\nint2 = 42\nint3 = 0\nint4 = -17\nint5 = 1_000\nint6 = 5_349_221\nhex1 = 0xDEADBEEF\n"
      "hex2 = 0xdead_beef\noct1 = 0o01234567\noct2 = 0o755\nbin1 = 0b11010110\nmax = 9223372036854775807\n"
      "min = -9223372036854775808\nzero = -0";
  EXPECT_EQ(json(kDoc),
            R"({"bin1":214,"hex1":3735928559,"hex2":3735928559,"int1":99,"int2":42,"int3":0,"int4":-17,"int5":1000,)"
            R"("int6":5349221,"max":9223372036854775807,"min":-9223372036854775808,"oct1":342391,"oct2":493,"zero":0})");
  EXPECT_EQ(types("a = 1\nb = 0x1"), "a=int64 b=int64");
}

TEST(TomlDecode, FloatsAreFloat64) {
  constexpr std::string_view kDoc =
      "flt1 = +1.0\nflt2 = 3.1415\nflt3 = -0.01\nflt4 = 5e+22\nflt5 = 1e06\nflt6 = -2E-2\nflt7 = 6.626e-34\n"
      "flt8 = 224_617.445_991_228\nflt9 = 0.0\nflt10 = 1e300\nflt11 = 123456789012345678901234567890.0";
  EXPECT_EQ(json(kDoc),
            R"({"flt1":1,"flt10":1e+300,"flt11":1.2345678901234568e+29,"flt2":3.1415,"flt3":-0.01,"flt4":5e+22,)"
            R"("flt5":1000000,"flt6":-0.02,"flt7":6.626e-34,"flt8":224617.445991228,"flt9":0})");
  EXPECT_EQ(json("a = 1e-1000"), R"({"a":0})");
  EXPECT_EQ(types("f = 1e10\ng = 3.0"), "f=float64 g=float64");
}

TEST(TomlDecode, InfinityAndNan) {
  Result<Value> decoded = parseToml("i = inf\nj = -inf\nk = +inf\nn = nan\nm = -nan\np = +nan", kHooks);
  ASSERT_TRUE(decoded);
  const Map& m = decoded->asMap();
  EXPECT_EQ(m.at("i").asFloat(), HUGE_VAL);
  EXPECT_EQ(m.at("j").asFloat(), -HUGE_VAL);
  EXPECT_EQ(m.at("k").asFloat(), HUGE_VAL);
  EXPECT_TRUE(std::isnan(m.at("n").asFloat()));
  EXPECT_TRUE(std::isnan(m.at("m").asFloat()) && std::signbit(m.at("m").asFloat()));
  EXPECT_TRUE(std::isnan(m.at("p").asFloat()));
  EXPECT_EQ(m.at("i").typeName(), "float64");
}

TEST(TomlDecode, Booleans) {
  EXPECT_EQ(json("bool1 = true\nbool2 = false"), R"({"bool1":true,"bool2":false})");
  EXPECT_EQ(types("b = true"), "b=bool");
}

TEST(TomlDecode, ArraysAreInterfaceSlicesOfAnything) {
  constexpr std::string_view kDoc = R"(integers = [ 1, 2, 3 ]
colors = [ "red", "yellow", "green" ]
nested_arrays_of_ints = [ [ 1, 2 ], [3, 4, 5] ]
nested_mixed_array = [ [ 1, 2 ], ["a", "b", "c"] ]
string_array = [ "all", 'strings', """are the same""", '''type''' ]
numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]
contributors = [
  "Foo Bar <foo@example.com>",
  { name = "Baz Qux", email = "bazqux@example.com", url = "https://example.com/bazqux" }
]
integers2 = [
  1, 2, 3
]
integers3 = [
  1,
  2, # this is ok
]
empty = []
empty2 = [ ])";
  EXPECT_EQ(json(kDoc),
            R"({"colors":["red","yellow","green"],"contributors":["Foo Bar \u003cfoo@example.com\u003e",)"
            R"({"email":"bazqux@example.com","name":"Baz Qux","url":"https://example.com/bazqux"}],"empty":[],)"
            R"("empty2":[],"integers":[1,2,3],"integers2":[1,2,3],"integers3":[1,2],"nested_arrays_of_ints":[[1,2],[3,4,5]],)"
            R"("nested_mixed_array":[[1,2],["a","b","c"]],"numbers":[0.1,0.2,0.5,1,2,5],)"
            R"("string_array":["all","strings","are the same","type"]})");
  EXPECT_EQ(types("a = [1]\nb = []\nc = [{x = 1}]"), "a=[]interface {} b=[]interface {} c=[]interface {}");
}

TEST(TomlDecode, DottedAndQuotedKeys) {
  constexpr std::string_view kDoc = R"(name = "Orange"
physical.color = "orange"
physical.shape = "round"
site."google.com" = true
"127.0.0.1" = "value"
"character encoding" = "value"
'key2' = "value"
'quoted "value"' = "value"
"" = "blank"
bare_key = 1
bare-key = 2
1234 = 3
3.14159 = "pi"
keyesc."\u0041\n" = 1)";
  EXPECT_EQ(json(kDoc),
            R"({"":"blank","1234":3,"127.0.0.1":"value","3":{"14159":"pi"},"bare-key":2,"bare_key":1,)"
            R"("character encoding":"value","key2":"value","keyesc":{"A\n":1},"name":"Orange",)"
            R"("physical":{"color":"orange","shape":"round"},"quoted \"value\"":"value","site":{"google.com":true}})");
  EXPECT_EQ(types("a.b = 1"), "a=map[string]interface {}");
}

TEST(TomlDecode, TablesAndImplicitParents) {
  constexpr std::string_view kDoc = R"([table-1]
key1 = "some string"
key2 = 123

[dog."tater.man"]
type.name = "pug"

[a.b.c]
[ d.e.f ]
[ g .  h  . i ])";
  EXPECT_EQ(json(kDoc),
            R"({"a":{"b":{"c":{}}},"d":{"e":{"f":{}}},"dog":{"tater.man":{"type":{"name":"pug"}}},"g":{"h":{"i":{}}},)"
            R"("table-1":{"key1":"some string","key2":123}})");
  EXPECT_EQ(json("[x.y.z.w]\n[x]\n[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n"
                 "[fruit.apple.texture]\nsmooth = true"),
            R"({"fruit":{"apple":{"color":"red","taste":{"sweet":true},"texture":{"smooth":true}}},"x":{"y":{"z":{"w":{}}}}})");
}

TEST(TomlDecode, InlineTables) {
  EXPECT_EQ(json("name = { first = \"Tom\", last = \"Preston-Werner\" }\npoint = { x = 1, y = 2 }\n"
                 "animal = { type.name = \"pug\" }\nempty = {}\nnested = { a = { b = { c = [1, {d = 2}] } } }"),
            R"({"animal":{"type":{"name":"pug"}},"empty":{},"name":{"first":"Tom","last":"Preston-Werner"},)"
            R"("nested":{"a":{"b":{"c":[1,{"d":2}]}}},"point":{"x":1,"y":2}})");
  EXPECT_EQ(json("points = [ { x = 1, y = 2, z = 3 },\n           { x = 7, y = 8, z = 9 } ]"),
            R"({"points":[{"x":1,"y":2,"z":3},{"x":7,"y":8,"z":9}]})");
  EXPECT_EQ(types("p = {x = 1}\nq = [{x = 1}]"), "p=map[string]interface {} q=[]interface {}");
}

TEST(TomlDecode, ArraysOfTablesAreMapSlices) {
  EXPECT_EQ(json("[[products]]\nname = \"Hammer\"\nsku = 738594937\n\n[[products]]  # empty table within the array\n\n"
                 "[[products]]\nname = \"Nail\"\nsku = 284758393\n\ncolor = \"gray\""),
            R"({"products":[{"name":"Hammer","sku":738594937},{},{"color":"gray","name":"Nail","sku":284758393}]})");
  constexpr std::string_view kNested = R"([[fruits]]
name = "apple"

[fruits.physical]  # subtable
color = "red"

[[fruits.varieties]]  # nested array of tables
name = "red delicious"

[[fruits.varieties]]
name = "granny smith"

[[fruits]]
name = "banana"

[[fruits.varieties]]
name = "plantain")";
  EXPECT_EQ(json(kNested),
            R"({"fruits":[{"name":"apple","physical":{"color":"red"},"varieties":[{"name":"red delicious"},)"
            R"({"name":"granny smith"}]},{"name":"banana","varieties":[{"name":"plantain"}]}]})");
  EXPECT_EQ(types(kNested), "fruits=[]map[string]interface {}");
  EXPECT_EQ(json("[[x]]\na = 1\n[[x]]\nb = 2\n[x.y]\nc = 3"), R"({"x":[{"a":1},{"b":2,"y":{"c":3}}]})");
}

TEST(TomlDecode, DatetimesTryBurntSushisLayoutsInOrder) {
  EXPECT_EQ(json("d1 = 1979-05-27T07:32:00Z\nd2 = 1979-05-27 00:32:00.999999-07:00\nd3 = 1979-05-27t07:32:00\n"
                 "d4 = 1979-05-27\nd5 = 07:32:00.5\nd6 = 2020-01-01 # comment"),
            R"({"d1":"offset 1979-05-27T07:32:00Z","d2":"offset 1979-05-27T00:32:00.999999-07:00",)"
            R"("d3":"datetime-local 1979-05-27T07:32:00","d4":"date-local 1979-05-27","d5":"time-local 07:32:00.5",)"
            R"("d6":"date-local 2020-01-01"})");
  EXPECT_EQ(json("a = 10:02"), R"(toml: line 1 (last key "a"): invalid datetime: "10:02")");
  EXPECT_EQ(json("a = 1-2"), R"(toml: line 1 (last key "a"): invalid datetime: "1-2")");
}

TEST(TomlDecode, WhitespaceCommentsAndByteOrderMarks) {
  EXPECT_EQ(json(""), "{}");
  EXPECT_EQ(json("   # only a comment"), "{}");
  EXPECT_EQ(json("a=1#c\nb\t=\t\"tab\"\t\n[c]#c\nd=[1,#x\n2]#y"), R"({"a":1,"b":"tab","c":{"d":[1,2]}})");
  EXPECT_EQ(json("a = 1\r\nb = 2\r\n"), R"({"a":1,"b":2})");
  EXPECT_EQ(json("\xef\xbb\xbf" "bom = 1"), R"({"bom":1})");
}

// BurntSushi lets a key that last held an array, or a table only implied so
// far, be given again; Helm shows the outcome.
TEST(TomlDecode, RedefinitionsBurntSushiAccepts) {
  EXPECT_EQ(json("a = [1]\na = 2"), R"({"a":2})");
  EXPECT_EQ(json("a = [1]\na = {b = 1}"), R"({"a":{"b":1}})");
  EXPECT_EQ(json("a = {b = 1}\na.c = 2"), R"({"a":{"b":1,"c":2}})");
  EXPECT_EQ(json("a = {b = [1], b = 2}"), R"({"a":{"b":2}})");
  EXPECT_EQ(json("[t]\n\"\" = [1]\n[t]\nx = 1"), R"({"t":{"x":1}})");
  EXPECT_EQ(json("a.b = 1\na = 2"), R"({"a":{"b":1}})");
  EXPECT_EQ(json("a.b = 1\n[a]\nc = 1"), R"({"a":{"b":1,"c":1}})");
  EXPECT_EQ(json("[a]\nb.c = 1\n[a.b]"), R"({"a":{"b":{"c":1}}})");
  EXPECT_EQ(json("x = {a = 1}\nx.b.c = 1"), R"({"x":{"a":1,"b":{"c":1}}})");
}

TEST(TomlDecode, RedefinitionErrors) {
  EXPECT_EQ(json("a = 1\na = 2"), R"(toml: line 2 (last key "a"): Key 'a' has already been defined.)");
  EXPECT_EQ(json("[a]\nb = 1\n[a]\n"), "toml: line 3: Key 'a' has already been defined.");
  EXPECT_EQ(json("[[a]]\n[a]"), "toml: line 2: Key 'a' has already been defined.");
  EXPECT_EQ(json("x = {a = 1}\n[x]"), "toml: line 2: Key 'x' has already been defined.");
  EXPECT_EQ(json("a.b = 1\na.b.c = 2"), R"(toml: line 2 (last key "a.b.c"): Key 'a.b' has already been defined.)");
  EXPECT_EQ(json("a = {b = 1, b.c = 2}"), R"(toml: line 1 (last key "a.b.c"): Key 'a.b' has already been defined.)");
  EXPECT_EQ(json("a = {b = [1], b.c = 2}"), R"(toml: line 1 (last key "a.b.c"): "a.b" is not a table)");
  EXPECT_EQ(json("\"a\\tb\" = 1\n\"a\\tb\" = 2"),
            R"(toml: line 2 (last key "a\tb"): Key '"a\tb"' has already been defined.)");
  EXPECT_EQ(json("a = [{b=1}]\n[[a]]"), "toml: line 2: Key 'a' was already created and cannot be used as an array.");
  EXPECT_EQ(json("x = [1]\n[[x]]"), "toml: line 2: Key 'x' was already created and cannot be used as an array.");
  EXPECT_EQ(json("a = 1\n[a.b]"), "toml: line 2: Key 'a' was already created as a hash.");
  EXPECT_EQ(json("x = [{a=1}]\n[x.b]"), "toml: line 2: Key 'x' was already created as a hash.");
}

TEST(TomlDecode, NumberErrors) {
  EXPECT_EQ(json("a = 01"), R"(toml: line 1 (last key "a"): Invalid integer "01": cannot have leading zeroes)");
  EXPECT_EQ(json("a = 0_1"), R"(toml: line 1 (last key "a"): Invalid integer "0_1": cannot have leading zeroes)");
  EXPECT_EQ(json("a = 1_"), R"(toml: line 1 (last key "a"): Invalid integer "1_": underscores must be surrounded by digits)");
  EXPECT_EQ(json("a = 1__0"),
            R"(toml: line 1 (last key "a"): Invalid integer "1__0": underscores must be surrounded by digits)");
  EXPECT_EQ(json("a = 9223372036854775808"),
            R"(toml: line 1 (last key "a"): 9223372036854775808 is out of range for int64)");
  EXPECT_EQ(json("a = 0x"), std::string(R"(toml: line 1 (last key "a"): not a hexidecimal number: '0x)") + '\0' + "'");
  EXPECT_EQ(json("a = 0x_1"), R"(toml: line 1 (last key "a"): not a hexidecimal number: '0x_')");
  EXPECT_EQ(json("a = 0o8"), R"(toml: line 1 (last key "a"): not an octal number: '0o8')");
  EXPECT_EQ(json("a = 0b_1"), R"(toml: line 1 (last key "a"): not a binary number: '0b_')");
  EXPECT_EQ(json("a = 1\nb = -0x10"), R"(toml: line 2 (last key "b"): cannot use sign with non-decimal numbers: '-0x')");
  EXPECT_EQ(json("a = -01.5"), R"(toml: line 1 (last key "a"): Invalid float "-01.5": cannot have leading zeroes)");
  EXPECT_EQ(json("a = 1.e5"),
            R"(toml: line 1 (last key "a"): Invalid float "1.e5": '.' must be followed by one or more digits)");
  EXPECT_EQ(json("a = 1e5.5"), R"(toml: line 1 (last key "a"): Invalid float value: "1e5.5")");
  EXPECT_EQ(json("a = 1e1_000"), R"(toml: line 1 (last key "a"): 1e1_000 is out of range for float64)");
  EXPECT_EQ(json("a = .5"), R"(toml: line 1 (last key "a"): floats must start with a digit, not '.')");
  EXPECT_EQ(json("a = +.5"), R"(toml: line 1 (last key "a"): floats must start with a digit, not '.')");
  EXPECT_EQ(json("a = -i"), R"(toml: line 1 (last key "a"): invalid float: '-i')");
  EXPECT_EQ(json("a = +nope"), R"(toml: line 1 (last key "a"): invalid float: '+n')");
  EXPECT_EQ(json("a = +inf\nb = -inf\nc = inan"),
            R"(toml: line 3 (last key "c"): Invalid float "inan": underscores must be surrounded by digits)");
  EXPECT_EQ(json("a = 0b102"),
            "toml: line 1: expected a top-level item to end with a newline, comment, or EOF, but got '2' instead");
}

TEST(TomlDecode, StringErrors) {
  EXPECT_EQ(json("a = \"x"), R"(toml: line 0 (last key "a"): unexpected EOF; expected '"')");
  EXPECT_EQ(json("a = \"x\nb = 1"), R"(toml: line 1 (last key "a"): strings cannot contain newlines)");
  EXPECT_EQ(json("a = 'x"), R"(toml: line 0 (last key "a"): unexpected EOF; expected "'")");
  EXPECT_EQ(json("a = \"\"\"abc"), R"(toml: line 0 (last key "a"): unexpected EOF; expected '"""')");
  EXPECT_EQ(json("a = '''abc"), R"(toml: line 0 (last key "a"): unexpected EOF; expected "'''")");
  EXPECT_EQ(json("a = \"\"\"abc\"\"\"\"\"\""), R"(toml: line 1 (last key "a"): unexpected '""""""')");
  EXPECT_EQ(json("a = '''abc''''''"), R"(toml: line 1 (last key "a"): unexpected "''''''")");
  EXPECT_EQ(json(R"(a = "\q")"), R"(toml: line 1 (last key "a"): invalid escape in string '\q')");
  EXPECT_EQ(json(R"(a = "\x41")"), R"(toml: line 1 (last key "a"): invalid escape in string '\x')");
  EXPECT_EQ(json(R"(a = "\e")"), R"(toml: line 1 (last key "a"): invalid escape in string '\e')");
  EXPECT_EQ(json(R"(a = "\ x")"), R"(toml: line 1 (last key "a"): invalid escape: '\ ')");
  EXPECT_EQ(json("a = \"\"\"\n  foo \\   \n  bar \\ baz\"\"\""), R"(toml: line 3 (last key "a"): invalid escape: '\ ')");
  EXPECT_EQ(json("a = \"\"\"abc\\"), std::string(R"(toml: line 0 (last key "a"): invalid escape in string '\)") + '\0' + "'");
  EXPECT_EQ(json(R"(a = "ab\u12x")"),
            R"(toml: line 1 (last key "a"): expected four hexadecimal digits after '\u', but got "ab\\u12x" instead)");
  EXPECT_EQ(json(R"(a = "\uD800")"), R"(toml: line 1 (last key "a"): Escaped character '\uD800' is not valid UTF-8.)");
  EXPECT_EQ(json(R"(a = "\U00110000")"),
            R"(toml: line 1 (last key "a"): Escaped character '\u00110000' is not valid UTF-8.)");
}

TEST(TomlDecode, StructureErrors) {
  EXPECT_EQ(json("a = "), R"(toml: line 0 (last key "a"): unexpected EOF; expected value)");
  EXPECT_EQ(json("a = index"), R"(toml: line 1 (last key "a"): expected value but found "ndex" instead)");
  EXPECT_EQ(json("a = truee"), R"(toml: line 1 (last key "a"): expected value but found "truee" instead)");
  EXPECT_EQ(json("a = {"), R"(toml: line 1 (last key "a"): unexpected '=': key name appears blank)");
  EXPECT_EQ(json("a = {x = 1,\ny = 2}"), R"(toml: line 1 (last key "a.x"): newlines not allowed within inline tables)");
  EXPECT_EQ(json("a = {x = 1, }"), R"(toml: line 1 (last key "a.x"): trailing comma not allowed in inline tables)");
  EXPECT_EQ(json("a = {x = 1 y = 2}"),
            R"(toml: line 1 (last key "a.x"): expected a comma or an inline table terminator '}', but got 'y' instead)");
  EXPECT_EQ(json("a = [1 2]"), R"(toml: line 1 (last key "a"): expected a comma (',') or array terminator (']'), but got '2')");
  EXPECT_EQ(json("a = [,]"), R"(toml: line 1 (last key "a"): unexpected comma)");
  EXPECT_EQ(json("# c\n\n\n\nz = [\n1,\n2"),
            R"(toml: line 6 (last key "z"): expected a comma (',') or array terminator (']'), but got end of file)");
  EXPECT_EQ(json("[a"), R"(toml: line 0: expected '.' or ']' to end table name, but got '\x00' instead)");
  EXPECT_EQ(json("[]"), "toml: line 1: unexpected end of table name (table names cannot be empty)");
  EXPECT_EQ(json("[a.]"), "toml: line 1: unexpected end of table name (table names cannot be empty)");
  EXPECT_EQ(json("[[a]\nx = 1"), R"(toml: line 2: expected end of table array name delimiter ']', but got '\n' instead)");
  EXPECT_EQ(json("[a b]"), "toml: line 1: expected '.' or ']' to end table name, but got 'b' instead");
  EXPECT_EQ(json("a b = 1"), "toml: line 1: expected '.' or '=', but got 'b' instead");
  EXPECT_EQ(json("= 1"), "toml: line 1: unexpected '=': key name appears blank");
  EXPECT_EQ(json(".a = 1"), "toml: line 1: unexpected '.': keys cannot start with a '.'");
  EXPECT_EQ(json("a"), "toml: line 0: unexpected EOF; expected key separator '='");
  EXPECT_EQ(json("a."), "toml: line 1: unexpected '='");
  EXPECT_EQ(json("a = 2020-01-01 # c\nb = 1979-05-27 07:32:00 x"),
            "toml: line 2: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead");
}

TEST(TomlDecode, ByteErrors) {
  EXPECT_EQ(json("a = \"tab\tok ctl\x01\""),
            R"(toml: line 1 (last key "a"): TOML files cannot contain control characters: '0x01')");
  EXPECT_EQ(json("a = 1\x7f"), R"(toml: line 1 (last key "a"): TOML files cannot contain control characters: '0x7f')");
  EXPECT_EQ(json("a = \"\xff\""), R"(toml: line 1 (last key "a"): invalid UTF-8 byte: 0xff)");
  EXPECT_EQ(json("a = 1\rb = 2"), R"(toml: line 1 (last key "a"): TOML files cannot contain control characters: '0x0d')");
  EXPECT_EQ(json(std::string_view("a = 1\n\0", 7)), "toml: line 2: TOML files cannot contain control characters: '0x00'");
  EXPECT_EQ(json(std::string_view("\0a = 1", 6)),
            "toml: line 1: files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8");
}

TEST(TomlDecode, DeepNestingIsRefusedNotACrash) {
  EXPECT_EQ(json("a = " + std::string(999, '[') + std::string(999, ']')).substr(0, 6), R"({"a":[)");
  EXPECT_EQ(json("a = " + std::string(100000, '[')),
            R"(toml: line 1 (last key "a"): nesting deeper than 1000 levels)");
  std::string inlineTables = "a = ";
  for (int i = 0; i < 5000; ++i) inlineTables += "{b = ";
  const std::string tooDeep = json(inlineTables);
  EXPECT_TRUE(tooDeep.starts_with(R"(toml: line 1 (last key "a.b.b.)")) << tooDeep;
  EXPECT_TRUE(tooDeep.ends_with("): nesting deeper than 1000 levels")) << tooDeep;
  std::string dotted = "a";
  for (int i = 0; i < 5000; ++i) dotted += ".a";
  EXPECT_EQ(json(dotted + " = 1"), "toml: line 1: nesting deeper than 1000 levels");
}

}  // namespace
}  // namespace ho::encoding
