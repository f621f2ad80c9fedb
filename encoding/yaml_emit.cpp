// toYaml: the Value after sigs.k8s.io/yaml's JSON round trip, written by a
// port of go-yaml v2's block-style emitter (emitterc.go): the same scalar
// analysis, style choice, 80-column folding, indentation and key order.
// toYamlV3 (Helm's toYamlPretty) is the same emitter in go-yaml v3's dialect.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/go_float.h"
#include "core/go_utf8.h"
#include "core/stack_guard.h"
#include "encoding/go_yaml.h"
#include "encoding/yaml_key_order.h"
#include "encoding/yaml_resolve.h"

namespace ho::encoding {
namespace {

enum class Style : std::uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal };

// Where go-yaml v3's encoder (used directly, without a JSON round trip) differs
// from sigs.k8s.io/yaml's v2 path.
struct Dialect {
  bool indentlessSequences = true;  // v2 writes "key:\n- item"; v3 indents the dash
  int bestWidth = 80;               // v3 never folds long lines
  bool tabsAreSpecial = true;       // v3 only forbids plain/single-quoted styles for tabs
  bool jsonNumbers = true;          // v2 sees numbers after json.Marshal; v3 formats them itself
  bool plainTimes = false;          // v3 writes a time.Time as plain RFC 3339 text; v2 sees a JSON string
  bool (*keyLess)(std::string_view, std::string_view) = goYamlKeyLess;
  // Containers nested deeper than this are refused (0: no limit). v2 output is
  // sigs.k8s.io/yaml's: JSON re-read by go-yaml v2, whose parser stops past 10,000.
  int maxDepth = 10000;
};
constexpr Dialect kYamlV2{};
constexpr Dialect kYamlV3{.indentlessSequences = false,
                          .bestWidth = std::numeric_limits<int>::max(),
                          .tabsAreSpecial = false,
                          .jsonNumbers = false,
                          .plainTimes = true,
                          .keyLess = goYamlV3KeyLess,
                          .maxDepth = 0};

// emitterc.go's yaml_emitter_analyze_scalar results.
struct ScalarAnalysis {
  bool multiline = false;
  bool flowPlainAllowed = true;
  bool blockPlainAllowed = true;
  bool singleQuotedAllowed = true;
  bool blockAllowed = true;
};

unsigned char byteAt(std::string_view s, size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

size_t charWidth(unsigned char b) {
  if ((b & 0x80) == 0) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 1;
}

bool isSpace(std::string_view s, size_t i) { return byteAt(s, i) == ' '; }
bool isBlank(std::string_view s, size_t i) { return byteAt(s, i) == ' ' || byteAt(s, i) == '\t'; }

bool isBreak(std::string_view s, size_t i) {
  unsigned char b = byteAt(s, i);
  return b == '\r' || b == '\n' || (b == 0xC2 && byteAt(s, i + 1) == 0x85) ||
         (b == 0xE2 && byteAt(s, i + 1) == 0x80 && (byteAt(s, i + 2) == 0xA8 || byteAt(s, i + 2) == 0xA9));
}

bool isBlankOrEnd(std::string_view s, size_t i) {
  return isBlank(s, i) || isBreak(s, i) || i >= s.size();
}

bool isPrintable(std::string_view s, size_t i) {
  unsigned char b = byteAt(s, i), b1 = byteAt(s, i + 1), b2 = byteAt(s, i + 2);
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) || (b > 0xC2 && b < 0xED) ||
         (b == 0xED && b1 < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}

// Graphic ASCII (no space, no control character): written as it is.
constexpr auto kGraphicAscii = [] {
  std::array<bool, 256> table{};
  for (int c = 0x21; c < 0x7F; ++c) table[static_cast<std::size_t>(c)] = true;
  return table;
}();

// Graphic ASCII that tells analyzeScalar nothing after a scalar's first
// character (none of the indicators it looks for there).
constexpr auto kInnerPlainAscii = [] {
  std::array<bool, 256> table = kGraphicAscii;
  for (char c : std::string_view(",?[]{}:#")) table[static_cast<unsigned char>(c)] = false;
  return table;
}();

// go-yaml checks for a BOM at the start of the value, whatever the position.
bool startsWithBom(std::string_view s) {
  return byteAt(s, 0) == 0xEF && byteAt(s, 1) == 0xBB && byteAt(s, 2) == 0xBF;
}

ScalarAnalysis analyzeScalar(std::string_view value, const Dialect& dialect) {
  ScalarAnalysis a;
  if (value.empty()) {
    a.flowPlainAllowed = false;
    a.blockAllowed = false;
    return a;
  }
  bool blockIndicators = false, flowIndicators = false, lineBreaks = false, special = false;
  bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
  bool tabs = false;
  if (value.starts_with("---") || value.starts_with("...")) {
    blockIndicators = flowIndicators = true;
  }
  bool precededByWhitespace = true;
  for (size_t i = 0; i < value.size();) {
    if (i > 0 && kInnerPlainAscii[static_cast<unsigned char>(value[i])]) {
      previousSpace = previousBreak = precededByWhitespace = false;
      ++i;
      continue;
    }
    // Inner spaces and line feeds (neither first nor last) change only the
    // run state the next character reads; the general path below agrees.
    if (i > 0 && i + 1 < value.size()) {
      if (value[i] == ' ' && !previousBreak) {
        previousSpace = precededByWhitespace = true;
        ++i;
        continue;
      }
      if (value[i] == '\n') {
        lineBreaks = true;
        if (previousSpace) spaceBreak = true;
        previousSpace = false;
        previousBreak = precededByWhitespace = true;
        ++i;
        continue;
      }
    }
    size_t w = charWidth(byteAt(value, i));
    bool followedByWhitespace = i + w >= value.size() || isBlank(value, i + w);
    char c = value[i];
    if (i == 0) {
      switch (c) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*':
        case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
          flowIndicators = blockIndicators = true;
          break;
        case '?': case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '-':
          if (followedByWhitespace) flowIndicators = blockIndicators = true;
          break;
        default: break;
      }
    } else {
      switch (c) {
        case ',': case '?': case '[': case ']': case '{': case '}': flowIndicators = true; break;
        case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '#':
          if (precededByWhitespace) flowIndicators = blockIndicators = true;
          break;
        default: break;
      }
    }
    if (c == '\t' && !dialect.tabsAreSpecial) {
      tabs = true;
    } else if (!isPrintable(value, i)) {
      special = true;
    }
    if (isSpace(value, i)) {
      if (i == 0) leadingSpace = true;
      if (i + w == value.size()) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(value, i)) {
      lineBreaks = true;
      if (i == 0) leadingBreak = true;
      if (i + w == value.size()) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(value, i);
    i += w;
  }
  a.multiline = lineBreaks;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = false;
  if (spaceBreak || special || tabs) {
    a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) a.blockAllowed = false;
  if (lineBreaks) a.flowPlainAllowed = a.blockPlainAllowed = false;
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

struct NodeContext {
  bool mapping = false;
  bool simpleKey = false;
};

// A scalar as sigs.k8s.io/yaml hands it to go-yaml: its text and the style the
// encoder asks for (plain for numbers, bools and null).
struct Scalar {
  std::string text;
  Style requested = Style::Plain;
};

class Emitter {
 public:
  explicit Emitter(const Dialect& dialect) : dialect_(dialect) {}
  std::string take() { return std::move(out_); }

  void document(const Value& root) {
    emitNode(root, {});
    writeIndent();  // document end
  }

 private:
  static constexpr int kBestIndent = 2;

  void put(char c) {
    out_.push_back(c);
    ++column_;
  }
  void putBreak() {
    out_.push_back('\n');
    column_ = 0;
  }
  // Copies one character (all its UTF-8 bytes) and advances i.
  void write(std::string_view s, size_t& i) {
    size_t w = std::min(charWidth(byteAt(s, i)), s.size() - i);
    out_.append(s.substr(i, w));
    ++column_;
    i += w;
  }
  void writeBreak(std::string_view s, size_t& i) {
    if (s[i] == '\n') {
      putBreak();
      ++i;
    } else {
      write(s, i);
      column_ = 0;
    }
  }
  void writeIndent() {
    int indent = std::max(indent_, 0);
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) putBreak();
    while (column_ < indent) put(' ');
    whitespace_ = indention_ = true;
  }
  void writeIndicator(std::string_view indicator, bool needWhitespace, bool isWhitespace,
                      bool isIndention) {
    if (needWhitespace && !whitespace_) put(' ');
    out_.append(indicator);
    column_ += static_cast<int>(indicator.size());
    whitespace_ = isWhitespace;
    indention_ = indention_ && isIndention;
  }
  void increaseIndent(bool flow, bool indentless) {
    indents_.push_back(indent_);
    if (indent_ < 0) {
      indent_ = flow ? kBestIndent : 0;
    } else if (!indentless) {
      indent_ += kBestIndent;
    }
  }
  void popIndent() {
    indent_ = indents_.back();
    indents_.pop_back();
  }

  void emitNode(const Value& v, NodeContext ctx) {
    if (stackNearlyExhausted()) throw Failure("yaml: value nested too deeply to encode");
    if (v.isObject() && dialect_.plainTimes && v.asObject().typeName() == "time.Time") {
      // v3 writes a time.Time itself: RFC 3339 text, plain, never quoted.
      Scalar s{v.asObject().toData().asString()};
      emitScalar(s, analyzeScalar(s.text, dialect_), ctx);
    } else if (v.isObject()) {
      emitNode(v.asObject().toData(), ctx);
    } else if (v.isList() || v.isMap()) {
      if (dialect_.maxDepth > 0 && depth_ >= dialect_.maxDepth) {
        throw Failure("yaml: exceeded max depth of " + std::to_string(dialect_.maxDepth));
      }
      ++depth_;
      emitContainer(v, ctx);
      --depth_;
    } else {
      Scalar s = scalarOf(v);
      emitScalar(s, analyzeScalar(s.text, dialect_), ctx);
    }
  }

  void emitContainer(const Value& v, NodeContext ctx) {
    if (v.isList()) {
      if (v.asList().empty()) return emitEmptyFlow("[", "]");
      return emitSequence(v.asList(), ctx);
    }
    if (v.asMap().empty()) return emitEmptyFlow("{", "}");
    emitMapping(v.asMap());
  }

  void emitEmptyFlow(std::string_view open, std::string_view close) {
    writeIndicator(open, true, true, false);
    writeIndicator(close, false, false, false);
  }

  void emitSequence(const List& items, NodeContext ctx) {
    increaseIndent(false, dialect_.indentlessSequences && ctx.mapping && !indention_);
    for (const Value& item : items) {
      writeIndent();
      writeIndicator("-", true, false, true);
      emitNode(item, {});
    }
    popIndent();
  }

  void emitMapping(const Map& entries) {
    std::vector<const Map::value_type*> sorted;
    sorted.reserve(entries.size());
    for (const auto& entry : entries) sorted.push_back(&entry);
    std::stable_sort(sorted.begin(), sorted.end(), [this](const auto* a, const auto* b) {
      return dialect_.keyLess(a->first, b->first);
    });
    increaseIndent(false, false);
    for (const auto* entry : sorted) {
      writeIndent();
      Scalar key = stringScalar(utf8::toValidUtf8(entry->first));
      ScalarAnalysis keyAnalysis = analyzeScalar(key.text, dialect_);
      if (!keyAnalysis.multiline && key.text.size() <= 128) {
        emitScalar(key, keyAnalysis, {.mapping = true, .simpleKey = true});
        writeIndicator(":", false, false, false);
      } else {
        writeIndicator("?", true, false, true);
        emitScalar(key, keyAnalysis, {.mapping = true});
        writeIndent();
        writeIndicator(":", true, false, true);
      }
      emitNode(entry->second, {.mapping = true});
    }
    popIndent();
  }

  static Scalar stringScalar(std::string text) {
    Scalar s;
    ResolvedScalar r = resolvePlainScalar(text);
    bool canUsePlain = r.kind == ScalarKind::String && !isBase60Float(text);
    if (text.find('\n') != std::string::npos) {
      s.requested = Style::Literal;
    } else {
      s.requested = canUsePlain ? Style::Plain : Style::DoubleQuoted;
    }
    s.text = std::move(text);
    return s;
  }

  // A float after json.Marshal and go-yaml's re-reading: integral JSON text
  // becomes a YAML int, anything else a float printed with 'g'.
  static std::string floatText(double f) {
    if (std::isnan(f) || std::isinf(f)) throw Failure("json: unsupported value: " + formatGoFloat(f, 'g', -1));
    std::string json = formatJsonFloat(f);
    if (json.find_first_of(".e") == std::string::npos) {
      std::int64_t i;
      std::uint64_t u;
      if (parseGoInt(json, i)) return std::to_string(i);
      if (parseGoUint(json, u)) return json;
    }
    return formatGoFloat(f, 'g', -1);
  }

  // go-yaml v3's floatv: FormatFloat 'g' with YAML's spellings of the specials.
  static std::string yamlFloatText(double f) {
    if (std::isnan(f)) return ".nan";
    if (std::isinf(f)) return f > 0 ? ".inf" : "-.inf";
    return formatGoFloat(f, 'g', -1);
  }

  Scalar scalarOf(const Value& v) const {
    switch (v.kind()) {
      case Kind::Nil: return {"null"};
      case Kind::Bool: return {v.asBool() ? "true" : "false"};
      case Kind::Int: return {std::to_string(v.asInt())};
      case Kind::Uint: return {std::to_string(v.asUint())};
      case Kind::Float: return {dialect_.jsonNumbers ? floatText(v.asFloat()) : yamlFloatText(v.asFloat())};
      case Kind::String:
        return stringScalar(utf8::toValidUtf8(v.asString()));
      default: return {"null"};
    }
  }

  // yaml_emitter_select_scalar_style (block context, implicit tags).
  static Style selectStyle(const Scalar& s, const ScalarAnalysis& a, NodeContext ctx) {
    Style style = s.requested;
    if (ctx.simpleKey && a.multiline) style = Style::DoubleQuoted;
    if (style == Style::Plain) {
      if (!a.blockPlainAllowed || (s.text.empty() && ctx.simpleKey)) style = Style::SingleQuoted;
    }
    if (style == Style::SingleQuoted && !a.singleQuotedAllowed) style = Style::DoubleQuoted;
    if (style == Style::Literal && (!a.blockAllowed || ctx.simpleKey)) style = Style::DoubleQuoted;
    return style;
  }

  void emitScalar(const Scalar& s, const ScalarAnalysis& a, NodeContext ctx) {
    Style style = selectStyle(s, a, ctx);
    increaseIndent(true, false);
    bool allowBreaks = !ctx.simpleKey;
    switch (style) {
      case Style::Plain: writePlain(s.text, allowBreaks); break;
      case Style::SingleQuoted: writeSingleQuoted(s.text, allowBreaks); break;
      case Style::DoubleQuoted: writeDoubleQuoted(s.text, allowBreaks); break;
      case Style::Literal: writeLiteral(s.text); break;
    }
    popIndent();
  }

  void writePlain(std::string_view value, bool allowBreaks) {
    if (!whitespace_) put(' ');
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < value.size();) {
      if (isSpace(value, i)) {
        if (allowBreaks && !spaces && column_ > dialect_.bestWidth && !isSpace(value, i + 1)) {
          writeIndent();
          ++i;
        } else {
          write(value, i);
        }
        spaces = true;
      } else if (isBreak(value, i)) {
        if (!breaks && value[i] == '\n') putBreak();
        writeBreak(value, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) writeIndent();
        size_t run = i;
        while (run < value.size() && kGraphicAscii[static_cast<unsigned char>(value[run])]) ++run;
        if (run > i) {
          out_.append(value.substr(i, run - i));
          column_ += static_cast<int>(run - i);
          i = run;
        } else {
          write(value, i);
        }
        indention_ = false;
        spaces = breaks = false;
      }
    }
    whitespace_ = indention_ = false;
  }

  void writeSingleQuoted(std::string_view value, bool allowBreaks) {
    writeIndicator("'", true, false, false);
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < value.size();) {
      if (isSpace(value, i)) {
        if (allowBreaks && !spaces && column_ > dialect_.bestWidth && i > 0 && i < value.size() - 1 &&
            !isSpace(value, i + 1)) {
          writeIndent();
          ++i;
        } else {
          write(value, i);
        }
        spaces = true;
      } else if (isBreak(value, i)) {
        if (!breaks && value[i] == '\n') putBreak();
        writeBreak(value, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) writeIndent();
        if (value[i] == '\'') put('\'');
        write(value, i);
        indention_ = false;
        spaces = breaks = false;
      }
    }
    writeIndicator("'", false, false, false);
    whitespace_ = indention_ = false;
  }

