// visitBlockDocument: one pass over the lines, descending through the
// indentation, with go-yaml's rules for where a node may continue and
// NotPlainYaml for every construct or layout it does not model.
#include "encoding/yaml_block_reader.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstring>

#include "core/go_utf8.h"
#include "encoding/byte_set.h"
#include "encoding/space_run.h"
#include "encoding/yaml_characters.h"

namespace ho::encoding::yaml {
namespace {

constexpr int kMaxDepth = 200;
// go-yaml forgets a possible key 1024 characters after its start.
constexpr std::size_t kLongestKey = 1000;

// What ends a plain scalar inside a flow collection here (go-yaml ends it at
// fewer of them; the rest are refused).
constexpr auto kFlowStops = byteSet(",?[]{}:#'\"");

[[noreturn]] void refuse() { throw NotPlainYaml{}; }

// The width of the character at `at` (0x80 or above) when go-yaml's reader
// accepts it and it is no line break (NEL, LS, PS) nor a byte order mark; 0 otherwise.
std::size_t printableMultibyte(std::string_view text, std::size_t at) {
  const MultibyteCharacter c = readMultibyte(text, at);
  if (c.problem || c.value == 0x85 || c.value == 0x2028 || c.value == 0x2029 || c.value == 0xFEFF) return 0;
  return c.width;
}

// Whether the text holds only line feeds and printable characters other than
// tabs and line breaks: ASCII thirty-two bytes at a time, the rest one by one.
bool printableLines(std::string_view text) {
  const char* bytes = text.data();
  std::size_t at = 0;
  while (at < text.size()) {
#if defined(__SSE2__)
    // A signed compare below ' ' takes in the bytes from 0x80 up with the
    // control bytes: one test for both, told apart only when it fires.
    const auto odd = [&](std::size_t from) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + from));
      const __m128i low = _mm_cmplt_epi8(chunk, _mm_set1_epi8(' '));
      const __m128i del = _mm_cmpeq_epi8(chunk, _mm_set1_epi8(0x7F));
      return _mm_andnot_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('\n')), _mm_or_si128(low, del));
    };
    if (at + 32 <= text.size() && _mm_movemask_epi8(_mm_or_si128(odd(at), odd(at + 16))) == 0) {
      at += 32;
      continue;
    }
    if (at + 16 <= text.size()) {
      if (const int mask = _mm_movemask_epi8(odd(at)); mask == 0) {
        at += 16;
        continue;
      } else {
        at += static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
      }
    }
#endif
    const auto c = static_cast<unsigned char>(bytes[at]);
    if (c < 0x80) {
      if ((c < ' ' && c != '\n') || c == 0x7F) return false;
      ++at;
    } else if (const std::size_t length = printableMultibyte(text, at); length > 0) {
      at += length;
    } else {
      return false;
    }
  }
  return true;
}

// The first position in [from, limit) holding `a`, `b` or `c`; `limit` when none does.
std::size_t findFirstOf(std::string_view text, std::size_t from, std::size_t limit, char a, char b, char c) {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
  for (; from < limit && from + 16 <= text.size(); from += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + from));
    const __m128i found =
        _mm_or_si128(_mm_cmpeq_epi8(chunk, va), _mm_or_si128(_mm_cmpeq_epi8(chunk, vb), _mm_cmpeq_epi8(chunk, vc)));
    if (const int mask = _mm_movemask_epi8(found); mask != 0) {
      return std::min(limit, from + static_cast<std::size_t>(__builtin_ctz(mask)));
    }
  }
#endif
  for (; from < limit; ++from) {
    if (text[from] == a || text[from] == b || text[from] == c) return from;
  }
  return limit;
}

class BlockReader {
 public:
  BlockReader(std::string_view text, YamlVisitor& visitor) : text_(text), visitor_(visitor) {}

  void read() {
    if (!printableLines(text_)) refuse();
    if (!seekContent(0)) return;  // nothing but comments
    nodeAtLineStart(-1);
    if (!atEnd_) refuse();
  }

 private:
  enum class Stop { LineEnd, Comment, Colon };
  // A plain scalar's part on one line: where its text ends and what ended it.
  struct PlainLine {
    std::size_t textEnd;
    Stop stop;
    std::size_t colon;  // for Stop::Colon
  };
  struct Quoted {
    std::size_t close;     // the closing quote
    std::size_t lastLine;  // the start of its line
    VisitedScalar scalar;
  };

