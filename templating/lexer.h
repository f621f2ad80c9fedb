// The text/template lexer: splits template source into tokens exactly as Go's
// text/template/parse lexer does (delimiters, trim markers, comments, strings,
// numbers, fields, variables, keywords), ending with an EOF or an error token.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ho::tmpl {

enum class TokenKind : std::uint8_t {
  Error,         // text holds the message
  Eof,
  Text,
  LeftDelim,
  RightDelim,
  Space,
  Pipe,
  Assign,        // =
  Declare,       // :=
  LeftParen,
  RightParen,
  Char,          // any other printable ASCII character, e.g. ','
  CharConstant,  // 'a'
  Number,
  Complex,
  String,        // quoted, with quotes
  RawString,     // `raw`, with backquotes
  Bool,
  Field,         // .name
  Variable,      // $name or $
  Identifier,
  // Keywords; everything from Block on is one.
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
};

inline bool isKeyword(TokenKind k) { return k >= TokenKind::Block; }

struct Token {
  TokenKind kind;
  std::uint32_t pos;      // byte offset in the source (below 4 GiB: a token is 32 bytes)
  int line;               // 1-based line of the token's start
  std::string_view text;  // a slice of the source; for Error, the message
};

// A source's tokens. Their texts view the source, which must outlive them,
// except the Error token's message, held here.
struct LexedTokens {
  std::vector<Token> tokens;
  std::unique_ptr<const std::string> errorMessage;
};

struct LexOptions {
  bool breakIsKeyword = true;     // false when a function named "break" exists
  bool continueIsKeyword = true;  // likewise for "continue"
};

// Go's item.String(): how a token is quoted in "unexpected X in Y" errors.
std::string describeToken(const Token& token);

// Lexes the whole source (below 4 GiB, as parseTemplate checks); the last
// token is Eof or Error.
LexedTokens lexTemplate(std::string_view source, LexOptions options = {});

}  // namespace ho::tmpl
