// YAML tokenizer following go-yaml v2's scanner rules (simple keys, indentation
// stack, flow levels, scalar folding) over one contiguous, NUL-padded buffer.
#include "encoding/yaml_scanner.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/go_utf8.h"
#include "encoding/byte_set.h"
#include "encoding/space_run.h"
#include "encoding/yaml_characters.h"

namespace ho::encoding::yaml {
namespace {

// NULs after the text, so lookahead never bounds-checks and a 16-byte load
// that starts at or before the end stays inside the buffer.
constexpr std::size_t kPadding = 16;
constexpr int kMaxDepth = 10000;          // go-yaml's max_flow_level and max_indents
constexpr std::size_t kMaxSimpleKeyLength = 1024;

int utf8Width(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  return 4;
}

bool isAlpha(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
         c == '-';
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Printable ASCII (with tab, LF and CR): the bytes the reader passes without a closer look.
constexpr auto kPlainAscii = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x7F; ++c) table[static_cast<std::size_t>(c)] = true;
  table['\t'] = table['\n'] = table['\r'] = true;
  return table;
}();

// ASCII that can neither end a plain scalar nor start a multibyte character:
// graphic characters but ':' (ends it before a blank), and in flow context
// also the flow indicators. Runs of these are skipped a byte at a time.
constexpr auto plainRunBytes(bool flow) {
  std::array<bool, 256> table{};
  for (int c = 0x21; c < 0x7F; ++c) table[static_cast<std::size_t>(c)] = true;
  table[':'] = false;
  if (flow) {
    for (char c : std::string_view(",?[]{}")) table[static_cast<unsigned char>(c)] = false;
  }
  return table;
}
constexpr auto kPlainRunBlock = plainRunBytes(false);
constexpr auto kPlainRunFlow = plainRunBytes(true);

// Where the run of kPlainRunBlock bytes starting at `at` ends, sixteen bytes
// at a time with SSE2 (a stop is a byte below '!' or above '~', which signed
// compares catch together, or ':'); byte by byte elsewhere. The text's NUL
// padding ends every run inside the buffer.
std::size_t plainBlockRunEnd(const char* bytes, std::size_t at) {
#if defined(__SSE2__)
  const __m128i firstGraphic = _mm_set1_epi8('!');
  const __m128i colon = _mm_set1_epi8(':');
  const __m128i del = _mm_set1_epi8(0x7F);
  for (;; at += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + at));
    const __m128i stops = _mm_or_si128(_mm_cmplt_epi8(chunk, firstGraphic),
                                       _mm_or_si128(_mm_cmpeq_epi8(chunk, colon), _mm_cmpeq_epi8(chunk, del)));
    if (const int mask = _mm_movemask_epi8(stops); mask != 0) return at + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#else
  while (kPlainRunBlock[static_cast<unsigned char>(bytes[at])]) ++at;
  return at;
#endif
}


// ASCII that neither breaks a line nor ends the input (its NUL padding):
// the body of a comment or of a block scalar's line.
constexpr auto kLineRunBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0x01; c < 0x80; ++c) table[static_cast<std::size_t>(c)] = c != '\n' && c != '\r';
  return table;
}();

// Where the run of kLineRunBytes starting at `at` ends: sixteen bytes at a
// time with SSE2 (a stop is a line break, or a byte not above zero as a
// signed one: the NUL padding and every byte from 0x80), byte by byte
// elsewhere. The padding ends every run inside the buffer.
std::size_t lineRunEnd(const char* bytes, std::size_t at) {
#if defined(__SSE2__)
  const __m128i one = _mm_set1_epi8(1);
  const __m128i lineFeed = _mm_set1_epi8('\n');
  const __m128i carriageReturn = _mm_set1_epi8('\r');
  for (;; at += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + at));
    const __m128i stops = _mm_or_si128(_mm_cmplt_epi8(chunk, one), _mm_or_si128(_mm_cmpeq_epi8(chunk, lineFeed),
                                                                                _mm_cmpeq_epi8(chunk, carriageReturn)));
    if (const int mask = _mm_movemask_epi8(stops); mask != 0) return at + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#else
  while (kLineRunBytes[static_cast<unsigned char>(bytes[at])]) ++at;
  return at;
#endif
}