  // ---- Lines. The current line is [line_, end_); its node starts at content_.

  // The end of the line starting at `from`; the last one found is kept, since
  // the line that ends a plain or block scalar is looked at again for the next node.
  std::size_t lineEnd(std::size_t from) {
    if (from == lastLineStart_) return lastLineEnd_;
    const void* found = std::memchr(text_.data() + from, '\n', text_.size() - from);
    lastLineStart_ = from;
    lastLineEnd_ = found ? static_cast<std::size_t>(static_cast<const char*>(found) - text_.data()) : text_.size();
    return lastLineEnd_;
  }
  // "---" or "..." opening the line at `start` and followed by a space or the line's end.
  bool documentMarker(std::size_t start) const {
    if (text_.size() - start < 3) return false;
    const char c = text_[start];
    if ((c != '-' && c != '.') || text_[start + 1] != c || text_[start + 2] != c) return false;
    return text_.size() - start == 3 || text_[start + 3] == ' ' || text_[start + 3] == '\n';
  }
  // Makes the first line from `from` (a line start) that is neither blank nor
  // a comment the current line; false at the end of the text.
  bool seekContent(std::size_t from) {
    for (std::size_t start = from; start < text_.size();) {
      const std::size_t end = lineEnd(start);
      if (documentMarker(start)) refuse();
      const std::size_t content = spaceRunEnd(text_, start, end - start);
      if (content < end && text_[content] != '#') {
        setLine(start, content, end);
        return true;
      }
      start = end + 1;
    }
    atEnd_ = true;
    return false;
  }
  void setLine(std::size_t start, std::size_t content, std::size_t end) {
    line_ = start;
    end_ = end;
    startAt(content);
  }
  // A node that starts later on the current line (after "- ").
  void startAt(std::size_t content) {
    content_ = content;
    indent_ = static_cast<int>(content - line_);
  }
  bool blankOrEnd(std::size_t at) const { return at >= end_ || text_[at] == ' '; }
  bool entryAt(std::size_t at) const { return text_[at] == '-' && blankOrEnd(at + 1); }
  std::size_t spacesEnd(std::size_t at) const { return spaceRunEnd(text_, at, end_ - at); }
  // Where the spaces that end [start, end) begin: the end of its text.
  std::size_t spacesStart(std::size_t start, std::size_t end) const {
    while (end > start && text_[end - 1] == ' ') --end;
    return end;
  }
  // After a node on its line: spaces, then nothing or a comment after one of them.
  void lineTail(std::size_t at) const {
    const std::size_t rest = spacesEnd(at);
    if (rest < end_ && (text_[rest] != '#' || rest == at)) refuse();
  }

  void enter() {
    if (++depth_ > kMaxDepth) refuse();
  }

  // ---- Nodes. `collectionIndent` is the indentation of the innermost block
  // collection (-1 at the top): a plain scalar continues on lines indented
  // more, and block scalars' indentation is counted from it.

  // The node the current line starts.
  void nodeAtLineStart(int collectionIndent) {
    if (entryAt(content_)) return sequence(indent_, false);
    VisitedScalar key;
    std::size_t afterColon = 0;
    if (keyAt(content_, key, afterColon)) return mapping(indent_, key, afterColon);
    scalar(content_, collectionIndent);
  }

  // The node at `at`, after "key: " (`afterKey`) or "- " on the current line.
  void inlineNode(std::size_t at, int collectionIndent, bool afterKey) {
    if (entryAt(at)) {
      if (afterKey) refuse();  // a sequence cannot start after a key on its line
      startAt(at);
      return sequence(indent_, false);
    }
    VisitedScalar key;
    std::size_t afterColon = 0;
    if (!afterKey && keyAt(at, key, afterColon)) {
      startAt(at);
      return mapping(indent_, key, afterColon);
    }
    scalar(at, collectionIndent);
  }

  // A block mapping at `indent` whose first key the current line holds.
  void mapping(int indent, VisitedScalar key, std::size_t afterColon) {
    enter();
    visitor_.mappingStart();
    while (true) {
      visitor_.key(key);
      mappingValue(indent, afterColon);
      if (atEnd_ || indent_ < indent) break;
      if (indent_ > indent || !keyAt(content_, key, afterColon)) refuse();
    }
    visitor_.mappingEnd();
    --depth_;
  }

