// The text/template lexer, shaped like Go's: one small state function per
// lexical state, each returning the next state, tokens appended as they form.
#include "templating/lexer.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cstdio>
#include <optional>
#include <utility>

#include "templating/go_format.h"
#include "templating/go_literals.h"
#include "templating/go_unicode.h"

namespace ho::tmpl {
namespace {

// The line feeds in `text`: template text runs to hundreds of kilobytes (CRDs
// kept as templates), so sixteen bytes at a time with SSE2, per-byte counts
// summed in lanes that are folded before they can overflow.
int countNewlines(std::string_view text) {
  std::size_t i = 0;
  std::size_t count = 0;
  if (text.size() < 16) {  // spaces and trim markers between tokens
    for (char c : text) count += c == '\n';
    return static_cast<int>(count);
  }
#if defined(__SSE2__)
  const __m128i lineFeed = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  while (i + 16 <= text.size()) {
    __m128i lanes = zero;  // each byte lane counts up to 255
    for (int round = 0; round < 255 && i + 16 <= text.size(); ++round, i += 16) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(chunk, lineFeed));
    }
    const __m128i sums = _mm_sad_epu8(lanes, zero);  // two 64-bit halves
    count += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  count += static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(), '\n'));
  return static_cast<int>(count);
}

constexpr std::string_view kLeftDelim = "{{";
constexpr std::string_view kRightDelim = "}}";
constexpr std::string_view kLeftComment = "/*";
constexpr std::string_view kRightComment = "*/";
constexpr std::size_t kTrimMarkerLen = 2;  // "- " or " -"
constexpr int kEof = -1;

// ' ', '\t', '\r' or '\n', by one shift of a mask of those four bits.
bool isSpace(int r) { return static_cast<unsigned>(r) <= ' ' && ((std::uint64_t{0x100002600} >> r) & 1) != 0; }

constexpr auto kAsciiWord = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x80; ++c) {
    table[static_cast<std::size_t>(c)] =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return table;
}();

// The end of the run of ASCII letters, digits and '_' from `at`: sixteen
// bytes at a time with SSE2 (each byte tested against the three ranges; a
// byte above 0x7F is none of them), byte by byte near the end of the text.
std::size_t asciiWordEnd(std::string_view text, std::size_t at) {
#if defined(__SSE2__)
  // Whether each byte of `bytes` is within [low, low + span]: its distance
  // from `low`, wrapped, is at most `span`.
  auto inRange = [](__m128i bytes, char low, char span) {
    const __m128i distance = _mm_sub_epi8(bytes, _mm_set1_epi8(low));
    return _mm_cmpeq_epi8(_mm_max_epu8(distance, _mm_set1_epi8(span)), _mm_set1_epi8(span));
  };
  while (at + 16 <= text.size()) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    const __m128i letter = inRange(_mm_or_si128(chunk, _mm_set1_epi8(0x20)), 'a', 'z' - 'a');  // either case
    const __m128i word =
        _mm_or_si128(_mm_or_si128(letter, inRange(chunk, '0', 9)), _mm_cmpeq_epi8(chunk, _mm_set1_epi8('_')));
    const auto wordBytes = static_cast<unsigned>(_mm_movemask_epi8(word));
    if (wordBytes != 0xFFFF) return at + static_cast<std::size_t>(std::countr_one(wordBytes));
    at += 16;
  }
#endif
  while (at < text.size() && kAsciiWord[static_cast<unsigned char>(text[at])]) ++at;
  return at;
}

bool isAlphaNumeric(int r) {
  if (r == '_') return true;
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9');
  return unicode::isLetter(static_cast<char32_t>(r)) || unicode::isDigit(static_cast<char32_t>(r));
}

// Go's %#U: "U+0041 'A'", or just "U+0001" for an unprintable rune.
std::string describeRune(int r) {
  char32_t rune = r < 0 ? unicode::kRuneError : static_cast<char32_t>(r);
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(rune));
  std::string text = buf;
  if (unicode::isPrint(rune)) {
    text += " '";
    unicode::appendRune(text, rune);
    text += "'";
  }
  return text;
}

bool hasLeftTrimMarker(std::string_view s) { return s.size() >= 2 && s[0] == '-' && isSpace(s[1]); }

std::size_t rightTrimLength(std::string_view s) {
  std::size_t n = s.size();
  while (n > 0 && isSpace(s[n - 1])) --n;
  return s.size() - n;
}