// The first byte at or after `i` that is not printable ASCII, a tab or a line
// break: sixteen bytes at a time with SSE2 (a signed compare below ' ' also
// catches the bytes from 0x80), eight printable bytes at a time elsewhere.
std::size_t plainAsciiEnd(const unsigned char* bytes, std::size_t i, std::size_t size) {
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i del = _mm_set1_epi8(0x7F);
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i lineFeed = _mm_set1_epi8('\n');
  const __m128i carriageReturn = _mm_set1_epi8('\r');
  for (; i + 16 <= size; i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    const __m128i breaks = _mm_or_si128(_mm_cmpeq_epi8(chunk, lineFeed), _mm_cmpeq_epi8(chunk, carriageReturn));
    const __m128i allowedControl = _mm_or_si128(_mm_cmpeq_epi8(chunk, tab), breaks);
    const __m128i controlOrHigh = _mm_andnot_si128(allowedControl, _mm_cmplt_epi8(chunk, space));
    const __m128i bad = _mm_or_si128(controlOrHigh, _mm_cmpeq_epi8(chunk, del));
    if (const int mask = _mm_movemask_epi8(bad); mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#else
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighBits = 0x8080808080808080ULL;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes + i, sizeof word);
    const std::uint64_t below0x20 = (word - 0x20 * kOnes) & ~word;  // high bit set where a byte < 0x20
    const std::uint64_t del = word ^ (0x7F * kOnes);
    const std::uint64_t is0x7F = (del - kOnes) & ~del;  // high bit set where a byte == 0x7F
    if (((word | below0x20 | is0x7F) & kHighBits) != 0) break;
  }
#endif
  while (i < size && kPlainAscii[bytes[i]]) ++i;
  return i;
}

// go-yaml's reader: UTF-8 only, and only printable characters.
const char* encodingProblem(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t size = text.size();
  for (std::size_t i = 0; i < size;) {
    i = plainAsciiEnd(bytes, i, size);
    if (i >= size) break;
    if (bytes[i] < 0x80) return "control characters are not allowed";
    const MultibyteCharacter c = readMultibyte(text, i);
    if (c.problem) return c.problem;
    i += c.width;
  }
  return nullptr;
}

// A scalar's text: a view into the input for as long as the pieces added are
// exactly the next input bytes, copied into a string from the first piece that isn't.
class ScalarText {
 public:
  explicit ScalarText(const std::string& source) : source_(source) {}

  void addSource(std::size_t from, std::size_t to) {
    if (from == to) return;
    if (!copied_) {
      if (viewEnd_ == viewStart_) {
        viewStart_ = from;
        viewEnd_ = to;
        return;
      }
      if (viewEnd_ == from) {
        viewEnd_ = to;
        return;
      }
      copy();
    }
    text_.append(source_, from, to - from);
  }

  void add(std::string_view piece) {
    if (piece.empty()) return;
    if (!copied_) {
      if (viewEnd_ != viewStart_ && source_.compare(viewEnd_, piece.size(), piece) == 0) {
        viewEnd_ += piece.size();
        return;
      }
      copy();
    }
    text_.append(piece);
  }

  std::string_view finish(Scanner& keeper) {
    if (copied_) return keeper.keep(std::move(text_));
    return std::string_view(source_).substr(viewStart_, viewEnd_ - viewStart_);
  }

 private:
  void copy() {
    text_.assign(source_, viewStart_, viewEnd_ - viewStart_);
    copied_ = true;
  }

  const std::string& source_;
  std::size_t viewStart_ = 0;
  std::size_t viewEnd_ = 0;
  bool copied_ = false;
  std::string text_;
};

// How go-yaml joins the line breaks inside a flow or plain scalar.
void foldBreaks(ScalarText& text, std::string& leadingBreak, std::string& trailingBreaks) {
  if (!leadingBreak.empty() && leadingBreak[0] == '\n') {
    if (trailingBreaks.empty()) {
      text.add(" ");
    } else {
      text.add(trailingBreaks);
    }
  } else {
    text.add(leadingBreak);
    text.add(trailingBreaks);
  }
  leadingBreak.clear();
  trailingBreaks.clear();
}

}  // namespace

void throwSyntaxError(ErrorSource source, const Mark& problemMark, const Mark& contextMark,
                      std::string_view problem) {
  int line = 0;
  if (problemMark.line != 0) {
    line = source == ErrorSource::Scanner ? problemMark.line + 1 : problemMark.line;
  } else if (contextMark.line != 0) {
    line = contextMark.line;
  }
  std::string message = "yaml: ";
  if (line != 0) message += "line " + std::to_string(line) + ": ";
  message += problem;
  throw SyntaxError{std::move(message)};
}

Scanner::Scanner(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (const char* problem = encodingProblem(text)) throwSyntaxError(ErrorSource::Reader, {}, {}, problem);
  buffer_.reserve(text.size() + kPadding);
  buffer_.append(text);
  buffer_.append(kPadding, '\0');
  size_ = text.size();
}

std::string_view Scanner::keep(std::string text) { return kept_.emplace_back(std::move(text)); }

bool Scanner::isMultibyteBreakAt(std::size_t offset) const {
  auto c = static_cast<unsigned char>(at(offset));
  if (c == 0xC2) return static_cast<unsigned char>(at(offset + 1)) == 0x85;
  if (c == 0xE2) {
    auto c2 = static_cast<unsigned char>(at(offset + 2));
    return static_cast<unsigned char>(at(offset + 1)) == 0x80 && (c2 == 0xA8 || c2 == 0xA9);
  }
  return false;
}

bool Scanner::isDocumentIndicator() const {
  char c = at();
  return (c == '-' || c == '.') && at(1) == c && at(2) == c && isBlankOrEndAt(3);
}

void Scanner::advance() {
  pos_ += static_cast<std::size_t>(utf8Width(static_cast<unsigned char>(buffer_[pos_])));
  ++column_;
}