  void mappingValue(int indent, std::size_t afterColon) {
    const std::size_t at = spacesEnd(afterColon);
    if (at < end_ && text_[at] != '#') return inlineNode(at, indent, true);
    if (!seekContent(end_ + 1)) return visitor_.value({});
    if (indent_ > indent) return nodeAtLineStart(indent);
    if (indent_ == indent && entryAt(content_)) return sequence(indent, true);
    visitor_.value({});
  }

  // A block sequence at `indent` whose first entry the current line holds;
  // `indentless` when it is a mapping value at the mapping's indentation.
  void sequence(int indent, bool indentless) {
    enter();
    visitor_.sequenceStart();
    while (true) {
      const std::size_t at = spacesEnd(content_ + 1);
      if (at < end_ && text_[at] != '#') {
        inlineNode(at, indent, false);
      } else if (seekContent(end_ + 1) && indent_ > indent) {
        nodeAtLineStart(indent);
      } else {
        visitor_.value({});
      }
      if (atEnd_ || indent_ < indent) break;
      if (indent_ > indent) refuse();
      if (!entryAt(content_)) {
        if (indentless) break;  // the mapping's next key
        refuse();
      }
    }
    visitor_.sequenceEnd();
    --depth_;
  }

  // Whether a key starts at `at`: a scalar on the current line followed by
  // ':' and a space or the line's end.
  bool keyAt(std::size_t at, VisitedScalar& key, std::size_t& afterColon) const {
    std::size_t colon = 0;
    if (text_[at] == '\'' || text_[at] == '"') {
      const Quoted q = quoted(at);
      if (q.lastLine != line_) return false;  // not a key: go-yaml's keys take one line
      colon = spacesEnd(q.close + 1);
      if (colon >= end_ || text_[colon] != ':' || !blankOrEnd(colon + 1)) return false;
      key = q.scalar;
    } else {
      if (!plainMayStart(at)) return false;
      const PlainLine line = plainLine(at);
      if (line.stop != Stop::Colon) return false;
      colon = line.colon;
      key = VisitedScalar{text_.substr(at, line.textEnd - at), ScalarStyle::Plain, true};
    }
    if (colon - at > kLongestKey) refuse();
    afterColon = colon + 1;
    return true;
  }

  bool plainMayStart(std::size_t at) const {
    const char c = text_[at];
    if (c == '-' || c == '?' || c == ':') return !blankOrEnd(at + 1);
    return !kIndicators[static_cast<unsigned char>(c)];
  }

  // The plain scalar from `at` to where go-yaml's scanner stops on this line:
  // a ':' before a space or the line's end, a '#' after a space, the line's end.
  // (A line that continues a plain scalar may start with any character but '#'.)
  PlainLine plainLine(std::size_t at) const {
    for (std::size_t i = at;; ++i) {
      i = findFirstOf(text_, i, end_, ':', '#', ':');
      if (i >= end_) return {spacesStart(at, end_), Stop::LineEnd, 0};
      if (text_[i] == ':' && blankOrEnd(i + 1)) return {spacesStart(at, i), Stop::Colon, i};
      if (text_[i] == '#' && i > at && text_[i - 1] == ' ') return {spacesStart(at, i), Stop::Comment, 0};
    }
  }

  // The quoted scalar at `at`, up to its closing quote, on this line or a
  // later one (go-yaml does not check the indentation of continued quoted
  // scalars, only that no line starts a document).
  Quoted quoted(std::size_t at) const {
    const char quote = text_[at];
    bool escaped = false;
    std::size_t lastLine = line_;
    for (std::size_t i = at + 1;; ++i) {
      i = findFirstOf(text_, i, text_.size(), quote, '\\', '\n');
      if (i >= text_.size()) break;
      const char c = text_[i];
      if (c == '\n') {
        escaped = true;  // folded
        lastLine = i + 1;
        if (documentMarker(lastLine)) refuse();
        continue;
      }
      if (quote == '\'') {
        if (c != '\'') continue;
        if (i + 1 < text_.size() && text_[i + 1] == '\'') {
          escaped = true;
          ++i;
          continue;
        }
      } else if (c == '\\') {
        if (i + 1 >= text_.size()) refuse();
        const char next = text_[i + 1];
        if (next != '\n' && simpleEscape(next) == static_cast<char32_t>(-1)) refuse();
        escaped = true;
        if (next != '\n') ++i;  // an escaped line break is a line break still
        continue;
      } else if (c != '"') {
        continue;
      }
      const ScalarStyle style = quote == '\'' ? ScalarStyle::SingleQuoted : ScalarStyle::DoubleQuoted;
      return {i, lastLine, VisitedScalar{text_.substr(at + 1, i - at - 1), style, !escaped}};
    }
    refuse();  // the text ends inside it
  }