std::size_t leftTrimLength(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && isSpace(s[n])) ++n;
  return n;
}

// The keyword `word` spells, if any; break and continue are plain identifiers
// when functions of those names exist.
std::optional<TokenKind> keywordKind(std::string_view word, const LexOptions& options) {
  // Compared by length first: most identifiers are function names of other lengths.
  auto is = [&word](std::string_view keyword) { return word == keyword; };
  switch (word.size()) {
    case 2: if (is("if")) return TokenKind::If; break;
    case 3:
      if (is("end")) return TokenKind::End;
      if (is("nil")) return TokenKind::Nil;
      break;
    case 4:
      if (is("else")) return TokenKind::Else;
      if (is("with")) return TokenKind::With;
      break;
    case 5:
      if (is("block")) return TokenKind::Block;
      if (is("range")) return TokenKind::Range;
      if (is("break") && options.breakIsKeyword) return TokenKind::Break;
      break;
    case 6: if (is("define")) return TokenKind::Define; break;
    case 8:
      if (is("template")) return TokenKind::Template;
      if (is("continue") && options.continueIsKeyword) return TokenKind::Continue;
      break;
    default: break;
  }
  return std::nullopt;
}

class Lexer {
 public:
  Lexer(std::string_view input, LexOptions options) : input_(input), options_(options) {
    // A guess of one token per 8 bytes: one allocation up front instead of a
    // dozen doublings (the tokens live only while parsing, so spare room is
    // brief), at most 4096 of them: a CRD kept as a template is hundreds of
    // kilobytes of text with a few actions, and its guess raised the heap's
    // high-water mark by a megabyte (a huge page more to zero).
    lexed_.tokens.reserve(std::min<std::size_t>(input.size() / 8, 4096) + 4);
  }

  LexedTokens run() {
    for (State state = State::Text; state != State::Done;) state = step(state);
    return std::move(lexed_);
  }

 private:
  // The lexical states, each lexed by the function of its name: step() runs
  // those between actions, lexInsideAction() those of an action's tokens.
  enum class State : std::uint8_t {
    Done, Text, LeftDelim, Comment, RightDelim, InsideAction, Space, Identifier, Field, Variable, Char, Quote,
    RawQuote, Number
  };
  State step(State state) {
    switch (state) {
      case State::Text: return lexText();
      case State::LeftDelim: return lexLeftDelim();
      case State::Comment: return lexComment();
      case State::RightDelim: return lexRightDelim();
      case State::InsideAction: return lexInsideAction();
      default: break;
    }
    return State::Done;
  }

  std::string_view rest() const { return input_.substr(pos_); }

  int next() {
    if (pos_ >= input_.size()) {
      width_ = 0;
      return kEof;
    }
    if (auto byte = static_cast<unsigned char>(input_[pos_]); byte < 0x80) {  // ASCII: one byte, itself
      width_ = 1;
      ++pos_;
      return byte;
    }
    unicode::DecodedRune decoded = unicode::decodeRune(input_.substr(pos_));
    width_ = decoded.size;
    pos_ += decoded.size;
    return static_cast<int>(decoded.rune);
  }
  // Moves past the letters, digits and '_' of a word, ASCII ones found
  // without decoding them one by one, and returns the rune after it (not
  // consumed; kEof at the end).
  int skipWord() {
    for (;;) {
      pos_ = asciiWordEnd(input_, pos_);
      const int r = next();
      if (r < 0x80 || !isAlphaNumeric(r)) {
        backup();
        return r;
      }
    }
  }
  void backup() { pos_ -= width_; }
  int peek() {
    int r = next();
    backup();
    return r;
  }
  bool accept(std::string_view valid) {
    if (pos_ < input_.size() && valid.find(input_[pos_]) != std::string_view::npos) {
      ++pos_;
      return true;
    }
    return false;
  }
  void acceptRun(std::string_view valid) {
    while (accept(valid)) {
    }
  }