void Scanner::skipSpaces(std::size_t most) {
  const std::size_t end = spaceRunEnd(buffer_, pos_, most);
  column_ += static_cast<int>(end - pos_);
  pos_ = end;
}

void Scanner::skipToLineEnd() {
  for (;;) {
    const std::size_t start = pos_;
    pos_ = lineRunEnd(buffer_.data(), pos_);
    column_ += static_cast<int>(pos_ - start);
    if (isBreakOrEndAt()) return;
    advance();  // a multibyte character
  }
}

// The usual end of a block plain scalar, taken in one step: a line feed, then
// a line indented by spaces only and by less than `indent`, starting with an
// ASCII character that is no break. The general loop would consume the same
// break and spaces and stop there; this moves past them the same way.
bool Scanner::endsAtLessIndentedLine(int indent) {
  if (flowLevel_ > 0 || at() != '\n') return false;
  std::size_t next = pos_ + 1;
  while (buffer_[next] == ' ') ++next;
  const auto spaces = static_cast<int>(next - pos_ - 1);
  const auto c = static_cast<unsigned char>(buffer_[next]);
  if (spaces >= indent || c == '\n' || c == '\r' || c == '\t' || c >= 0x80) return false;
  pos_ = next;
  ++line_;
  column_ = spaces;
  return true;
}

void Scanner::advanceLine() {
  if (at() == '\r' && at(1) == '\n') {
    pos_ += 2;
  } else if (isBreakAt()) {
    pos_ += static_cast<std::size_t>(utf8Width(static_cast<unsigned char>(buffer_[pos_])));
  } else {
    return;
  }
  column_ = 0;
  ++line_;
}

void Scanner::readLine(std::string& out) {
  if (!isBreakAt()) return;
  if (static_cast<unsigned char>(at()) == 0xE2) {
    out.append(buffer_, pos_, 3);  // LS and PS are kept as they are
  } else {
    out.push_back('\n');
  }
  advanceLine();
}

void Scanner::fail(const Mark& context, std::string_view problem) const {
  throwSyntaxError(ErrorSource::Scanner, mark(), context, problem);
}

const Token& Scanner::peek() {
  if (!tokenAvailable_) fetchMoreTokens();
  return tokens_[head_];
}

void Scanner::consume() {
  tokenAvailable_ = false;
  ++parsed_;
  streamEndProduced_ = tokens_[head_].type == TokenType::StreamEnd;
  ++head_;
}