  // A flow sequence or mapping on one line, of scalars only: `[a, "b"]`,
  // `{a: 1, 'b': c}`, `[]`, `{}`.
  void flowCollection(std::size_t at) {
    const bool mapping = text_[at] == '{';
    const char close = mapping ? '}' : ']';
    if (mapping) {
      visitor_.mappingStart();
    } else {
      visitor_.sequenceStart();
    }
    std::size_t i = spacesEnd(at + 1);
    if (i < end_ && text_[i] == close) {
      ++i;
    } else {
      while (true) {
        VisitedScalar entry;
        i = spacesEnd(flowScalar(i, entry));
        if (mapping) {
          if (i >= end_ || text_[i] != ':' || !blankOrEnd(i + 1)) refuse();
          visitor_.key(entry);
          i = spacesEnd(flowScalar(spacesEnd(i + 1), entry));
        }
        visitor_.value(entry);
        if (i >= end_) refuse();
        if (text_[i] == close) {
          ++i;
          break;
        }
        if (text_[i] != ',') refuse();
        i = spacesEnd(i + 1);
      }
    }
    if (i - at > kLongestKey) refuse();
    lineTail(i);
    if (mapping) {
      visitor_.mappingEnd();
    } else {
      visitor_.sequenceEnd();
    }
    seekContent(end_ + 1);
  }

  // A quoted scalar on the current line, or a plain one inside a flow
  // collection (no indicator in it, no comment after it): where it ends.
  std::size_t flowScalar(std::size_t at, VisitedScalar& scalar) const {
    if (at >= end_) refuse();
    if (text_[at] == '\'' || text_[at] == '"') {
      const Quoted q = quoted(at);
      if (q.lastLine != line_) refuse();
      scalar = q.scalar;
      return q.close + 1;
    }
    std::size_t i = at;
    while (i < end_ && !kFlowStops[static_cast<unsigned char>(text_[i])]) ++i;
    const std::size_t textEnd = spacesStart(at, i);
    const bool dash = text_[at] == '-' && at + 1 < textEnd && text_[at + 1] != ' ';  // "-1", "--flag"
    if (textEnd == at || (!dash && kIndicators[static_cast<unsigned char>(text_[at])])) refuse();
    scalar = VisitedScalar{text_.substr(at, textEnd - at), ScalarStyle::Plain, true};
    return i;
  }

  // A scalar or a one-line flow collection at `at` that is not a key.
  void scalar(std::size_t at, int collectionIndent) {
    switch (text_[at]) {
      case '\'':
      case '"': {
        const Quoted q = quoted(at);
        if (q.lastLine != line_) setLine(q.lastLine, q.lastLine, lineEnd(q.lastLine));
        lineTail(q.close + 1);
        visitor_.value(q.scalar);
        seekContent(end_ + 1);
        return;
      }
      case '|':
      case '>': return blockScalar(at, collectionIndent);
      case '[':
      case '{': return flowCollection(at);
      default:
        if (!plainMayStart(at)) refuse();
        plainScalar(at, collectionIndent);
    }
  }

