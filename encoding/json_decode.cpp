// parseJson: Go's json.Unmarshal into interface{} (objects -> maps, arrays ->
// lists, numbers -> float64) with encoding/json's syntax error wording.
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "core/go_utf8.h"
#include "core/stack_guard.h"
#include "encoding/go_json.h"
#include "encoding/space_run.h"

namespace ho::encoding {
namespace {

// Go's quoteChar: how a scanner error names the offending byte.
std::string quoteChar(unsigned char c) {
  if (c == '\'') return "'\\''";
  if (c == '"') return "'\"'";
  switch (c) {
    case '\n': return "'\\n'";
    case '\r': return "'\\r'";
    case '\t': return "'\\t'";
    case '\b': return "'\\b'";
    case '\f': return "'\\f'";
    case '\\': return "'\\\\'";
    default: break;
  }
  if (c < 0x20 || c == 0x7F) {
    static constexpr char kHex[] = "0123456789abcdef";
    return std::string("'\\x") + kHex[c >> 4] + kHex[c & 0xF] + "'";
  }
  return std::string("'") + static_cast<char>(c) + "'";
}

// encoding/json's maxNestingDepth: arrays and objects nested deeper are refused.
constexpr int kMaxNestingDepth = 10000;

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : s_(text) {}

  Value document() {
    skipSpace();
    Value v = value(0);
    skipSpace();
    if (pos_ < s_.size()) fail("after top-level value");
    return v;
  }

 private:
  [[noreturn]] void fail(std::string_view context) {
    if (pos_ >= s_.size()) throw Failure("unexpected end of JSON input");
    throw Failure("invalid character " + quoteChar(static_cast<unsigned char>(s_[pos_])) + " " +
                  std::string(context));
  }

  void skipSpace() {
    for (;;) {
      pos_ = spaceRunEnd(s_, pos_);
      if (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
        ++pos_;
        continue;
      }
      return;
    }
  }

  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }

  static bool isPlainStringByte(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

  // The end of the run of plain string bytes from `at`: sixteen at a time
  // with SSE2 (a signed compare below ' ' also catches the bytes from 0x80),
  // the rest one by one.
  static std::size_t plainStringEnd(std::string_view text, std::size_t at) {
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    for (; at + 16 <= text.size(); at += 16) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
      const __m128i stops = _mm_or_si128(_mm_cmplt_epi8(chunk, space),
                                         _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)));
      if (const int mask = _mm_movemask_epi8(stops); mask != 0) return at + static_cast<std::size_t>(__builtin_ctz(mask));
    }