void Scanner::insertToken(std::ptrdiff_t queuePosition, const Token& token) {
  if (head_ == tokens_.size()) {
    tokens_.clear();
    head_ = 0;
  } else if (head_ > 64 && head_ * 2 > tokens_.size()) {
    tokens_.erase(tokens_.begin(), tokens_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
  if (queuePosition < 0) {
    tokens_.push_back(token);
  } else {
    tokens_.insert(tokens_.begin() + static_cast<std::ptrdiff_t>(head_) + queuePosition, token);
  }
}

// --- simple keys -----------------------------------------------------------

void Scanner::indexSimpleKey(std::size_t tokenNumber, std::size_t level) {
  if (keysByTokenFront_ < keysByToken_.size() && keysByToken_.back().first == tokenNumber) {
    keysByToken_.back().second = level;
  } else {
    keysByToken_.emplace_back(tokenNumber, level);
  }
}

void Scanner::unindexSimpleKey(std::size_t tokenNumber) {
  for (std::size_t i = keysByToken_.size(); i-- > keysByTokenFront_;) {
    if (keysByToken_[i].first == tokenNumber) {
      keysByToken_[i].second = SIZE_MAX;
      return;
    }
    if (keysByToken_[i].first < tokenNumber) return;
  }
}

bool Scanner::indexedSimpleKey(std::size_t tokenNumber, std::size_t& level) {
  while (keysByTokenFront_ < keysByToken_.size() && keysByToken_[keysByTokenFront_].first < tokenNumber) {
    ++keysByTokenFront_;
  }
  if (keysByTokenFront_ == keysByToken_.size()) {
    keysByToken_.clear();
    keysByTokenFront_ = 0;
    return false;
  }
  if (keysByTokenFront_ > 1024 && keysByTokenFront_ * 2 > keysByToken_.size()) {
    keysByToken_.erase(keysByToken_.begin(), keysByToken_.begin() + static_cast<std::ptrdiff_t>(keysByTokenFront_));
    keysByTokenFront_ = 0;
  }
  const auto& [number, keyLevel] = keysByToken_[keysByTokenFront_];
  if (number != tokenNumber || keyLevel >= simpleKeys_.size()) return false;
  level = keyLevel;
  return true;
}

bool Scanner::headIsPendingSimpleKey() {
  std::size_t level = 0;
  return indexedSimpleKey(parsed_, level) && simpleKeyIsValid(simpleKeys_[level]);
}

bool Scanner::simpleKeyIsValid(SimpleKey& key) {
  if (!key.possible) return false;
  bool stale = key.mark.line < line_;
  if (!stale && pos_ - key.mark.index > kMaxSimpleKeyLength) {
    std::size_t characters = 0;  // go-yaml counts characters, not bytes
    for (std::size_t i = key.mark.index; i < pos_; ++i) {
      if ((static_cast<unsigned char>(buffer_[i]) & 0xC0) != 0x80) ++characters;
    }
    stale = characters > kMaxSimpleKeyLength;
  }
  if (!stale) return true;
  if (key.required) fail(key.mark, "could not find expected ':'");
  key.possible = false;
  return false;
}

void Scanner::saveSimpleKey() {
  if (!simpleKeyAllowed_) return;
  SimpleKey key{true, flowLevel_ == 0 && indent_ == column_, producedCount(), mark()};
  removeSimpleKey();
  simpleKeys_.back() = key;
  indexSimpleKey(key.tokenNumber, simpleKeys_.size() - 1);
}

void Scanner::removeSimpleKey() {
  SimpleKey& key = simpleKeys_.back();
  if (!key.possible) return;
  if (key.required) fail(key.mark, "could not find expected ':'");
  key.possible = false;
  unindexSimpleKey(key.tokenNumber);
}

void Scanner::increaseFlowLevel() {
  simpleKeys_.push_back(SimpleKey{false, false, producedCount(), mark()});
  if (++flowLevel_ > kMaxDepth) fail(simpleKeys_.back().mark, "exceeded max depth of 10000");
}

void Scanner::decreaseFlowLevel() {
  if (flowLevel_ == 0) return;
  --flowLevel_;
  unindexSimpleKey(simpleKeys_.back().tokenNumber);
  simpleKeys_.pop_back();
}

// --- indentation -----------------------------------------------------------

void Scanner::rollIndent(int column, std::ptrdiff_t tokenNumber, TokenType type, const Mark& at) {
  if (flowLevel_ > 0 || indent_ >= column) return;
  indents_.push_back(indent_);
  indent_ = column;
  if (indents_.size() > static_cast<std::size_t>(kMaxDepth)) {
    fail(simpleKeys_.back().mark, "exceeded max depth of 10000");
  }
  Token token;
  token.type = type;
  token.start = token.end = at;
  insertToken(tokenNumber < 0 ? -1 : tokenNumber - static_cast<std::ptrdiff_t>(parsed_), token);
}

void Scanner::unrollIndent(int column) {
  if (flowLevel_ > 0) return;
  while (indent_ > column) {
    Token token;
    token.type = TokenType::BlockEnd;
    token.start = token.end = mark();
    insertToken(-1, token);
    indent_ = indents_.back();
    indents_.pop_back();
  }
}

// --- token dispatch --------------------------------------------------------

void Scanner::fetchMoreTokens() {
  while (head_ == tokens_.size() || headIsPendingSimpleKey()) fetchNextToken();
  tokenAvailable_ = true;
}

void Scanner::fetchNextToken() {
  if (!streamStartProduced_) {
    fetchStreamStart();
    return;
  }
  skipToNextToken();
  unrollIndent(column_);
  if (isEndAt()) {
    fetchStreamEnd();
    return;
  }
  char c = at();
  if (column_ == 0) {
    if (c == '%') {
      fetchDirective();
      return;
    }
    if (isDocumentIndicator()) {
      fetchDocumentIndicator(c == '-' ? TokenType::DocumentStart : TokenType::DocumentEnd);
      return;
    }
  }
  switch (c) {
    case '[': fetchFlowCollectionStart(TokenType::FlowSequenceStart); return;
    case '{': fetchFlowCollectionStart(TokenType::FlowMappingStart); return;
    case ']': fetchFlowCollectionEnd(TokenType::FlowSequenceEnd); return;
    case '}': fetchFlowCollectionEnd(TokenType::FlowMappingEnd); return;
    case ',': fetchFlowEntry(); return;
    case '*': fetchAnchor(TokenType::Alias); return;
    case '&': fetchAnchor(TokenType::Anchor); return;
    case '!': fetchTag(); return;
    case '\'': fetchFlowScalar(true); return;
    case '"': fetchFlowScalar(false); return;
    default: break;
  }
  if (c == '-' && isBlankOrEndAt(1)) {
    fetchBlockEntry();
    return;
  }
  if (c == '?' && (flowLevel_ > 0 || isBlankOrEndAt(1))) {
    fetchKey();
    return;
  }
  if (c == ':' && (flowLevel_ > 0 || isBlankOrEndAt(1))) {
    fetchValue();
    return;
  }
  if ((c == '|' || c == '>') && flowLevel_ == 0) {
    fetchBlockScalar(c == '|');
    return;
  }
  bool indicator = isBlankOrEndAt() || kIndicators[static_cast<unsigned char>(c)];
  if (!indicator || (c == '-' && !isBlankAt(1)) ||
      (flowLevel_ == 0 && (c == '?' || c == ':') && !isBlankOrEndAt(1))) {
    fetchPlainScalar();
    return;
  }
  fail(mark(), "found character that cannot start any token");
}

void Scanner::skipToNextToken() {
  for (;;) {
    if (column_ == 0 && at() == '\xEF' && at(1) == '\xBB' && at(2) == '\xBF') advance();
    for (;;) {
      skipSpaces(SIZE_MAX);
      if (at() != '\t' || (flowLevel_ == 0 && simpleKeyAllowed_)) break;
      advance();
    }
    if (at() == '#') {
      skipToLineEnd();
    }
    if (!isBreakAt()) return;
    advanceLine();
    if (flowLevel_ == 0) simpleKeyAllowed_ = true;
  }
}

void Scanner::fetchStreamStart() {
  indent_ = -1;
  simpleKeys_.emplace_back();
  simpleKeyAllowed_ = true;
  streamStartProduced_ = true;
  Token token;
  token.type = TokenType::StreamStart;
  token.start = token.end = mark();
  insertToken(-1, token);
}

void Scanner::fetchStreamEnd() {
  if (column_ != 0) {
    column_ = 0;
    ++line_;
  }
  unrollIndent(-1);
  removeSimpleKey();
  simpleKeyAllowed_ = false;
  Token token;
  token.type = TokenType::StreamEnd;
  token.start = token.end = mark();
  insertToken(-1, token);
}

void Scanner::fetchDirective() {
  unrollIndent(-1);
  removeSimpleKey();
  simpleKeyAllowed_ = false;
  insertToken(-1, scanDirective());
}

void Scanner::fetchDocumentIndicator(TokenType type) {
  unrollIndent(-1);
  removeSimpleKey();
  simpleKeyAllowed_ = false;
  Token token;
  token.type = type;
  token.start = mark();
  advance();
  advance();
  advance();
  token.end = mark();
  insertToken(-1, token);
}

void Scanner::fetchFlowCollectionStart(TokenType type) {
  saveSimpleKey();
  increaseFlowLevel();
  simpleKeyAllowed_ = true;
  Token token;
  token.type = type;
  token.start = mark();
  advance();
  token.end = mark();
  insertToken(-1, token);
}

void Scanner::fetchFlowCollectionEnd(TokenType type) {
  removeSimpleKey();
  decreaseFlowLevel();
  simpleKeyAllowed_ = false;
  Token token;
  token.type = type;
  token.start = mark();
  advance();
  token.end = mark();
  insertToken(-1, token);
}

void Scanner::fetchFlowEntry() {
  removeSimpleKey();
  simpleKeyAllowed_ = true;
  Token token;
  token.type = TokenType::FlowEntry;
  token.start = mark();
  advance();
  token.end = mark();
  insertToken(-1, token);
}

void Scanner::fetchBlockEntry() {
  if (flowLevel_ == 0) {
    if (!simpleKeyAllowed_) fail(mark(), "block sequence entries are not allowed in this context");
    rollIndent(column_, -1, TokenType::BlockSequenceStart, mark());
  }
  removeSimpleKey();
  simpleKeyAllowed_ = true;
  Token token;
  token.type = TokenType::BlockEntry;
  token.start = mark();
  advance();
  token.end = mark();
  insertToken(-1, token);
}

void Scanner::fetchKey() {
  if (flowLevel_ == 0) {
    if (!simpleKeyAllowed_) fail(mark(), "mapping keys are not allowed in this context");
    rollIndent(column_, -1, TokenType::BlockMappingStart, mark());
  }
  removeSimpleKey();
  simpleKeyAllowed_ = flowLevel_ == 0;
  Token token;
  token.type = TokenType::Key;
  token.start = mark();
  advance();
  token.end = mark();
  insertToken(-1, token);
}

void Scanner::fetchValue() {
  SimpleKey& key = simpleKeys_.back();
  if (simpleKeyIsValid(key)) {
    Token keyToken;
    keyToken.type = TokenType::Key;
    keyToken.start = keyToken.end = key.mark;
    insertToken(static_cast<std::ptrdiff_t>(key.tokenNumber - parsed_), keyToken);
    rollIndent(key.mark.column, static_cast<std::ptrdiff_t>(key.tokenNumber), TokenType::BlockMappingStart,
               key.mark);
    key.possible = false;
    unindexSimpleKey(key.tokenNumber);
    simpleKeyAllowed_ = false;
  } else {
    if (flowLevel_ == 0) {
      if (!simpleKeyAllowed_) fail(mark(), "mapping values are not allowed in this context");
      rollIndent(column_, -1, TokenType::BlockMappingStart, mark());
    }
    simpleKeyAllowed_ = flowLevel_ == 0;
  }
  Token token;
  token.type = TokenType::Value;
  token.start = mark();
  advance();
  token.end = mark();
  insertToken(-1, token);
}

void Scanner::fetchAnchor(TokenType type) {
  saveSimpleKey();
  simpleKeyAllowed_ = false;
  insertToken(-1, scanAnchor(type));
}

void Scanner::fetchTag() {
  saveSimpleKey();
  simpleKeyAllowed_ = false;
  insertToken(-1, scanTag());
}

void Scanner::fetchBlockScalar(bool literal) {
  removeSimpleKey();
  simpleKeyAllowed_ = true;
  insertToken(-1, scanBlockScalar(literal));
}

void Scanner::fetchFlowScalar(bool single) {
  saveSimpleKey();
  simpleKeyAllowed_ = false;
  insertToken(-1, scanFlowScalar(single));
}

void Scanner::fetchPlainScalar() {
  saveSimpleKey();
  simpleKeyAllowed_ = false;
  insertToken(-1, scanPlainScalar());
}

// --- directives, anchors, tags ---------------------------------------------

Token Scanner::scanDirective() {
  Mark start = mark();
  advance();  // '%'
  std::string_view name = scanDirectiveName(start);
  Token token;
  token.start = start;
  if (name == "YAML") {
    while (isBlankAt()) advance();
    token.type = TokenType::VersionDirective;
    token.major = scanVersionNumber(start);
    if (at() != '.') fail(start, "did not find expected digit or '.' character");
    advance();
    token.minor = scanVersionNumber(start);
  } else if (name == "TAG") {
    while (isBlankAt()) advance();
    token.type = TokenType::TagDirective;
    token.value = keep(scanTagHandle(true, start));
    if (!isBlankAt()) fail(start, "did not find expected whitespace");
    while (isBlankAt()) advance();
    token.suffix = keep(scanTagUri({}, start));
    if (!isBlankOrEndAt()) fail(start, "did not find expected whitespace or line break");
  } else {
    fail(start, "found unknown directive name");
  }
  token.end = mark();
  while (isBlankAt()) advance();
  if (at() == '#') {
    skipToLineEnd();
  }
  if (!isBreakOrEndAt()) fail(start, "did not find expected comment or line break");
  advanceLine();
  return token;
}

std::string_view Scanner::scanDirectiveName(const Mark& start) {
  std::size_t from = pos_;
  while (isAlpha(at())) advance();
  if (from == pos_) fail(start, "could not find expected directive name");
  if (!isBlankOrEndAt()) fail(start, "found unexpected non-alphabetical character");
  return std::string_view(buffer_).substr(from, pos_ - from);
}

int Scanner::scanVersionNumber(const Mark& start) {
  int value = 0;
  int length = 0;
  while (isDigit(at())) {
    if (++length > 2) fail(start, "found extremely long version number");
    value = value * 10 + (at() - '0');
    advance();
  }
  if (length == 0) fail(start, "did not find expected version number");
  return value;
}

Token Scanner::scanAnchor(TokenType type) {
  Token token;
  token.type = type;
  token.start = mark();
  advance();  // '&' or '*'
  std::size_t from = pos_;
  while (isAlpha(at())) advance();
  token.end = mark();
  bool ended = isBlankOrEndAt() || std::string_view("?:,]}%@`").find(at()) != std::string_view::npos;
  if (from == pos_ || !ended) fail(token.start, "did not find expected alphabetic or numeric character");
  token.value = std::string_view(buffer_).substr(from, pos_ - from);
  return token;
}

Token Scanner::scanTag() {
  Token token;
  token.type = TokenType::Tag;
  token.start = mark();
  std::string handle;
  std::string suffix;
  if (at(1) == '<') {
    advance();
    advance();
    suffix = scanTagUri({}, token.start);
    if (at() != '>') fail(token.start, "did not find the expected '>'");
    advance();
  } else {
    handle = scanTagHandle(false, token.start);
    if (handle.size() > 1 && handle.back() == '!') {
      suffix = scanTagUri({}, token.start);
    } else {
      suffix = scanTagUri(handle, token.start);
      handle = "!";
      if (suffix.empty()) std::swap(handle, suffix);
    }
  }
  if (!isBlankOrEndAt()) fail(token.start, "did not find expected whitespace or line break");
  token.end = mark();
  token.value = keep(std::move(handle));
  token.suffix = keep(std::move(suffix));
  return token;
}

std::string Scanner::scanTagHandle(bool directive, const Mark& start) {
  if (at() != '!') fail(start, "did not find expected '!'");
  std::size_t from = pos_;
  advance();
  while (isAlpha(at())) advance();
  if (at() == '!') {
    advance();
  } else if (directive && pos_ - from != 1) {
    fail(start, "did not find expected '!'");
  }
  return buffer_.substr(from, pos_ - from);
}

std::string Scanner::scanTagUri(std::string_view head, const Mark& start) {
  std::string uri;
  bool found = !head.empty();
  if (head.size() > 1) uri.append(head.substr(1));
  for (;;) {
    char c = at();
    if (!isAlpha(c) && std::string_view(";/?:@&=+$,.!~*'()[]%").find(c) == std::string_view::npos) break;
    if (c == '%') {
      scanUriEscapes(start, uri);
    } else {
      uri.push_back(c);
      advance();
    }
    found = true;
  }
  if (!found) fail(start, "did not find expected tag URI");
  return uri;
}

void Scanner::scanUriEscapes(const Mark& start, std::string& out) {
  int remaining = 0;
  bool first = true;
  do {
    int high = hexValue(at(1));
    int low = hexValue(at(2));
    if (at() != '%' || high < 0 || low < 0) fail(start, "did not find URI escaped octet");
    auto octet = static_cast<unsigned char>(high * 16 + low);
    if (first) {
      bool validLead = (octet & 0x80) == 0 || (octet & 0xE0) == 0xC0 || (octet & 0xF0) == 0xE0 ||
                       (octet & 0xF8) == 0xF0;
      if (!validLead) fail(start, "found an incorrect leading UTF-8 octet");
      remaining = utf8Width(octet);
      first = false;
    } else if ((octet & 0xC0) != 0x80) {
      fail(start, "found an incorrect trailing UTF-8 octet");
    }
    out.push_back(static_cast<char>(octet));
    advance();
    advance();
    advance();
  } while (--remaining > 0);
}

// --- scalars ---------------------------------------------------------------

Token Scanner::scanBlockScalar(bool literal) {
  Token token;
  token.type = TokenType::Scalar;
  token.style = literal ? ScalarStyle::Literal : ScalarStyle::Folded;
  Mark start = token.start = mark();
  advance();  // '|' or '>'
  int chomping = 0;
  int increment = 0;
  auto readChomping = [&] {
    if (at() == '+' || at() == '-') {
      chomping = at() == '+' ? 1 : -1;
      advance();
      return true;
    }
    return false;
  };
  auto readIncrement = [&] {
    if (!isDigit(at())) return;
    if (at() == '0') fail(start, "found an indentation indicator equal to 0");
    increment = at() - '0';
    advance();
  };
  if (readChomping()) {
    readIncrement();
  } else if (isDigit(at())) {
    readIncrement();
    readChomping();
  }
  while (isBlankAt()) advance();
  if (at() == '#') {
    skipToLineEnd();
  }
  if (!isBreakOrEndAt()) fail(start, "did not find expected comment or line break");
  advanceLine();
  Mark end = mark();
  int indent = 0;
  if (increment > 0) indent = indent_ >= 0 ? indent_ + increment : increment;

  ScalarText text(buffer_);
  std::string leadingBreak;
  std::string trailingBreaks;
  scanBlockScalarBreaks(indent, trailingBreaks, start, end);
  bool leadingBlank = false;
  while (column_ == indent && !isEndAt()) {
    bool trailingBlank = isBlankAt();
    if (!literal && !leadingBlank && !trailingBlank && !leadingBreak.empty() && leadingBreak[0] == '\n') {
      if (trailingBreaks.empty()) text.add(" ");
    } else {
      text.add(leadingBreak);
    }
    leadingBreak.clear();
    text.add(trailingBreaks);
    trailingBreaks.clear();
    leadingBlank = isBlankAt();
    std::size_t from = pos_;
    skipToLineEnd();
    text.addSource(from, pos_);
    readLine(leadingBreak);
    scanBlockScalarBreaks(indent, trailingBreaks, start, end);
  }
  if (chomping != -1) text.add(leadingBreak);
  if (chomping == 1) text.add(trailingBreaks);
  token.end = end;
  token.value = text.finish(*this);
  return token;
}

void Scanner::scanBlockScalarBreaks(int& indent, std::string& breaks, const Mark& start, Mark& end) {
  end = mark();
  int maxIndent = 0;
  for (;;) {
    if (indent == 0 || column_ < indent) skipSpaces(indent == 0 ? SIZE_MAX : static_cast<std::size_t>(indent - column_));
    if (column_ > maxIndent) maxIndent = column_;
    if ((indent == 0 || column_ < indent) && at() == '\t') {
      fail(start, "found a tab character where an indentation space is expected");
    }
    if (!isBreakAt()) break;
    readLine(breaks);
    end = mark();
  }
  if (indent == 0) {
    indent = maxIndent;
    if (indent < indent_ + 1) indent = indent_ + 1;
    if (indent < 1) indent = 1;
  }
}

void Scanner::scanEscape(const Mark& start, std::string& out) {
  int codeLength = 0;
  if (const char32_t c = simpleEscape(at(1)); c != static_cast<char32_t>(-1)) {
    utf8::appendRune(out, c);
  } else if (at(1) == 'x') {
    codeLength = 2;
  } else if (at(1) == 'u') {
    codeLength = 4;
  } else if (at(1) == 'U') {
    codeLength = 8;
  } else {
    fail(start, "found unknown escape character");
  }
  advance();
  advance();
  if (codeLength == 0) return;
  unsigned value = 0;
  for (int k = 0; k < codeLength; ++k) {
    int digit = hexValue(at(static_cast<std::size_t>(k)));
    if (digit < 0) fail(start, "did not find expected hexdecimal number");
    value = (value << 4) + static_cast<unsigned>(digit);
  }
  if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
    fail(start, "found invalid Unicode character escape code");
  }
  utf8::appendRune(out, value);
  for (int k = 0; k < codeLength; ++k) advance();
}

Token Scanner::scanFlowScalar(bool single) {
  Token token;
  token.type = TokenType::Scalar;
  token.style = single ? ScalarStyle::SingleQuoted : ScalarStyle::DoubleQuoted;
  Mark start = token.start = mark();
  const char quote = single ? '\'' : '"';
  advance();
  ScalarText text(buffer_);
  std::string leadingBreak;
  std::string trailingBreaks;
  std::string escaped;
  for (;;) {
    if (column_ == 0 && isDocumentIndicator()) fail(start, "found unexpected document indicator");
    if (isEndAt()) fail(start, "found unexpected end of stream");
    bool leadingBlanks = false;
    std::size_t runStart = pos_;
    while (!isBlankOrEndAt()) {
      char c = at();
      if (single && c == '\'' && at(1) == '\'') {  // '' is an escaped quote
        text.addSource(runStart, pos_);
        text.add("'");
        advance();
        advance();
        runStart = pos_;
        continue;
      }
      if (c == quote) break;
      if (single || c != '\\') {
        advance();
        continue;
      }
      text.addSource(runStart, pos_);
      if (isBreakAt(1)) {  // an escaped line break joins the lines
        advance();
        advanceLine();
        leadingBlanks = true;
        runStart = pos_;
        break;
      }
      escaped.clear();
      scanEscape(start, escaped);
      text.add(escaped);
      runStart = pos_;
    }
    text.addSource(runStart, pos_);
    if (at() == quote) break;

    std::size_t spacesFrom = pos_;
    std::size_t spacesTo = pos_;
    while (isBlankAt() || isBreakAt()) {
      if (isBlankAt()) {
        advance();
        if (!leadingBlanks) spacesTo = pos_;
      } else if (!leadingBlanks) {
        spacesTo = spacesFrom;
        readLine(leadingBreak);
        leadingBlanks = true;
      } else {
        readLine(trailingBreaks);
      }
    }
    if (leadingBlanks) {
      foldBreaks(text, leadingBreak, trailingBreaks);
    } else {
      text.addSource(spacesFrom, spacesTo);
    }
  }
  advance();  // the closing quote
  token.end = mark();
  token.value = text.finish(*this);
  return token;
}

Token Scanner::scanPlainScalar() {
  Token token;
  token.type = TokenType::Scalar;
  token.style = ScalarStyle::Plain;
  Mark start = token.start = mark();
  Mark end = start;
  ScalarText text(buffer_);
  std::string leadingBreak;
  std::string trailingBreaks;
  bool leadingBlanks = false;
  constexpr std::size_t kNoSpaces = SIZE_MAX;
  std::size_t spacesFrom = kNoSpaces;
  std::size_t spacesTo = 0;
  const int indent = indent_ + 1;
  auto endsScalar = [&] {
    char c = at();
    if (c == ':') return isBlankOrEndAt(1);
    return flowLevel_ > 0 && (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}');
  };
  for (;;) {
    if (column_ == 0 && isDocumentIndicator()) break;
    if (at() == '#') break;
    while (!isBlankOrEndAt() && !endsScalar()) {
      if (leadingBlanks) {
        foldBreaks(text, leadingBreak, trailingBreaks);
        leadingBlanks = false;
      } else if (spacesFrom != kNoSpaces) {
        text.addSource(spacesFrom, spacesTo);
      }
      spacesFrom = kNoSpaces;
      std::size_t from = pos_;
      do {
        advance();
        const char* bytes = buffer_.data();  // a local, so the loop keeps it in a register
        std::size_t runEnd = pos_;
        if (flowLevel_ == 0) {
          runEnd = plainBlockRunEnd(bytes, runEnd);
          // A single space before more run bytes (not a comment's '#') stays
          // inside the run: the scalar's text is the same slice of the source.
          while (bytes[runEnd] == ' ' && bytes[runEnd + 1] != '#' &&
                 kPlainRunBlock[static_cast<unsigned char>(bytes[runEnd + 1])]) {
            runEnd = plainBlockRunEnd(bytes, runEnd + 1);
          }
        } else {
          while (kPlainRunFlow[static_cast<unsigned char>(bytes[runEnd])]) ++runEnd;
        }
        column_ += static_cast<int>(runEnd - pos_);
        pos_ = runEnd;
      } while (!isBlankOrEndAt() && !endsScalar());
      text.addSource(from, pos_);
      end = mark();
    }
    if (!isBlankAt() && !isBreakAt()) break;
    if (endsAtLessIndentedLine(indent)) {
      leadingBlanks = true;
      break;
    }
    while (isBlankAt() || isBreakAt()) {
      if (isBlankAt()) {
        if (leadingBlanks && column_ < indent && at() == '\t') {
          fail(start, "found a tab character that violates indentation");
        }
        if (!leadingBlanks && spacesFrom == kNoSpaces) spacesFrom = pos_;
        advance();
        if (!leadingBlanks) spacesTo = pos_;
      } else if (!leadingBlanks) {
        spacesFrom = kNoSpaces;
        readLine(leadingBreak);
        leadingBlanks = true;
      } else {
        readLine(trailingBreaks);
      }
    }
    if (flowLevel_ == 0 && column_ < indent) break;
  }
  token.end = end;
  token.value = text.finish(*this);
  if (leadingBlanks) simpleKeyAllowed_ = true;
  return token;
}

}  // namespace ho::encoding::yaml
