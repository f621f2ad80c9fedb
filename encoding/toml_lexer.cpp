// BurntSushi/toml v1.4.0's lexer (TOML 1.0; its TOML 1.1 extensions are off in
// Helm). The quirks are deliberate: they decide which error Helm reports and
// on which line, e.g. an error found at the end of the input names the line
// before the last one ("line 0" for a one-line document).
#include "encoding/toml_lexer.h"

#include <cstdio>

#include "core/go_utf8.h"

namespace ho::encoding {
namespace {

constexpr char32_t kEof = 0;

bool isWhitespace(char32_t r) { return r == '\t' || r == ' '; }
bool isNewline(char32_t r) { return r == '\n' || r == '\r'; }
bool isDigit(char32_t r) { return r >= '0' && r <= '9'; }
bool isBinary(char32_t r) { return r == '0' || r == '1'; }
bool isOctal(char32_t r) { return r >= '0' && r <= '7'; }
bool isHex(char32_t r) { return isDigit(r) || ((r | 0x20) >= 'a' && (r | 0x20) <= 'f'); }
bool isControl(char32_t r) { return r != '\t' && r != '\r' && r != '\n' && (r <= 0x1f || r == 0x7f); }
bool isBareKeyChar(char32_t r) {
  return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || isDigit(r) || r == '_' || r == '-';
}

// fmt's %c (and string(rune)): the rune's UTF-8 bytes; EOF prints as a NUL byte.
std::string runeText(char32_t r) {
  std::string out;
  utf8::appendRune(out, r);
  return out;
}

std::string hexByte(unsigned value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%02x", value);
  return buffer;
}

std::string runeOrEof(char32_t r) { return r == kEof ? "end of file" : "'" + runeText(r) + "'"; }

}  // namespace

TomlItem TomlLexer::next() {
  while (items_.empty()) {
    if (state_.fn == nullptr) return {TomlToken::Error, {}, line_, "BUG in lexer: no state"};
    state_ = (this->*state_.fn)();
  }
  TomlItem item = std::move(items_.front());
  items_.pop_front();
  return item;
}

char32_t TomlLexer::advance() {
  if (pos_ >= input_.size()) {
    atEof_ = true;
    return kEof;
  }
  if (input_[pos_] == '\n') ++line_;
  widths_ = {widths_[0], widths_[0], widths_[1], widths_[2]};
  if (widthCount_ < 4) ++widthCount_;
  const utf8::DecodedRune d = utf8::decodeRune(input_.substr(pos_));
  if (d.rune == utf8::kRuneError && d.size == 1) {
    fail("invalid UTF-8 byte: " + hexByte(static_cast<unsigned char>(input_[pos_])));
    return utf8::kRuneError;
  }
  const bool loneCarriageReturn = d.rune == '\r' && (pos_ + 1 == input_.size() || input_[pos_ + 1] != '\n');
  if (isControl(d.rune) || loneCarriageReturn) {
    fail("TOML files cannot contain control characters: '" + hexByte(d.rune) + "'");
    return utf8::kRuneError;
  }
  widths_[0] = d.size;
  pos_ += d.size;
  return d.rune;
}

void TomlLexer::backup() {
  if (atEof_) {
    atEof_ = false;
    return;
  }
  if (widthCount_ < 1) return;
  const std::size_t width = widths_[0];
  widths_ = {widths_[1], widths_[2], widths_[3], widths_[3]};
  --widthCount_;
  pos_ -= width;
  if (pos_ < input_.size() && input_[pos_] == '\n') --line_;
}

char32_t TomlLexer::peek() {
  const char32_t r = advance();
  backup();
  return r;
}

bool TomlLexer::accept(char32_t r) {
  if (advance() == r) return true;
  backup();
  return false;
}

void TomlLexer::skipWhitespace() {
  while (isWhitespace(advance())) {
  }
  backup();
  ignore();
}

void TomlLexer::emit(TomlToken type) {
  if (start_ > pos_) {  // a multiline string closed right after a broken UTF-8 sequence
    fail("invalid UTF-8 byte: " + hexByte(pos_ < input_.size() ? static_cast<unsigned char>(input_[pos_]) : 0));
    return;
  }
  items_.push_back({type, current(), line_, {}});
  start_ = pos_;
}

void TomlLexer::emitTrimmed(TomlToken type) {
  std::string_view text = current();
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  items_.push_back({type, text, line_, {}});
  start_ = pos_;
}

TomlLexer::State TomlLexer::fail(std::string message) {
  items_.push_back({TomlToken::Error, {}, atEof_ ? line_ - 1 : line_, std::move(message)});
  return {};
}

TomlLexer::State TomlLexer::failPrevLine(std::string message) {
  items_.push_back({TomlToken::Error, {}, line_ - 1, std::move(message)});
  return {};
}

TomlLexer::State TomlLexer::pop() {
  if (stack_.empty()) return fail("BUG in lexer: no states to pop");
  const StateFn fn = stack_.back();
  stack_.pop_back();
  return {fn};
}

// Top level: blank lines, comments, [table] headers and key = value lines.
TomlLexer::State TomlLexer::top() {
  const char32_t r = advance();
  if (isWhitespace(r) || isNewline(r)) return skipTo(&TomlLexer::top);
  if (r == '#') {
    push(&TomlLexer::top);
    return {&TomlLexer::comment};
  }
  if (r == '[') return {&TomlLexer::tableStart};
  if (r == kEof) {
    if (pos_ > start_) return fail("unexpected EOF");
    emit(TomlToken::Eof);
    return {};
  }
  backup();
  push(&TomlLexer::topEnd);
  return {&TomlLexer::keyStart};
}

// After a top-level value or header: only whitespace or a comment to the newline.
TomlLexer::State TomlLexer::topEnd() {
  const char32_t r = advance();
  if (r == '#') {
    push(&TomlLexer::top);
    return {&TomlLexer::comment};
  }
  if (isWhitespace(r)) return {&TomlLexer::topEnd};
  if (isNewline(r)) return skipTo(&TomlLexer::top);
  if (r == kEof) {
    emit(TomlToken::Eof);
    return {};
  }
  return fail("expected a top-level item to end with a newline, comment, or EOF, but got " + hooks_.quoteRune(r) +
              " instead");
}

TomlLexer::State TomlLexer::tableStart() {
  if (peek() == '[') {
    advance();
    emit(TomlToken::ArrayTableStart);
    push(&TomlLexer::arrayTableEnd);
  } else {
    emit(TomlToken::TableStart);
    push(&TomlLexer::tableEnd);
  }
  return {&TomlLexer::tableNameStart};
}

TomlLexer::State TomlLexer::tableEnd() {
  emit(TomlToken::TableEnd);
  return {&TomlLexer::topEnd};
}

TomlLexer::State TomlLexer::arrayTableEnd() {
  const char32_t r = advance();
  if (r != ']') {
    return fail("expected end of table array name delimiter ']', but got " + hooks_.quoteRune(r) + " instead");
  }
  emit(TomlToken::ArrayTableEnd);
  return {&TomlLexer::topEnd};
}

TomlLexer::State TomlLexer::tableNameStart() {
  skipWhitespace();
  const char32_t r = peek();
  if (r == ']' || r == kEof) return fail("unexpected end of table name (table names cannot be empty)");
  if (r == '.') return fail("unexpected table separator (table names cannot be empty)");
  return namePart(r, &TomlLexer::tableNameEnd);
}

TomlLexer::State TomlLexer::tableNameEnd() {
  skipWhitespace();
  const char32_t r = advance();
  if (isWhitespace(r)) return {&TomlLexer::tableNameEnd};
  if (r == '.') return skipTo(&TomlLexer::tableNameStart);
  if (r == ']') return pop();
  return fail("expected '.' or ']' to end table name, but got " + hooks_.quoteRune(r) + " instead");
}

// One part of a key or table name starting with `first`, then `end`.
TomlLexer::State TomlLexer::namePart(char32_t first, StateFn end) {
  push(end);
  if (first == '"' || first == '\'') {
    ignore();
    return {&TomlLexer::quotedName};
  }
  return {&TomlLexer::bareName};
}

// One bare part of a key or table name (only "a" of "a.b"); may be empty.
TomlLexer::State TomlLexer::bareName() {
  if (isBareKeyChar(advance())) return {&TomlLexer::bareName};
  backup();
  emit(TomlToken::Text);
  return pop();
}

TomlLexer::State TomlLexer::quotedName() {
  const char32_t r = advance();
  if (isWhitespace(r)) return skipTo(&TomlLexer::value);
  if (r == '"') return skipTo(&TomlLexer::basicString);
  if (r == '\'') return skipTo(&TomlLexer::rawString);
  if (r == kEof) return fail("unexpected EOF; expected value");
  return fail("expected value but found " + hooks_.quoteRune(r) + " instead");
}

// The key of a key = value pair: every part up to the '='.
TomlLexer::State TomlLexer::keyStart() {
  skipWhitespace();
  const char32_t r = peek();
  if (r == '=' || r == kEof) return fail("unexpected '=': key name appears blank");
  if (r == '.') return fail("unexpected '.': keys cannot start with a '.'");
  if (r == '"' || r == '\'') ignore();
  emit(TomlToken::KeyStart);
  return {&TomlLexer::keyNameStart};
}

TomlLexer::State TomlLexer::keyNameStart() {
  skipWhitespace();
  const char32_t r = peek();
  if (r == '=' || r == kEof) return fail("unexpected '='");
  if (r == '.') return fail("unexpected '.'");
  return namePart(r, &TomlLexer::keyEnd);
}

TomlLexer::State TomlLexer::keyEnd() {
  skipWhitespace();
  const char32_t r = advance();
  if (isWhitespace(r)) return skipTo(&TomlLexer::keyEnd);
  if (r == kEof) return fail("unexpected EOF; expected key separator '='");
  if (r == '.') return skipTo(&TomlLexer::keyNameStart);
  if (r == '=') {
    emit(TomlToken::KeyEnd);
    return skipTo(&TomlLexer::value);
  }
  return fail("expected '.' or '=', but got " + hooks_.quoteRune(r) + " instead");
}

// Any value; afterwards the lexer returns to the state on top of the stack.
TomlLexer::State TomlLexer::value() {
  const char32_t r = advance();
  if (isWhitespace(r)) return skipTo(&TomlLexer::value);
  if (isDigit(r)) {
    backup();
    return {&TomlLexer::numberOrDateStart};
  }
  switch (r) {
    case '[':
      ignore();
      emit(TomlToken::ArrayStart);
      return {&TomlLexer::arrayValue};
    case '{':
      ignore();
      emit(TomlToken::InlineTableStart);
      return {&TomlLexer::inlineTableValue};
    case '"':
    case '\'':
      if (accept(r)) {
        if (accept(r)) return skipTo(r == '"' ? &TomlLexer::multilineString : &TomlLexer::multilineRawString);
        backup();
      }
      return skipTo(r == '"' ? &TomlLexer::basicString : &TomlLexer::rawString);
    case '.': return fail("floats must start with a digit, not '.'");
    case 'i':
    case 'n':
      if ((accept('n') && accept('f')) || (accept('a') && accept('n'))) {
        emit(TomlToken::Float);
        return pop();
      }
      break;
    case '-':
    case '+': return {&TomlLexer::decimalNumberStart};
    default: break;
  }
  if (hooks_.isLetter(r)) {
    backup();
    return {&TomlLexer::boolean};
  }
  if (r == kEof) return fail("unexpected EOF; expected value");
  return fail("expected value but found " + hooks_.quoteRune(r) + " instead");
}

TomlLexer::State TomlLexer::arrayValue() {
  const char32_t r = advance();
  if (isWhitespace(r) || isNewline(r)) return skipTo(&TomlLexer::arrayValue);
  if (r == '#') {
    push(&TomlLexer::arrayValue);
    return {&TomlLexer::comment};
  }
  if (r == ',') return fail("unexpected comma");
  if (r == ']') return {&TomlLexer::arrayEnd};
  backup();
  push(&TomlLexer::arrayValueEnd);
  return {&TomlLexer::value};
}

TomlLexer::State TomlLexer::arrayValueEnd() {
  const char32_t r = advance();
  if (isWhitespace(r) || isNewline(r)) return skipTo(&TomlLexer::arrayValueEnd);
  if (r == '#') {
    push(&TomlLexer::arrayValueEnd);
    return {&TomlLexer::comment};
  }
  if (r == ',') return skipTo(&TomlLexer::arrayValue);
  if (r == ']') return {&TomlLexer::arrayEnd};
  return fail("expected a comma (',') or array terminator (']'), but got " + runeOrEof(r));
}

TomlLexer::State TomlLexer::arrayEnd() {
  ignore();
  emit(TomlToken::ArrayEnd);
  return pop();
}

TomlLexer::State TomlLexer::inlineTableValue() {
  const char32_t r = advance();
  if (isWhitespace(r)) return skipTo(&TomlLexer::inlineTableValue);
  if (isNewline(r)) return failPrevLine("newlines not allowed within inline tables");
  if (r == '#') {
    push(&TomlLexer::inlineTableValue);
    return {&TomlLexer::comment};
  }
  if (r == ',') return fail("unexpected comma");
  if (r == '}') return {&TomlLexer::inlineTableEnd};
  backup();
  push(&TomlLexer::inlineTableValueEnd);
  return {&TomlLexer::keyStart};
}

TomlLexer::State TomlLexer::inlineTableValueEnd() {
  const char32_t r = advance();
  if (isWhitespace(r)) return skipTo(&TomlLexer::inlineTableValueEnd);
  if (isNewline(r)) return failPrevLine("newlines not allowed within inline tables");
  if (r == '#') {
    push(&TomlLexer::inlineTableValueEnd);
    return {&TomlLexer::comment};
  }
  if (r == ',') {
    ignore();
    skipWhitespace();
    if (peek() == '}') return fail("trailing comma not allowed in inline tables");
    return {&TomlLexer::inlineTableValue};
  }
  if (r == '}') return {&TomlLexer::inlineTableEnd};
  return fail("expected a comma or an inline table terminator '}', but got " + runeOrEof(r) + " instead");
}

TomlLexer::State TomlLexer::inlineTableEnd() {
  ignore();
  emit(TomlToken::InlineTableEnd);
  return pop();
}

// The inside of "..." (the opening quote already read and ignored).
TomlLexer::State TomlLexer::basicString() {
  const char32_t r = advance();
  if (r == kEof) return fail("unexpected EOF; expected '\"'");
  if (isNewline(r)) return failPrevLine("strings cannot contain newlines");
  if (r == '\\') {
    push(&TomlLexer::basicString);
    return {&TomlLexer::stringEscape};
  }
  if (r == '"') {
    backup();
    emit(sawEscape_ ? TomlToken::StringWithEscapes : TomlToken::String);
    sawEscape_ = false;
    advance();
    ignore();
    return pop();
  }
  return {&TomlLexer::basicString};
}

TomlLexer::State TomlLexer::rawString() {
  const char32_t r = advance();
  if (r == kEof) return fail("unexpected EOF; expected \"'\"");
  if (isNewline(r)) return failPrevLine("strings cannot contain newlines");
  if (r == '\'') {
    backup();
    emit(TomlToken::RawString);
    advance();
    ignore();
    return pop();
  }
  return {&TomlLexer::rawString};
}

TomlLexer::State TomlLexer::multilineString() {
  const char32_t r = advance();
  if (r == kEof) return fail("unexpected EOF; expected '\"\"\"'");
  if (r == '\\') return {&TomlLexer::multilineStringEscape};
  if (r == '"') return closeMultiline('"', TomlToken::MultilineString);
  return {&TomlLexer::multilineString};
}

TomlLexer::State TomlLexer::multilineRawString() {
  const char32_t r = advance();
  if (r == kEof) return fail("unexpected EOF; expected \"'''\"");
  if (r == '\'') return closeMultiline('\'', TomlToken::RawMultilineString);
  return {&TomlLexer::multilineRawString};
}

// One quote of a multiline string read: three end it, unless a fourth follows
// (up to two quotes may end the contents; six in a row are an error).
TomlLexer::State TomlLexer::closeMultiline(char32_t quote, TomlToken type) {
  const StateFn body = quote == '"' ? &TomlLexer::multilineString : &TomlLexer::multilineRawString;
  if (!accept(quote)) return {body};
  if (!accept(quote)) {
    backup();
    return {body};
  }
  if (peek() == quote) {
    const std::string_view read = current();
    if (quote == '"' && read.ends_with("\"\"\"\"\"") && !read.ends_with("\\\"\"\"\"\"")) {
      return fail("unexpected '\"\"\"\"\"\"'");
    }
    if (quote == '\'' && read.ends_with("'''''")) return fail("unexpected \"''''''\"");
    backup();
    backup();
    return {body};
  }
  backup();
  backup();
  backup();
  sawEscape_ = false;
  emit(type);
  advance();
  advance();
  advance();
  ignore();
  return pop();
}

TomlLexer::State TomlLexer::multilineStringEscape() {
  if (isNewline(advance())) return {&TomlLexer::multilineString};  // a line-ending backslash
  backup();
  push(&TomlLexer::multilineString);
  return stringEscape();
}

TomlLexer::State TomlLexer::stringEscape() {
  sawEscape_ = true;
  const char32_t r = advance();
  switch (r) {
    case 'b':
    case 't':
    case 'n':
    case 'f':
    case 'r':
    case '"':
    case ' ':  // whitespace before a line-ending backslash's newline; the parser checks
    case '\t':
    case '\\': return pop();
    case 'u':
    case 'U':
      unicodeDigits_ = r == 'u' ? 4 : 8;
      return {&TomlLexer::unicodeEscape};
    default: return fail("invalid escape in string '\\" + runeText(r) + "'");
  }
}

TomlLexer::State TomlLexer::unicodeEscape() {
  for (int i = 0; i < unicodeDigits_; ++i) {
    if (!isHex(advance())) {
      const bool isShort = unicodeDigits_ == 4;
      return fail(std::string("expected ") + (isShort ? "four" : "eight") + " hexadecimal digits after '\\" +
                  (isShort ? "u" : "U") + "', but got " + hooks_.quote(current()) + " instead");
    }
  }
  return pop();
}

// A value starting with a digit: an integer, a float or a datetime.
TomlLexer::State TomlLexer::numberOrDateStart() {
  const char32_t r = advance();
  if (r == '0') return {&TomlLexer::baseNumberOrDate};
  if (!isDigit(r)) return fail("expected a digit but got " + hooks_.quoteRune(r));
  return {&TomlLexer::numberOrDate};
}

TomlLexer::State TomlLexer::numberOrDate() {
  const char32_t r = advance();
  if (isDigit(r)) return {&TomlLexer::numberOrDate};
  if (r == '-' || r == ':') return {&TomlLexer::datetime};
  if (r == '_') return {&TomlLexer::decimalNumber};
  if (r == '.' || r == 'e' || r == 'E') return {&TomlLexer::floatNumber};
  backup();
  emit(TomlToken::Integer);
  return pop();
}

// A first approximation of a datetime; the parser validates it.
TomlLexer::State TomlLexer::datetime() {
  const char32_t r = advance();
  if (isDigit(r)) return {&TomlLexer::datetime};
  switch (r) {
    case '-':
    case ':':
    case 'T':
    case 't':
    case ' ':
    case '.':
    case 'Z':
    case 'z':
    case '+': return {&TomlLexer::datetime};
    default: break;
  }
  backup();
  emitTrimmed(TomlToken::Datetime);
  return pop();
}

TomlLexer::State TomlLexer::prefixedInteger() {
  const char32_t r = advance();
  if (integerDigit_(r) || r == '_') return {&TomlLexer::prefixedInteger};
  backup();
  emit(TomlToken::Integer);
  return pop();
}

TomlLexer::State TomlLexer::decimalNumber() {
  const char32_t r = advance();
  if (isDigit(r) || r == '_') return {&TomlLexer::decimalNumber};
  if (r == '.' || r == 'e' || r == 'E') return {&TomlLexer::floatNumber};
  backup();
  emit(TomlToken::Integer);
  return pop();
}

// After a sign: a decimal number, inf or nan.
TomlLexer::State TomlLexer::decimalNumberStart() {
  const char32_t r = advance();
  if (r == 'i' || r == 'n') {
    const bool ok = r == 'i' ? accept('n') && accept('f') : accept('a') && accept('n');
    if (!ok) return fail("invalid float: '" + std::string(current()) + "'");
    emit(TomlToken::Float);
    return pop();
  }
  if (r == '0') {
    const char32_t next = peek();
    if (next == 'b' || next == 'o' || next == 'x') {
      return fail("cannot use sign with non-decimal numbers: '" + std::string(current()) + runeText(next) + "'");
    }
  }
  if (r == '.') return fail("floats must start with a digit, not '.'");
  if (isDigit(r)) return {&TomlLexer::decimalNumber};
  return fail("expected a digit but got " + hooks_.quoteRune(r));
}

// After a leading 0: a 0x/0o/0b integer, a float, or just 0.
TomlLexer::State TomlLexer::baseNumberOrDate() {
  const char32_t r = advance();
  if (isDigit(r)) return {&TomlLexer::numberOrDate};
  switch (r) {
    case '_': return {&TomlLexer::decimalNumber};
    case '.':
    case 'e':
    case 'E': return {&TomlLexer::floatNumber};
    case 'b': return startPrefixedInteger(isBinary, "a binary");
    case 'o': return startPrefixedInteger(isOctal, "an octal");
    case 'x': return startPrefixedInteger(isHex, "a hexidecimal");
    default: break;
  }
  backup();
  emit(TomlToken::Integer);
  return pop();
}

// BurntSushi reports a prefix without a digit but lexes on; the error comes first.
TomlLexer::State TomlLexer::startPrefixedInteger(bool (*isBaseDigit)(char32_t), std::string_view kind) {
  const char32_t r = peek();
  if (!isBaseDigit(r)) fail("not " + std::string(kind) + " number: '" + std::string(current()) + runeText(r) + "'");
  integerDigit_ = isBaseDigit;
  return {&TomlLexer::prefixedInteger};
}

// Any run of float-like characters; the parser validates it.
TomlLexer::State TomlLexer::floatNumber() {
  const char32_t r = advance();
  if (isDigit(r)) return {&TomlLexer::floatNumber};
  switch (r) {
    case '_':
    case '.':
    case '-':
    case '+':
    case 'e':
    case 'E': return {&TomlLexer::floatNumber};
    default: break;
  }
  backup();
  emit(TomlToken::Float);
  return pop();
}

// A word: true, false, or an error naming it.
TomlLexer::State TomlLexer::boolean() {
  std::string word;
  for (;;) {
    const char32_t r = advance();
    if (!hooks_.isLetter(r)) {
      backup();
      break;
    }
    utf8::appendRune(word, r);
  }
  if (word == "true" || word == "false") {
    emit(TomlToken::Bool);
    return pop();
  }
  return fail("expected value but found " + hooks_.quote(word) + " instead");
}

// A comment runs to the end of the line; its text is dropped.
TomlLexer::State TomlLexer::comment() {
  const char32_t r = advance();
  if (isNewline(r) || r == kEof) {
    backup();
    ignore();
    return pop();
  }
  return {&TomlLexer::comment};
}

}  // namespace ho::encoding