  // Moves the token start to pos_, keeping the line count current.
  void ignore() {
    startLine_ += countNewlines(input_.substr(start_, pos_ - start_));
    start_ = pos_;
  }
  // Appends the token from start_ to pos_ and starts the next one there.
  // Only text, spaces and raw strings can hold a line break: emitCountingLines
  // for text and raw strings, lexSpace counts its own.
  void emit(TokenKind kind) {
    lexed_.tokens.push_back(token(kind, input_.substr(start_, pos_ - start_)));
    start_ = pos_;
  }
  void emitCountingLines(TokenKind kind) {
    lexed_.tokens.push_back(token(kind, input_.substr(start_, pos_ - start_)));
    ignore();
  }
  Token token(TokenKind kind, std::string_view text) const {
    return Token{kind, static_cast<std::uint32_t>(start_), startLine_, text};
  }
  State errorf(std::string message) {
    lexed_.errorMessage = std::make_unique<const std::string>(std::move(message));
    lexed_.tokens.push_back(token(TokenKind::Error, *lexed_.errorMessage));
    return State::Done;
  }

  // Whether a right delimiter starts at byte `at`. Checked byte by byte: it is
  // asked at every space and word end of every action.
  bool rightDelimAt(std::size_t at) const {
    return at + 1 < input_.size() && input_[at] == kRightDelim[0] && input_[at + 1] == kRightDelim[1];
  }
  // Whether a trim-marked right delimiter (" -}}") starts at byte `at`.
  bool trimmedRightDelimAt(std::size_t at) const {
    return at + 1 < input_.size() && isSpace(input_[at]) && input_[at + 1] == '-' && rightDelimAt(at + 2);
  }
  // Whether the input is at a right delimiter, and whether it carries a trim marker.
  std::pair<bool, bool> atRightDelim() const {
    if (trimmedRightDelimAt(pos_)) return {true, true};
    return {rightDelimAt(pos_), false};
  }

  // Whether `r`, the rune at pos_, ends a word.
  bool isTerminator(int r) const {
    if (isSpace(r)) return true;
    switch (r) {
      case kEof: case '.': case ',': case '|': case ':': case ')': case '(':
        return true;
      default:
        return rightDelimAt(pos_);
    }
  }
  bool atTerminator() { return isTerminator(peek()); }

  State lexText();
  State lexLeftDelim();
  State lexComment();
  State lexRightDelim();
  State lexInsideAction();
  // One step inside an action: a one-character token emitted (InsideAction
  // again), or the state that lexes what starts here. Inlined into
  // lexInsideAction's loop: as a call it saved and restored registers per token.
  [[gnu::always_inline]] inline State lexActionToken();
  State lexSpace();
  State lexIdentifier();
  State lexFieldOrVariable(TokenKind kind);
  State lexQuoted(char quote, const char* unterminated, TokenKind kind);
  State lexRawQuote();
  State lexNumber();
  bool scanNumber();

  std::string_view input_;
  LexOptions options_;
  std::size_t pos_ = 0;
  std::size_t start_ = 0;
  std::size_t width_ = 0;
  int startLine_ = 1;
  int parenDepth_ = 0;
  LexedTokens lexed_;
};

Lexer::State Lexer::lexText() {
  std::size_t found = input_.find(kLeftDelim, pos_);
  if (found == std::string_view::npos) {
    pos_ = input_.size();
    if (pos_ > start_) emitCountingLines(TokenKind::Text);
    emit(TokenKind::Eof);
    return State::Done;
  }
  if (found > pos_) {
    pos_ = found;
    std::size_t trim = 0;
    if (hasLeftTrimMarker(input_.substr(found + kLeftDelim.size()))) {
      trim = rightTrimLength(input_.substr(start_, pos_ - start_));
    }
    pos_ -= trim;
    if (pos_ > start_) emitCountingLines(TokenKind::Text);
    pos_ += trim;
    ignore();
  }
  return State::LeftDelim;
}

Lexer::State Lexer::lexLeftDelim() {
  pos_ += kLeftDelim.size();
  bool trim = hasLeftTrimMarker(rest());
  std::size_t afterMarker = trim ? kTrimMarkerLen : 0;
  if (rest().substr(afterMarker).starts_with(kLeftComment)) {
    pos_ += afterMarker;
    ignore();
    return State::Comment;
  }
  emit(TokenKind::LeftDelim);
  pos_ += afterMarker;
  ignore();
  parenDepth_ = 0;
  return State::InsideAction;
}