#endif
    while (at < text.size() && isPlainStringByte(static_cast<unsigned char>(text[at]))) ++at;
    return at;
  }

  // `depth` counts the arrays and objects around the value.
  Value value(int depth) {
    if (pos_ >= s_.size()) fail("looking for beginning of value");
    char c = s_[pos_];
    if ((c == '{' || c == '[') && (depth >= kMaxNestingDepth || stackNearlyExhausted())) fail("exceeded max depth");
    switch (c) {
      case '{': return object(depth + 1);
      case '[': return array(depth + 1);
      case '"': return Value::string(string());
      case 't': literal("true"); return Value::boolean(true);
      case 'f': literal("false"); return Value::boolean(false);
      case 'n': literal("null"); return Value::nil();
      default: break;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    fail("looking for beginning of value");
  }

  void literal(std::string_view word) {
    for (size_t k = 0; k < word.size(); ++k, ++pos_) {
      if (pos_ >= s_.size()) fail("");
      if (s_[pos_] != word[k]) {
        fail("in literal " + std::string(word) + " (expecting '" + std::string(1, word[k]) + "')");
      }
    }
  }

  Value object(int depth) {
    ++pos_;
    Map entries;
    skipSpace();
    if (peek() == '}') {
      ++pos_;
      return Value::map(std::move(entries));
    }
    for (;;) {
      skipSpace();
      if (peek() != '"') fail("looking for beginning of object key string");
      std::string key = string();
      skipSpace();
      if (peek() != ':') fail("after object key");
      ++pos_;
      skipSpace();
      Value v = value(depth);
      entries.insert_or_assign(std::move(key), std::move(v));
      skipSpace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return Value::map(std::move(entries));
      }
      fail("after object key:value pair");
    }
  }

  Value array(int depth) {
    ++pos_;
    List items;
    skipSpace();
    if (peek() == ']') {
      ++pos_;
      return Value::list(std::move(items));
    }
    for (;;) {
      skipSpace();
      items.push_back(value(depth));
      skipSpace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return Value::list(std::move(items));
      }
      fail("after array element");
    }
  }

  bool digitAt(size_t i) const { return i < s_.size() && s_[i] >= '0' && s_[i] <= '9'; }

  Value number() {
    size_t start = pos_;
    if (peek() == '-') {
      ++pos_;
      if (!digitAt(pos_)) fail("in numeric literal");
    }
    if (peek() == '0') {
      ++pos_;
    } else {
      while (digitAt(pos_)) ++pos_;
    }
    if (peek() == '.') {
      ++pos_;
      if (!digitAt(pos_)) fail("after decimal point in numeric literal");
      while (digitAt(pos_)) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!digitAt(pos_)) fail("in exponent of numeric literal");
      while (digitAt(pos_)) ++pos_;
    }
    std::string text(s_.substr(start, pos_ - start));
    errno = 0;
    double f = std::strtod(text.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(f)) {
      rangeError_ = "json: cannot unmarshal number " + text + " into Go value of type float64";
      return Value::nil();
    }
    return Value::floating(f);
  }

  unsigned hex4() {
    unsigned v = 0;
    for (int k = 0; k < 4; ++k, ++pos_) {
      char c = peek();
      int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (d < 0) fail("in \\u hexadecimal character escape");
      v = v * 16 + static_cast<unsigned>(d);
    }
    return v;
  }

  std::string string() {
    ++pos_;
    std::string out;
    for (;;) {
      // A run of printable ASCII other than '"' and '\\' is copied whole.
      const std::size_t plainEnd = plainStringEnd(s_, pos_);
      out.append(s_.data() + pos_, plainEnd - pos_);
      pos_ = plainEnd;
      if (pos_ >= s_.size()) fail("");
      auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c < 0x20) fail("in string literal");
      if (c == '\\') {
        ++pos_;
        escape(out);
        continue;
      }
      utf8::DecodedRune decoded = utf8::decodeRune(std::string_view(s_).substr(pos_));
      char32_t r = decoded.rune;
      size_t w = decoded.size;
      if (r == utf8::kRuneError && w == 1) utf8::appendRune(out, utf8::kRuneError);
      else out.append(s_.substr(pos_, w));
      pos_ += w;
    }
  }

  void escape(std::string& out) {
    char c = peek();
    switch (c) {
      case '"': case '\\': case '/': out.push_back(c); ++pos_; return;
      case 'b': out.push_back('\b'); ++pos_; return;
      case 'f': out.push_back('\f'); ++pos_; return;
      case 'n': out.push_back('\n'); ++pos_; return;
      case 'r': out.push_back('\r'); ++pos_; return;
      case 't': out.push_back('\t'); ++pos_; return;
      case 'u': break;
      default: fail("in string escape code");
    }
    ++pos_;
    char32_t r = hex4();
    if (r >= 0xD800 && r < 0xDC00) {
      // A high surrogate pairs with a following \uDC00-\uDFFF escape.
      if (s_.substr(pos_, 2) == "\\u") {
        size_t save = pos_;
        pos_ += 2;
        char32_t low = hex4();
        if (low >= 0xDC00 && low < 0xE000) {
          utf8::appendRune(out, 0x10000 + ((r - 0xD800) << 10) + (low - 0xDC00));
          return;
        }
        pos_ = save;
      }
      r = utf8::kRuneError;
    } else if (r >= 0xDC00 && r < 0xE000) {
      r = utf8::kRuneError;
    }
    utf8::appendRune(out, r);
  }

 public:
  std::string rangeError_;

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

Result<Value> parseJson(std::string_view text) {
  try {
    JsonParser parser(text);
    Value v = parser.document();
    if (!parser.rangeError_.empty()) return Error{parser.rangeError_};
    return v;
  } catch (const Failure& f) {
    return Error{f.what()};
  }
}

Result<Value> parseJsonMap(std::string_view text) {
  Result<Value> parsed = parseJson(text);
  if (!parsed) return parsed;
  if (parsed->isMap()) return parsed;
  if (parsed->isNil()) return parsed;  // json.Unmarshal of null leaves a map nil
  std::string_view type = parsed->isString() ? "string" : parsed->isBool() ? "bool"
                          : parsed->isList() ? "array" : "number";
  return Error{"json: cannot unmarshal " + std::string(type) +
               " into Go value of type map[string]interface {}"};
}

}  // namespace ho::encoding