  void writeEscape(char32_t r) {
    put('\\');
    switch (r) {
      case 0x00: return put('0');
      case 0x07: return put('a');
      case 0x08: return put('b');
      case 0x09: return put('t');
      case 0x0A: return put('n');
      case 0x0B: return put('v');
      case 0x0C: return put('f');
      case 0x0D: return put('r');
      case 0x1B: return put('e');
      case 0x22: return put('"');
      case 0x5C: return put('\\');
      case 0x85: return put('N');
      case 0xA0: return put('_');
      case 0x2028: return put('L');
      case 0x2029: return put('P');
      default: break;
    }
    int digits = r <= 0xFF ? 2 : r <= 0xFFFF ? 4 : 8;
    put(r <= 0xFF ? 'x' : r <= 0xFFFF ? 'u' : 'U');
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      put("0123456789ABCDEF"[(r >> shift) & 0xF]);
    }
  }

  void writeDoubleQuoted(std::string_view value, bool allowBreaks) {
    bool spaces = false;
    bool bom = startsWithBom(value);
    writeIndicator("\"", true, false, false);
    for (size_t i = 0; i < value.size();) {
      if (!isPrintable(value, i) || bom || isBreak(value, i) || value[i] == '"' || value[i] == '\\') {
        utf8::DecodedRune decoded = utf8::decodeRune(value.substr(i));
        i += decoded.size;
        writeEscape(decoded.rune);
        spaces = false;
      } else if (isSpace(value, i)) {
        if (allowBreaks && !spaces && column_ > dialect_.bestWidth && i > 0 && i < value.size() - 1) {
          writeIndent();
          if (isSpace(value, i + 1)) put('\\');
          ++i;
        } else {
          write(value, i);
        }
        spaces = true;
      } else {
        write(value, i);
        spaces = false;
      }
    }
    writeIndicator("\"", false, false, false);
    whitespace_ = indention_ = false;
  }

  void writeBlockHints(std::string_view value) {
    if (isSpace(value, 0) || isBreak(value, 0)) {
      writeIndicator(std::string(1, static_cast<char>('0' + kBestIndent)), false, false, false);
    }
    char chomp = 0;
    if (value.empty()) {
      chomp = '-';
    } else {
      size_t i = value.size() - 1;
      while (i > 0 && (byteAt(value, i) & 0xC0) == 0x80) --i;
      if (!isBreak(value, i)) {
        chomp = '-';
      } else if (i == 0) {
        chomp = '+';
      } else {
        --i;
        while (i > 0 && (byteAt(value, i) & 0xC0) == 0x80) --i;
        if (isBreak(value, i)) chomp = '+';
      }
    }
    if (chomp != 0) writeIndicator(std::string_view(&chomp, 1), false, false, false);
  }

  void writeLiteral(std::string_view value) {
    writeIndicator("|", true, false, false);
    writeBlockHints(value);
    putBreak();
    indention_ = whitespace_ = true;
    bool breaks = true;
    for (size_t i = 0; i < value.size();) {
      if (isBreak(value, i)) {
        writeBreak(value, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) writeIndent();
        writeAsciiRun(value, i);
        if (i < value.size() && !isBreak(value, i)) write(value, i);
        indention_ = false;
        breaks = false;
      }
    }
  }

  // Copies the ASCII characters from i up to the next line break, multibyte
  // character or the end, each one column wide.
  void writeAsciiRun(std::string_view s, size_t& i) {
    size_t end = i;
    while (end < s.size() && static_cast<unsigned char>(s[end]) < 0x80 && s[end] != '\n' && s[end] != '\r') ++end;
    out_.append(s.substr(i, end - i));
    column_ += static_cast<int>(end - i);
    i = end;
  }

  const Dialect& dialect_;
  std::string out_;
  int column_ = 0;
  int indent_ = -1;
  std::vector<int> indents_;
  int depth_ = 0;  // containers open around the node being written
  bool whitespace_ = true;
  bool indention_ = true;
};

}  // namespace

namespace {

Result<std::string> emitDocument(const Value& v, const Dialect& dialect) {
  try {
    Emitter emitter(dialect);
    emitter.document(v);
    return emitter.take();
  } catch (const Failure& f) {
    return Error{f.what()};
  }
}

}  // namespace

Result<std::string> toYaml(const Value& v) { return emitDocument(v, kYamlV2); }

Result<std::string> toYamlV3(const Value& v) { return emitDocument(v, kYamlV3); }

}  // namespace ho::encoding