Lexer::State Lexer::lexComment() {
  pos_ += kLeftComment.size();
  std::size_t end = input_.find(kRightComment, pos_);
  if (end == std::string_view::npos) return errorf("unclosed comment");
  pos_ = end + kRightComment.size();
  auto [delim, trim] = atRightDelim();
  if (!delim) return errorf("comment ends before closing delimiter");
  if (trim) pos_ += kTrimMarkerLen;
  pos_ += kRightDelim.size();
  if (trim) pos_ += leftTrimLength(rest());
  ignore();
  return State::Text;
}

Lexer::State Lexer::lexRightDelim() {
  auto [delim, trim] = atRightDelim();
  if (trim) {
    pos_ += kTrimMarkerLen;
    ignore();
  }
  pos_ += kRightDelim.size();
  emit(TokenKind::RightDelim);
  if (trim) {
    pos_ += leftTrimLength(rest());
    ignore();
  }
  return State::Text;
}

Lexer::State Lexer::lexInsideAction() {
  // The states an action's tokens go through are called from here, in a loop,
  // rather than through step()'s switch: a token is two or three state
  // changes, and the switch's indirect jump mispredicted on most of them.
  for (;;) {
    const State following = lexActionToken();
    if (following == State::InsideAction) continue;
    State then = State::Done;
    switch (following) {
      case State::Space: then = lexSpace(); break;
      case State::Identifier: then = lexIdentifier(); break;
      case State::Field: then = lexFieldOrVariable(TokenKind::Field); break;
      case State::Variable: then = lexFieldOrVariable(TokenKind::Variable); break;
      case State::Char: then = lexQuoted('\'', "unterminated character constant", TokenKind::CharConstant); break;
      case State::Quote: then = lexQuoted('"', "unterminated quoted string", TokenKind::String); break;
      case State::RawQuote: then = lexRawQuote(); break;
      case State::Number: then = lexNumber(); break;
      default: return following;  // the right delimiter, or Done after an error
    }
    if (then != State::InsideAction) return then;
  }
}

Lexer::State Lexer::lexActionToken() {
  // A right delimiter starts with its first byte or with a trim marker's space.
  const char first = pos_ < input_.size() ? input_[pos_] : '\0';
  const bool space = isSpace(first);
  // A lone blank between words, a third of all tokens: emitted here.
  if (first == ' ' && pos_ + 1 < input_.size() && !isSpace(input_[pos_ + 1]) && input_[pos_ + 1] != '-') {
    ++pos_;
    emit(TokenKind::Space);
    return State::InsideAction;
  }
  if ((first == kRightDelim[0] || space) && atRightDelim().first) {
    if (parenDepth_ == 0) return State::RightDelim;
    return errorf("unclosed left paren");
  }
  if (space) return State::Space;
  int r = next();
  if (r == kEof) return errorf("unclosed action");
  switch (r) {
    case '=': emit(TokenKind::Assign); return State::InsideAction;
    case ':':
      if (next() != '=') return errorf("expected :=");
      emit(TokenKind::Declare);
      return State::InsideAction;
    case '|': emit(TokenKind::Pipe); return State::InsideAction;
    case '"': return State::Quote;
    case '`': return State::RawQuote;
    case '$': return State::Variable;
    case '\'': return State::Char;
    case '(':
      emit(TokenKind::LeftParen);
      ++parenDepth_;
      return State::InsideAction;
    case ')':
      if (--parenDepth_ < 0) return errorf("unexpected right paren");
      emit(TokenKind::RightParen);
      return State::InsideAction;
    default: break;
  }
  if (r == '.' && pos_ < input_.size() && (input_[pos_] < '0' || input_[pos_] > '9')) {
    return State::Field;
  }
  if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
    backup();
    return State::Number;
  }
  if (isAlphaNumeric(r)) {
    backup();
    return State::Identifier;
  }
  if (r < 0x80 && r >= 0x20 && r < 0x7F) {
    emit(TokenKind::Char);
    return State::InsideAction;
  }
  return errorf("unrecognized character in action: " + describeRune(r));
}

Lexer::State Lexer::lexSpace() {
  // Spaces are ASCII: no decoding; their line feeds counted on the way.
  const std::size_t from = pos_;
  int lineFeeds = 0;
  for (; pos_ < input_.size() && isSpace(input_[pos_]); ++pos_) lineFeeds += input_[pos_] == '\n';
  const std::size_t spaces = pos_ - from;
  // A trim-marked right delimiter starts with a space: leave it for lexRightDelim.
  if (trimmedRightDelimAt(pos_ - 1)) {
    --pos_;
    lineFeeds -= input_[pos_] == '\n';
    if (spaces == 1) return State::RightDelim;
  }
  emit(TokenKind::Space);
  startLine_ += lineFeeds;
  return State::InsideAction;
}

