// toJson: Go's encoding/json Marshal and MarshalIndent for Values: sorted keys
// (byte order), HTML-safe escaping, U+2028/2029 escaped, invalid UTF-8 replaced,
// Go's float text; NaN and infinities refused like Go.
#include <cmath>

#include "core/go_float.h"
#include "core/go_utf8.h"
#include "core/stack_guard.h"
#include "encoding/go_json.h"

namespace ho::encoding {
namespace {

class JsonWriter {
 public:
  explicit JsonWriter(const JsonStyle& style) : style_(style) {}

  void value(const Value& v, int depth) {
    if (stackNearlyExhausted()) throw Failure("json: value nested too deeply to encode");
    switch (v.kind()) {
      case Kind::Nil: out_.append("null"); return;
      case Kind::Bool: out_.append(v.asBool() ? "true" : "false"); return;
      case Kind::Int: out_.append(std::to_string(v.asInt())); return;
      case Kind::Uint: out_.append(std::to_string(v.asUint())); return;
      case Kind::Float: number(v.asFloat()); return;
      case Kind::String: string(v.asString()); return;
      case Kind::List: list(v.asList(), depth); return;
      case Kind::Map: map(v.asMap(), depth); return;
      case Kind::Object: value(v.asObject().toData(), depth); return;
    }
  }

  std::string take() { return std::move(out_); }

 private:
  void number(double f) {
    if (std::isnan(f) || std::isinf(f)) throw Failure("json: unsupported value: " + formatGoFloat(f, 'g', -1));
    out_.append(formatJsonFloat(f));
  }

  void newline(int depth) {
    if (style_.indent.empty()) return;
    out_.push_back('\n');
    for (int i = 0; i < depth; ++i) out_.append(style_.indent);
  }

  void list(const List& items, int depth) {
    if (items.empty()) {
      out_.append("[]");
      return;
    }
    out_.push_back('[');
    bool first = true;
    for (const Value& item : items) {
      if (!first) out_.push_back(',');
      first = false;
      newline(depth + 1);
      value(item, depth + 1);
    }
    newline(depth);
    out_.push_back(']');
  }

  void map(const Map& entries, int depth) {
    if (entries.empty()) {
      out_.append("{}");
      return;
    }
    out_.push_back('{');
    bool first = true;
    for (const auto& [key, item] : entries) {  // Map keeps byte order, like encoding/json
      if (!first) out_.push_back(',');
      first = false;
      newline(depth + 1);
      string(key);
      out_.push_back(':');
      if (!style_.indent.empty()) out_.push_back(' ');
      value(item, depth + 1);
    }
    newline(depth);
    out_.push_back('}');
  }

  void string(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_.push_back('"');
    for (size_t i = 0; i < s.size();) {
      auto b = static_cast<unsigned char>(s[i]);
      if (b < 0x80) {
        bool html = b == '<' || b == '>' || b == '&';
        if (b >= 0x20 && b != '"' && b != '\\' && !(html && style_.escapeHtml)) {
          out_.push_back(static_cast<char>(b));
        } else if (b == '"' || b == '\\') {
          out_.push_back('\\');
          out_.push_back(static_cast<char>(b));
        } else if (b == '\n') {
          out_.append("\\n");
        } else if (b == '\r') {
          out_.append("\\r");
        } else if (b == '\t') {
          out_.append("\\t");
        } else if (b == '\b') {
          out_.append("\\b");
        } else if (b == '\f') {
          out_.append("\\f");
        } else {
          out_.append("\\u00");
          out_.push_back(kHex[b >> 4]);
          out_.push_back(kHex[b & 0xF]);
        }
        ++i;
        continue;
      }
      utf8::DecodedRune decoded = utf8::decodeRune(std::string_view(s).substr(i));
      char32_t r = decoded.rune;
      size_t w = decoded.size;
      if (r == utf8::kRuneError && w == 1) {
        out_.append("\\ufffd");
      } else if (r == 0x2028 || r == 0x2029) {
        out_.append(r == 0x2028 ? "\\u2028" : "\\u2029");
      } else {
        out_.append(s.substr(i, w));
      }
      i += w;
    }
    out_.push_back('"');
  }

  const JsonStyle& style_;
  std::string out_;
};

}  // namespace

Result<std::string> toJson(const Value& v, const JsonStyle& style) {
  try {
    JsonWriter writer(style);
    writer.value(v, 0);
    return writer.take();
  } catch (const Failure& f) {
    return Error{f.what()};
  }
}

}  // namespace ho::encoding