  // A plain scalar and the lines that continue it: more indented than the
  // collection, blank ones between them, up to a comment.
  void plainScalar(std::size_t at, int collectionIndent) {
    PlainLine line = plainLine(at);
    if (line.stop == Stop::Colon) refuse();  // a second key on the line, or a key spanning lines
    const std::size_t firstEnd = line.textEnd;
    std::size_t textEnd = firstEnd;
    std::size_t resume = end_ + 1;
    bool continued = false;
    for (std::size_t start = resume; line.stop == Stop::LineEnd && start < text_.size();) {
      const std::size_t end = lineEnd(start);
      const std::size_t content = spaceRunEnd(text_, start, end - start);
      if (content == end) {  // blank: folded into the scalar if a line continues it
        start = end + 1;
        continue;
      }
      if (static_cast<int>(content - start) <= collectionIndent || text_[content] == '#') break;
      if (documentMarker(start)) refuse();
      setLine(start, content, end);
      line = plainLine(content);
      if (line.stop == Stop::Colon) refuse();
      textEnd = line.textEnd;
      continued = true;
      start = resume = end + 1;
    }
    visitor_.value(continued ? VisitedScalar{text_.substr(at, textEnd - at), ScalarStyle::Plain, false}
                             : VisitedScalar{text_.substr(at, firstEnd - at), ScalarStyle::Plain, true});
    seekContent(resume);
  }

  // A literal or folded block scalar: its header here, its lines below.
  void blockScalar(std::size_t at, int collectionIndent) {
    std::size_t i = at + 1;
    int increment = 0;
    auto chomping = [&] {
      if (i < end_ && (text_[i] == '+' || text_[i] == '-')) ++i;
    };
    auto indentation = [&] {
      if (i >= end_ || text_[i] < '0' || text_[i] > '9') return;
      if (text_[i] == '0') refuse();  // go-yaml: an indentation indicator equal to 0
      increment = text_[i++] - '0';
    };
    if (i < end_ && (text_[i] == '+' || text_[i] == '-')) {
      chomping();
      indentation();
    } else {
      indentation();
      chomping();
    }
    lineTail(i);
    VisitedScalar scalar{{}, text_[at] == '|' ? ScalarStyle::Literal : ScalarStyle::Folded, false};
    const std::size_t first = end_ + 1;
    int indent = 0;
    if (increment > 0) {
      indent = collectionIndent >= 0 ? collectionIndent + increment : increment;
    } else {
      // go-yaml takes the deepest of the leading blank lines and the first
      // content line, at least one more than the collection's indentation.
      int deepestBlank = 0;
      int firstContent = -1;
      for (std::size_t start = first; start < text_.size();) {
        const std::size_t end = lineEnd(start);
        const std::size_t content = spaceRunEnd(text_, start, end - start);
        if (content < end) {
          firstContent = static_cast<int>(content - start);
          break;
        }
        deepestBlank = std::max(deepestBlank, static_cast<int>(end - start));
        start = end + 1;
      }
      if (firstContent < 0) {  // only blank lines follow
        scalar.text = text_.substr(at);
        scalar.blockIndent = std::max({deepestBlank, collectionIndent + 1, 1});
        visitor_.value(scalar);
        atEnd_ = true;
        return;
      }
      if (deepestBlank > firstContent || firstContent <= collectionIndent || firstContent < 1) refuse();
      indent = firstContent;
    }
    std::size_t start = first;
    bool content = false;
    while (start < text_.size()) {
      const std::size_t end = lineEnd(start);
      const std::size_t spaces = spaceRunEnd(text_, start, std::min<std::size_t>(end - start, indent)) - start;
      if (start + spaces < end && static_cast<int>(spaces) < indent) break;  // a less indented line ends it
      content = content || start + spaces < end;
      start = end + 1;
    }
    if (!content && start < text_.size()) refuse();  // an explicit indentation deeper than the next line
    scalar.text = text_.substr(at, std::min(start, text_.size()) - at);
    scalar.blockIndent = indent;
    visitor_.value(scalar);
    seekContent(start);
  }

  std::string_view text_;
  YamlVisitor& visitor_;
  std::size_t line_ = 0;
  std::size_t content_ = 0;
  std::size_t end_ = 0;
  int indent_ = 0;
  int depth_ = 0;
  bool atEnd_ = false;
  std::size_t lastLineStart_ = std::string_view::npos;
  std::size_t lastLineEnd_ = 0;
};

// A plain scalar continued over lines: each line's words, lines folded (one
// break is a space, more are all but one kept as line feeds).
std::string decodePlain(std::string_view source) {
  std::string out;
  std::size_t breaks = 0;
  for (std::size_t start = 0; start <= source.size();) {
    std::size_t end = source.find('\n', start);
    if (end == std::string_view::npos) end = source.size();
    std::size_t first = start, last = end;
    while (first < last && source[first] == ' ') ++first;
    while (last > first && source[last - 1] == ' ') --last;
    if (first < last) {
      if (start > 0) out.append(breaks == 1 ? std::string(" ") : std::string(breaks - 1, '\n'));
      out.append(source.substr(first, last - first));
      breaks = 0;
    }
    ++breaks;
    start = end + 1;
  }
  return out;
}