Lexer::State Lexer::lexIdentifier() {
  const int r = skipWord();
  if (!isTerminator(r)) return errorf("bad character " + describeRune(r));
  std::string_view word = input_.substr(start_, pos_ - start_);
  if (auto keyword = keywordKind(word, options_)) {
    emit(*keyword);
  } else if (word == "true" || word == "false") {
    emit(TokenKind::Bool);
  } else {
    emit(TokenKind::Identifier);
  }
  return State::InsideAction;
}

Lexer::State Lexer::lexFieldOrVariable(TokenKind kind) {
  if (atTerminator()) {  // "." or "$" alone
    emit(kind == TokenKind::Variable ? TokenKind::Variable : TokenKind::Dot);
    return State::InsideAction;
  }
  const int r = skipWord();
  if (!isTerminator(r)) return errorf("bad character " + describeRune(r));
  emit(kind);
  return State::InsideAction;
}

Lexer::State Lexer::lexQuoted(char quote, const char* unterminated, TokenKind kind) {
  // Only the quote, a backslash and a newline matter, all ASCII, and no byte of
  // a multibyte character is ASCII: the text is scanned for them bytewise.
  for (;;) {
    pos_ = quotedLiteralStop(input_, pos_, quote);
    if (pos_ >= input_.size() || input_[pos_] == '\n') return errorf(unterminated);
    if (input_[pos_++] == quote) break;
    // A backslash escapes the next character, unless the line or the text ends.
    if (pos_ >= input_.size() || input_[pos_] == '\n') return errorf(unterminated);
    ++pos_;
  }
  emit(kind);
  return State::InsideAction;
}

Lexer::State Lexer::lexRawQuote() {
  std::size_t close = input_.find('`', pos_);
  if (close == std::string_view::npos) {
    pos_ = input_.size();
    return errorf("unterminated raw quoted string");
  }
  pos_ = close + 1;
  emitCountingLines(TokenKind::RawString);
  return State::InsideAction;
}

Lexer::State Lexer::lexNumber() {
  auto bad = [&] { return errorf("bad number syntax: " + quoteGo(input_.substr(start_, pos_ - start_))); };
  if (!scanNumber()) return bad();
  int sign = peek();
  if (sign == '+' || sign == '-') {  // complex: 1+2i
    if (!scanNumber() || input_[pos_ - 1] != 'i') return bad();
    emit(TokenKind::Complex);
  } else {
    emit(TokenKind::Number);
  }
  return State::InsideAction;
}

bool Lexer::scanNumber() {
  accept("+-");
  std::string_view digits = "0123456789_";
  if (accept("0")) {
    if (accept("xX")) {
      digits = "0123456789abcdefABCDEF_";
    } else if (accept("oO")) {
      digits = "01234567_";
    } else if (accept("bB")) {
      digits = "01_";
    }
  }
  acceptRun(digits);
  if (accept(".")) acceptRun(digits);
  if (digits.size() == 11 && accept("eE")) {
    accept("+-");
    acceptRun("0123456789_");
  }
  if (digits.size() == 23 && accept("pP")) {
    accept("+-");
    acceptRun("0123456789_");
  }
  accept("i");
  if (isAlphaNumeric(peek())) {
    next();
    return false;
  }
  return true;
}

}  // namespace

std::string describeToken(const Token& token) {
  switch (token.kind) {
    case TokenKind::Eof: return "EOF";
    case TokenKind::Error: return std::string(token.text);
    default: break;
  }
  if (isKeyword(token.kind)) return "<" + std::string(token.text) + ">";
  // Go's %.10q: at most ten runes, quoted, then "...".
  if (token.text.size() <= 10) return quoteGo(token.text);
  std::size_t bytes = 0;
  for (int runes = 0; bytes < token.text.size() && runes < 10; ++runes) {
    bytes += unicode::decodeRune(token.text.substr(bytes)).size;
  }
  return quoteGo(token.text.substr(0, bytes)) + "...";
}

LexedTokens lexTemplate(std::string_view source, LexOptions options) {
  return Lexer(source, options).run();
}

}  // namespace ho::tmpl
