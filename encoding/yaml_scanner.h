// The YAML 1.1 tokenizer behind parseYaml: turns text into the token stream
// go-yaml v2 (a port of libyaml) produces, with the same simple-key and
// indentation rules and the same error texts and line numbers. It reads one
// contiguous buffer by index; scalar text stays a view into that buffer unless
// folding or escapes force a copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ho::encoding::yaml {

// A position: byte offset, 0-based line and 0-based column (in characters).
struct Mark {
  std::size_t index = 0;
  int line = 0;
  int column = 0;
};

// A syntax error worded and numbered as go-yaml prints it ("yaml: line 3: ...").
struct SyntaxError {
  std::string message;
};

enum class ErrorSource : std::uint8_t { Reader, Scanner, Parser };

// go-yaml's rule for the "line N: " prefix: the problem line (1-based for the
// scanner, 0-based for the parser), else the context line, else nothing.
[[noreturn]] void throwSyntaxError(ErrorSource source, const Mark& problemMark, const Mark& contextMark,
                                   std::string_view problem);

enum class TokenType : std::uint8_t {
  StreamStart, StreamEnd, VersionDirective, TagDirective, DocumentStart, DocumentEnd,
  BlockSequenceStart, BlockMappingStart, BlockEnd, FlowSequenceStart, FlowSequenceEnd,
  FlowMappingStart, FlowMappingEnd, BlockEntry, FlowEntry, Key, Value, Alias, Anchor, Tag, Scalar,
};

enum class ScalarStyle : std::uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct Token {
  TokenType type = TokenType::StreamStart;
  ScalarStyle style = ScalarStyle::Plain;
  int major = 0, minor = 0;  // %YAML directive
  Mark start, end;
  std::string_view value;   // scalar text, anchor/alias name, tag or %TAG handle
  std::string_view suffix;  // tag suffix, %TAG prefix
};

class Scanner {
 public:
  // Validates the encoding (go-yaml's reader errors) and drops a leading BOM.
  // Throws SyntaxError.
  explicit Scanner(std::string_view text);
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // The next token, scanning as far ahead as simple keys require. Throws SyntaxError.
  const Token& peek();
  void consume();

  // Keeps text built while parsing (tag names) alive as long as the scanner.
  std::string_view keep(std::string text);

 private:
  struct SimpleKey {
    bool possible = false;
    bool required = false;
    std::size_t tokenNumber = 0;
    Mark mark;
  };

  char at(std::size_t offset = 0) const { return buffer_[pos_ + offset]; }
  Mark mark() const { return {pos_, line_, column_}; }
  // A line break: LF and CR inline, NEL, LS and PS (multibyte) out of line.
  bool isBreakAt(std::size_t offset = 0) const {
    const auto c = static_cast<unsigned char>(at(offset));
    if (c == '\n' || c == '\r') return true;
    return c >= 0xC2 && isMultibyteBreakAt(offset);
  }
  bool isMultibyteBreakAt(std::size_t offset) const;
  bool isBlankAt(std::size_t offset = 0) const { return at(offset) == ' ' || at(offset) == '\t'; }
  bool isEndAt(std::size_t offset = 0) const { return pos_ + offset >= size_; }
  bool isBlankOrEndAt(std::size_t offset = 0) const {
    return isBlankAt(offset) || isBreakAt(offset) || isEndAt(offset);
  }
  bool isBreakOrEndAt(std::size_t offset = 0) const { return isBreakAt(offset) || isEndAt(offset); }
  bool isDocumentIndicator() const;

  void advance();      // one non-break character
  void skipSpaces(std::size_t most);  // up to `most` spaces
  void skipToLineEnd();  // to the line break (or the end) closing the current line
  bool endsAtLessIndentedLine(int indent);
  void advanceLine();  // one line break (CRLF counts once); no-op elsewhere
  // Appends go-yaml's normalized line break ("\n", or LS/PS as is) and advances.
  void readLine(std::string& out);

  [[noreturn]] void fail(const Mark& context, std::string_view problem) const;

  void fetchMoreTokens();
  void fetchNextToken();
  bool headIsPendingSimpleKey();
  bool simpleKeyIsValid(SimpleKey& key);
  void saveSimpleKey();
  void removeSimpleKey();
  void increaseFlowLevel();
  void decreaseFlowLevel();
  // tokenNumber < 0 appends the start token; else it goes before that token.
  void rollIndent(int column, std::ptrdiff_t tokenNumber, TokenType type, const Mark& at);
  void unrollIndent(int column);
  // queuePosition < 0 appends; else counts from the queue head.
  void insertToken(std::ptrdiff_t queuePosition, const Token& token);
  std::size_t producedCount() const { return parsed_ + (tokens_.size() - head_); }

  // simple_keys_by_tok in go-yaml: which flow level's key a queued token may start.
  void indexSimpleKey(std::size_t tokenNumber, std::size_t level);
  void unindexSimpleKey(std::size_t tokenNumber);
  bool indexedSimpleKey(std::size_t tokenNumber, std::size_t& level);

  void skipToNextToken();
  void fetchStreamStart();
  void fetchStreamEnd();
  void fetchDirective();
  void fetchDocumentIndicator(TokenType type);
  void fetchFlowCollectionStart(TokenType type);
  void fetchFlowCollectionEnd(TokenType type);
  void fetchFlowEntry();
  void fetchBlockEntry();
  void fetchKey();
  void fetchValue();
  void fetchAnchor(TokenType type);
  void fetchTag();
  void fetchBlockScalar(bool literal);
  void fetchFlowScalar(bool single);
  void fetchPlainScalar();

  Token scanDirective();
  std::string_view scanDirectiveName(const Mark& start);
  int scanVersionNumber(const Mark& start);
  Token scanAnchor(TokenType type);
  Token scanTag();
  std::string scanTagHandle(bool directive, const Mark& start);
  std::string scanTagUri(std::string_view head, const Mark& start);
  void scanUriEscapes(const Mark& start, std::string& out);
  Token scanBlockScalar(bool literal);
  void scanBlockScalarBreaks(int& indent, std::string& breaks, const Mark& start, Mark& end);
  Token scanFlowScalar(bool single);
  void scanEscape(const Mark& start, std::string& out);
  Token scanPlainScalar();

  std::string buffer_;  // the input without BOM, followed by NUL padding
  std::size_t size_ = 0;
  std::size_t pos_ = 0;
  int line_ = 0;
  int column_ = 0;

  std::vector<Token> tokens_;
  std::size_t head_ = 0;
  std::size_t parsed_ = 0;  // tokens handed out so far
  bool tokenAvailable_ = false;
  bool streamStartProduced_ = false;
  bool streamEndProduced_ = false;

  int indent_ = -1;
  std::vector<int> indents_;
  int flowLevel_ = 0;
  bool simpleKeyAllowed_ = false;
  std::vector<SimpleKey> simpleKeys_;
  std::vector<std::pair<std::size_t, std::size_t>> keysByToken_;  // (token number, level)
  std::size_t keysByTokenFront_ = 0;

  std::deque<std::string> kept_;
};

}  // namespace ho::encoding::yaml