// The inside of a quoted scalar: '' or escapes, and go-yaml's folding of
// line breaks (the blanks around them dropped; an escaped break joins lines).
std::string decodeQuoted(std::string_view source, bool single) {
  std::string out;
  for (std::size_t i = 0;;) {
    bool leadingBlanks = false;
    while (i < source.size() && source[i] != ' ' && source[i] != '\n') {
      if (single && source[i] == '\'') {
        out += '\'';
        i += 2;
      } else if (!single && source[i] == '\\') {
        if (source[i + 1] == '\n') {
          i += 2;
          leadingBlanks = true;
          break;
        }
        utf8::appendRune(out, simpleEscape(source[i + 1]));
        i += 2;
      } else {
        out += source[i++];
      }
    }
    if (i >= source.size()) return out;
    std::size_t spaces = 0, breaks = 0;
    bool leadingBreak = false;
    for (; i < source.size() && (source[i] == ' ' || source[i] == '\n'); ++i) {
      if (source[i] == ' ') {
        if (!leadingBlanks) ++spaces;
      } else if (!leadingBlanks) {
        spaces = 0;
        leadingBreak = leadingBlanks = true;
      } else {
        ++breaks;
      }
    }
    if (!leadingBlanks) {
      out.append(spaces, ' ');
    } else if (leadingBreak && breaks == 0) {
      out += ' ';
    } else {
      out.append(breaks, '\n');
    }
  }
}

// A literal or folded block from its header line down, with go-yaml's
// folding of lines and chomping of the final line breaks.
std::string decodeBlock(std::string_view source, int indent) {
  const bool literal = source[0] == '|';
  int chomping = 0;  // -1 strip, 1 keep
  for (std::size_t i = 1; i < source.size() && source[i] != ' ' && source[i] != '\n'; ++i) {
    if (source[i] == '-' || source[i] == '+') chomping = source[i] == '-' ? -1 : 1;
  }
  const std::size_t header = source.find('\n');
  std::size_t at = header == std::string_view::npos ? source.size() : header + 1;
  std::string out;
  std::size_t trailingBreaks = 0;
  bool leadingBreak = false, leadingBlank = false;
  int column = 0;
  // Eats up to `indent` spaces, and the lines that are blank after them.
  auto breaks = [&] {
    while (true) {
      column = 0;
      while (column < indent && at < source.size() && source[at] == ' ') ++at, ++column;
      if (at >= source.size() || source[at] != '\n') return;
      ++trailingBreaks;
      ++at;
    }
  };
  breaks();
  while (at < source.size() && column == indent) {
    const bool trailingBlank = source[at] == ' ';
    if (!literal && leadingBreak && !leadingBlank && !trailingBlank) {
      if (trailingBreaks == 0) out += ' ';
    } else if (leadingBreak) {
      out += '\n';
    }
    leadingBreak = false;
    out.append(trailingBreaks, '\n');
    trailingBreaks = 0;
    leadingBlank = source[at] == ' ';
    std::size_t end = source.find('\n', at);
    if (end == std::string_view::npos) end = source.size();
    out.append(source.substr(at, end - at));
    at = end;
    if (at < source.size()) {
      leadingBreak = true;
      ++at;
    }
    breaks();
  }
  if (chomping != -1 && leadingBreak) out += '\n';
  if (chomping == 1) out.append(trailingBreaks, '\n');
  return out;
}

}  // namespace

void visitBlockDocument(std::string_view text, YamlVisitor& visitor) { BlockReader(text, visitor).read(); }

std::string decodeVisitedScalar(const VisitedScalar& scalar) {
  switch (scalar.style) {
    case ScalarStyle::Plain: return decodePlain(scalar.text);
    case ScalarStyle::SingleQuoted: return decodeQuoted(scalar.text, true);
    case ScalarStyle::DoubleQuoted: return decodeQuoted(scalar.text, false);
    default: return decodeBlock(scalar.text, scalar.blockIndent);
  }
}

}  // namespace ho::encoding::yaml
