// Lexer tests: token kinds and texts for the forms Go's lexer distinguishes
// (in the spirit of Go's lex_test.go), and the quoting of tokens in errors.
#include <gtest/gtest.h>

#include "templating/lexer.h"

namespace ho::tmpl {
namespace {

// Tokens as "kind:text" joined by spaces (just "kind" when the text is the kind's own spelling).
std::string tokens(std::string_view text, LexOptions options = {}) {
  static const char* const kNames[] = {
      "err", "eof", "text", "{{", "}}", "sp", "|", "=", ":=", "(", ")", "char", "charconst", "num", "complex",
      "str", "raw", "bool", "field", "var", "ident", "block", "break", "continue", "dot", "define", "else",
      "end", "if", "nil", "range", "template", "with"};
  std::string out;
  const LexedTokens lexed = lexTemplate(text, options);
  for (const Token& t : lexed.tokens) {
    if (!out.empty()) out += ' ';
    std::string kind = kNames[static_cast<int>(t.kind)];
    out += kind;
    if (!t.text.empty() && t.text != kind && t.kind != TokenKind::Space) out += ":" + std::string(t.text);
  }
  return out;
}

TEST(Lex_Tokens, ActionsFieldsVariablesAndLiterals) {
  EXPECT_EQ(tokens("a{{.x.y $v $ . nil true}}b"),
            "text:a {{ field:.x field:.y sp var:$v sp var:$ sp dot:. sp nil sp bool:true }} text:b eof");
  EXPECT_EQ(tokens("{{$x := (1) | f 'c' \"s\\n\" `r`}}"),
            "{{ var:$x sp := sp ( num:1 ) sp | sp ident:f sp charconst:'c' sp str:\"s\\n\" sp raw:`r` }} eof");
  EXPECT_EQ(tokens("{{0x1F 1e3 -7 .5 1+2i 1_000}}"),
            "{{ num:0x1F sp num:1e3 sp num:-7 sp num:.5 sp complex:1+2i sp num:1_000 }} eof");
  EXPECT_EQ(tokens("{{range $i, $v = .}}{{break}}{{continue}}{{end}}"),
            "{{ range sp var:$i char:, sp var:$v sp = sp dot:. }} {{ break }} {{ continue }} {{ end }} eof");
}

// Lines are counted across text of every length around the 16-byte steps and
// the 255-step folds of the newline counter, with line feeds at every offset.
TEST(Lex_Tokens, LinesAreCountedThroughLongText) {
  for (std::size_t size : {0u, 1u, 15u, 16u, 17u, 4079u, 4080u, 4081u, 20000u}) {
    for (std::size_t every : {1u, 2u, 7u, 16u, 100u}) {
      std::string text(size, 'x');
      int newlines = 0;
      for (std::size_t i = 0; i < size; i += every) {
        text[i] = '\n';
        ++newlines;
      }
      const std::string source = text + "{{.a}}\n{{.b}}";  // the tokens view it
      const LexedTokens lexed = lexTemplate(source);
      const auto field = [&](std::string_view name) {
        for (const Token& t : lexed.tokens) {
          if (t.kind == TokenKind::Field && t.text == name) return t.line;
        }
        return -1;
      };
      EXPECT_EQ(field(".a"), newlines + 1) << "size " << size << " every " << every;
      EXPECT_EQ(field(".b"), newlines + 2) << "size " << size << " every " << every;
    }
  }
}

// Words (fields, variables, identifiers) of every length around the 16-byte
// steps of the word scan end where Go's lexer ends them: at any ASCII byte
// that is not a letter, digit or '_', at a multibyte rune that is not a
// letter or digit, at the end of the text; multibyte letters anywhere in them.
TEST(Lex_Tokens, WordsEndAtTheirFirstOtherRuneAtEveryLength) {
  const std::string_view alphabet = "aZ_9yB0x";
  for (std::size_t length = 1; length <= 40; ++length) {
    std::string word;
    for (std::size_t i = 0; i < length; ++i) word += alphabet[i % alphabet.size()];
    EXPECT_EQ(tokens("{{." + word + "}}"), "{{ field:." + word + " }} eof") << word;
    EXPECT_EQ(tokens("{{$" + word + " }}"), "{{ var:$" + word + " sp }} eof") << word;
    EXPECT_EQ(tokens("{{f" + word + "|g}}"), "{{ ident:f" + word + " | ident:g }} eof") << word;
    EXPECT_EQ(tokens("{{." + word), "{{ field:." + word + " err:unclosed action") << word;
    EXPECT_EQ(tokens("{{." + word + "@}}"), "{{ err:bad character U+0040 '@'") << word;
    EXPECT_EQ(tokens("{{." + word + "\u20ac}}"), "{{ err:bad character U+20AC '\u20ac'") << word;
    for (std::size_t at = 0; at <= length; ++at) {
      const std::string accented = word.substr(0, at) + "\u00e9" + word.substr(at);
      EXPECT_EQ(tokens("{{." + accented + ".x}}"), "{{ field:." + accented + " field:.x }} eof") << accented;
    }
  }
}

TEST(Lex_Tokens, TrimMarkersNeedASpace) {
  EXPECT_EQ(tokens("a {{- 1 -}} b"), "text:a {{ num:1 }} text:b eof");
  EXPECT_EQ(tokens("a {{-1}} b"), "text:a  {{ num:-1 }} text: b eof");
  EXPECT_EQ(tokens("a {{- /* c */ -}} b"), "text:a text:b eof");
}

TEST(Lex_Tokens, BreakIsAnIdentifierWhenAFunctionHasThatName) {
  EXPECT_EQ(tokens("{{break}}", LexOptions{false, true}), "{{ ident:break }} eof");
}

TEST(Lex_Tokens, ErrorsStopTheStream) {
  EXPECT_EQ(tokens("{{ \"abc }}"), "{{ sp err:unterminated quoted string");
  EXPECT_EQ(tokens("{{ 3x }}"), "{{ sp err:bad number syntax: \"3x\"");
  EXPECT_EQ(tokens("{{ a:b }}"), "{{ sp ident:a err:expected :=");
  EXPECT_EQ(tokens("{{ .é }}"), "{{ sp field:.é sp }} eof");
}

TEST(Lex_Tokens, DescribeTokenQuotesLikeGo) {
  EXPECT_EQ(describeToken(Token{TokenKind::Eof, 0, 1, ""}), "EOF");
  EXPECT_EQ(describeToken(Token{TokenKind::If, 0, 1, "if"}), "<if>");
  EXPECT_EQ(describeToken(Token{TokenKind::Char, 0, 1, "}"}), "\"}\"");
  EXPECT_EQ(describeToken(Token{TokenKind::String, 0, 1, "\"0123456789ab\""}), "\"\\\"012345678\"...");
}

}  // namespace
}  // namespace ho::tmpl
