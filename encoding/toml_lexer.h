// The TOML lexer behind fromToml: BurntSushi/toml v1.4.0's state machine (one
// member function per lexical state, a stack of states to return to), so that
// its tokens, line numbers and error texts are the ones Helm reports.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "encoding/go_toml.h"

namespace ho::encoding {

enum class TomlToken : std::uint8_t {
  Error,
  Eof,
  Text,  // a bare key part
  String,
  StringWithEscapes,
  RawString,
  MultilineString,
  RawMultilineString,
  Bool,
  Integer,
  Float,
  Datetime,
  ArrayStart,
  ArrayEnd,
  TableStart,
  TableEnd,
  ArrayTableStart,
  ArrayTableEnd,
  KeyStart,
  KeyEnd,
  InlineTableStart,
  InlineTableEnd,
};

struct TomlItem {
  TomlToken type = TomlToken::Error;
  std::string_view text;  // the lexeme (string contents without their quotes)
  int line = 0;           // the line the lexer was on, as BurntSushi counts it
  std::string error;      // the message of an Error item
};

class TomlLexer {
 public:
  TomlLexer(std::string_view input, const TomlDecodeHooks& hooks) : input_(input), hooks_(hooks) {}

  // The next item; after Eof or Error there is nothing more to read.
  TomlItem next();

 private:
  struct State;
  using StateFn = State (TomlLexer::*)();
  struct State {
    StateFn fn = nullptr;
  };

  // Reading runes with up to four steps back (TOML has three-rune tokens).
  char32_t advance();
  void backup();
  char32_t peek();
  bool accept(char32_t r);
  void skipWhitespace();
  void ignore() { start_ = pos_; }
  std::string_view current() const { return input_.substr(start_, pos_ - start_); }

  void emit(TomlToken type);
  void emitTrimmed(TomlToken type);
  State fail(std::string message);          // at the current line (the one before, at EOF)
  State failPrevLine(std::string message);  // at the line before: for errors at a newline
  void push(StateFn fn) { stack_.push_back(fn); }
  State pop();
  State skipTo(StateFn fn) {
    ignore();
    return {fn};
  }

  State top();
  State topEnd();
  State tableStart();
  State tableEnd();
  State arrayTableEnd();
  State tableNameStart();
  State tableNameEnd();
  State bareName();
  State quotedName();
  State keyStart();
  State keyNameStart();
  State keyEnd();
  State value();
  State arrayValue();
  State arrayValueEnd();
  State arrayEnd();
  State inlineTableValue();
  State inlineTableValueEnd();
  State inlineTableEnd();
  State basicString();
  State multilineString();
  State rawString();
  State multilineRawString();
  State multilineStringEscape();
  State stringEscape();
  State unicodeEscape();
  State numberOrDateStart();
  State numberOrDate();
  State datetime();
  State prefixedInteger();
  State decimalNumber();
  State decimalNumberStart();
  State baseNumberOrDate();
  State floatNumber();
  State boolean();
  State comment();

  State namePart(char32_t first, StateFn end);
  State closeMultiline(char32_t quote, TomlToken type);
  State startPrefixedInteger(bool (*isBaseDigit)(char32_t), std::string_view kind);

  std::string_view input_;
  const TomlDecodeHooks& hooks_;
  std::size_t start_ = 0;
  std::size_t pos_ = 0;
  int line_ = 1;
  bool atEof_ = false;
  std::array<std::size_t, 4> widths_{};  // widths of the last runes read, newest first
  int widthCount_ = 0;
  bool sawEscape_ = false;       // the basic string being read has an escape
  int unicodeDigits_ = 0;        // 4 after \u, 8 after \U
  bool (*integerDigit_)(char32_t) = nullptr;  // the digits of a 0x/0o/0b integer
  State state_{&TomlLexer::top};
  std::vector<StateFn> stack_;
  std::deque<TomlItem> items_;
};

}  // namespace ho::encoding
