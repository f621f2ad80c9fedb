// Helm's strvals parsers (--set, --set-string, --set-json, --set-file,
// --set-literal) and values.Options.MergeValues.
#include "chart/strvals.h"

#include <charconv>
#include <exception>
#include <iostream>
#include <iterator>

#include "chart/values.h"
#include "core/file_bytes.h"
#include "encoding/go_json.h"
#include "encoding/go_yaml.h"

namespace ho::chart {
namespace {

constexpr int kMaxIndex = 65536;
constexpr int kMaxNestedNameLevel = 30;

enum class Mode { Typed, String, Json, File, Literal };

// Go's io.EOF, which the parser uses to say "input ended".
struct EndOfInput {};

// A Go panic inside key(), reported as "unable to parse key: ...".
struct ConversionPanic {
  std::string message;
};

std::string goTypeOf(const Value& v) { return v.isNil() ? "nil" : v.typeName(); }

[[noreturn]] void conversionPanic(const Value& v, const char* wanted) {
  throw ConversionPanic{"interface conversion: interface {} is " + goTypeOf(v) + ", not " + wanted};
}

std::string quoteGo(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\t') {
      out += "\\t";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// strvals typedVal: true/false/null (any case), int64 without a leading 0, else the string.
Value typedValue(const std::string& text, bool keepString) {
  if (keepString) return Value::string(text);
  auto lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true") return Value::boolean(true);
  if (lower == "false") return Value::boolean(false);
  if (lower == "null") return Value::nil();
  if (text == "0") return Value::integer(0, GoType::Int64);
  if (!text.empty() && text[0] != '0') {
    std::int64_t n = 0;
    const char* begin = text.data();
    if (*begin == '+') ++begin;  // strconv.ParseInt accepts a sign
    auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), n);
    if (ec == std::errc() && ptr == text.data() + text.size() && begin != ptr) {
      return Value::integer(n, GoType::Int64);
    }
  }
  return Value::string(text);
}

std::size_t utf8Length(unsigned char c) {
  return c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
}

class Parser {
 public:
  Parser(std::string_view input, Mode mode, const FileReader* reader) : in_(input), mode_(mode), reader_(reader) {}

  Result<void> parse(Value& dest) {
    try {
      while (true) key(dest, 0);
    } catch (const EndOfInput&) {
      return {};
    } catch (const Failure& e) {
      return Error{e.what()};
    }
  }

 private:
  bool literal() const { return mode_ == Mode::Literal; }

  // runesUntil: text up to one of `stops` (consumed); backslash escapes unless literal.
  // Returns the stop character, or 0 at end of input.
  char until(std::string_view stops, std::string& text) {
    text.clear();
    while (pos_ < in_.size()) {
      char c = in_[pos_++];
      if (stops.find(c) != std::string_view::npos) return c;
      if (c == '\\' && !literal()) {
        if (pos_ >= in_.size()) return 0;
        std::size_t n = std::min(utf8Length(static_cast<unsigned char>(in_[pos_])), in_.size() - pos_);
        text.append(in_.substr(pos_, n));
        pos_ += n;
        continue;
      }
      text += c;
    }
    return 0;
  }

  static void set(Value& data, const std::string& key, Value value) {
    if (key.empty()) return;
    data.mutableMap()[key] = std::move(value);
  }

  void key(Value& data, int nestedLevel) {
    try {
      keyBody(data, nestedLevel);
    } catch (const ConversionPanic& p) {
      throw Failure("unable to parse key: " + p.message);
    }
  }

  void keyBody(Value& data, int nestedLevel) {
    std::string k;
    char last = until(literal() ? "=[." : "=[,.", k);
    if (last == 0) {
      if (k.empty()) throw EndOfInput{};
      throw Failure("key " + quoteGo(k) + " has no value");
    }
    if (last == '[') {
      int index = keyIndex();
      Value list = Value::list();
      if (const Value* existing = data.find(k)) {
        if (!existing->isList()) conversionPanic(*existing, "[]interface {}");
        list = *existing;
      }
      Value result = list;
      std::exception_ptr error;
      try {
        result = listItem(list, index, nestedLevel);
      } catch (...) {
        error = std::current_exception();  // Go still stores the list it had before returning the error
      }
      set(data, k, result);
      if (error) std::rethrow_exception(error);
      return;
    }
    if (last == '=') return assign(data, k);
    if (last == ',') {
      set(data, k, Value::string(""));
      throw Failure("key " + quoteGo(k) + " has no value (cannot end with ,)");
    }
    // last == '.'
    if (++nestedLevel > kMaxNestedNameLevel) {
      throw Failure("value name nested level is greater than maximum supported nested level of " +
                    std::to_string(kMaxNestedNameLevel));
    }
    Value inner = Value::map();
    if (const Value* existing = data.find(k)) {
      if (!existing->isMap()) conversionPanic(*existing, "map[string]interface {}");
      inner = *existing;
    }
    bool ended = false;
    try {
      key(inner, nestedLevel);
    } catch (const EndOfInput&) {
      ended = true;
    } catch (const Failure&) {
      if (!inner.asMap().empty()) set(data, k, inner);
      throw;
    }
    if (!ended && inner.asMap().empty()) throw Failure("key map " + quoteGo(k) + " has no value");
    if (!inner.asMap().empty()) set(data, k, inner);
    if (ended) throw EndOfInput{};
  }

  // The right side of "key=" for every mode.
  void assign(Value& data, const std::string& k) {
    if (literal()) {
      set(data, k, Value::string(std::string(in_.substr(pos_))));
      pos_ = in_.size();
      return;
    }
    if (mode_ == Mode::Json) {
      set(data, k, jsonValue());
      return;
    }
    std::optional<Value> list = valueList();
    if (list) {
      set(data, k, *list);
      return;
    }
    if (pos_ >= in_.size() && listAtEnd_) {
      set(data, k, Value::string(""));
      throw EndOfInput{};
    }
    std::string text;
    until(",", text);
    set(data, k, read(text));
  }

  Value read(const std::string& text) {
    if (mode_ != Mode::File) return typedValue(text, mode_ == Mode::String);
    auto contents = (*reader_)(text);
    if (!contents) throw Failure(contents.error().message);
    return Value::string(*contents);
  }

  int keyIndex() {
    std::string text;
    if (until("]", text) == 0) throw Failure("error parsing index: EOF");
    int index = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
    if (text.empty() || ptr != text.data() + text.size() || ec == std::errc::invalid_argument) {
      throw Failure("error parsing index: strconv.Atoi: parsing " + quoteGo(text) + ": invalid syntax");
    }
    if (ec == std::errc::result_out_of_range) {
      throw Failure("error parsing index: strconv.Atoi: parsing " + quoteGo(text) + ": value out of range");
    }
    return index;
  }

  static Value setIndex(Value list, int index, Value value) {
    if (index < 0) throw Failure("negative " + std::to_string(index) + " index not allowed");
    if (index > kMaxIndex) {
      throw Failure("index of " + std::to_string(index) + " is greater than maximum supported index of " +
                    std::to_string(kMaxIndex));
    }
    List items = list.isList() ? list.asList() : List{};
    if (items.size() <= static_cast<std::size_t>(index)) items.resize(static_cast<std::size_t>(index) + 1);
    items[static_cast<std::size_t>(index)] = std::move(value);
    return Value::list(std::move(items));
  }

  Value listItem(Value list, int index, int nestedLevel) {
    if (index < 0) throw Failure("negative " + std::to_string(index) + " index not allowed");
    std::string k;
    char last = until("[.=", k);
    if (!k.empty()) throw Failure("unexpected data at end of array index: " + quoteGo(k));
    if (last == 0) throw EndOfInput{};
    const List& items = list.isList() ? list.asList() : List{};
    bool present = items.size() > static_cast<std::size_t>(index);
    if (last == '=') {
      if (literal()) {
        std::string rest(in_.substr(pos_));
        pos_ = in_.size();
        return setIndex(list, index, Value::string(rest));
      }
      if (mode_ == Mode::Json) return setIndex(list, index, jsonValue());
      if (auto values = valueList()) return setIndex(list, index, *values);
      if (pos_ >= in_.size() && listAtEnd_) return setIndex(list, index, Value::string(""));
      std::string text;
      until(",", text);
      return setIndex(list, index, read(text));
    }
    if (last == '[') {
      int next = keyIndex();
      Value current = Value::list();
      if (present && !items[static_cast<std::size_t>(index)].isNil()) {
        const Value& existing = items[static_cast<std::size_t>(index)];
        if (!existing.isList()) conversionPanic(existing, "[]interface {}");
        current = existing;
      }
      return setIndex(list, index, listItem(current, next, nestedLevel));
    }
    // last == '.'
    Value inner = Value::map();
    if (present && items[static_cast<std::size_t>(index)].isMap()) inner = items[static_cast<std::size_t>(index)];
    key(inner, nestedLevel);
    return setIndex(list, index, inner);
  }

  // valList: "{a,b}" as a list; nullopt when the value is not a list (or input ended,
  // which sets listAtEnd_).
  std::optional<Value> valueList() {
    listAtEnd_ = pos_ >= in_.size();
    if (listAtEnd_) return std::nullopt;
    if (in_[pos_] != '{') return std::nullopt;
    ++pos_;
    List items;
    while (true) {
      std::string text;
      char last = until(",}", text);
      if (last == 0) throw Failure("list must terminate with '}'");
      if (last == '}') {
        if (pos_ < in_.size() && in_[pos_] == ',') ++pos_;
        items.push_back(read(text));
        return Value::list(std::move(items));
      }
      items.push_back(read(text));
    }
  }

  // emptyVal: only spaces up to the next ',' or the end.
  bool emptyValue() {
    while (pos_ < in_.size()) {
      char c = in_[pos_];
      if (c == ',') {
        ++pos_;
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') return false;
      ++pos_;
    }
    return true;
  }

  // The extent of one JSON value starting at pos_ (json.Decoder reads just that much).
  std::size_t jsonValueEnd() const {
    std::size_t i = pos_;
    while (i < in_.size() && std::isspace(static_cast<unsigned char>(in_[i]))) ++i;
    if (i >= in_.size()) return i;
    if (in_[i] == '"' || in_[i] == '{' || in_[i] == '[') {
      int depth = 0;
      bool inString = false;
      for (; i < in_.size(); ++i) {
        char c = in_[i];
        if (inString) {
          if (c == '\\')
            ++i;
          else if (c == '"') {
            inString = false;
            if (depth == 0) return i + 1;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' || c == '[') {
          ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          return i + 1;
        }
      }
      return i;
    }
    while (i < in_.size() && std::string_view(",]} \t\r\n").find(in_[i]) == std::string_view::npos) ++i;
    return i;
  }

  Value jsonValue() {
    if (emptyValue()) return Value::nil();
    std::size_t end = jsonValueEnd();
    auto parsed = encoding::parseJson(in_.substr(pos_, end - pos_));
    if (!parsed) throw Failure(parsed.error().message);
    pos_ = end;
    emptyValue();
    return *parsed;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  Mode mode_;
  const FileReader* reader_;
  bool listAtEnd_ = false;
};

Result<void> parseInto(std::string_view line, Value& dest, Mode mode, const FileReader* reader = nullptr) {
  if (!dest.isMap()) dest = Value::map();
  return Parser(line, mode, reader).parse(dest);
}

Error wrap(const std::string& context, const Error& error) { return Error{context + ": " + error.message}; }

}  // namespace

Result<void> parseSetInto(std::string_view line, Value& dest) { return parseInto(line, dest, Mode::Typed); }
Result<void> parseSetStringInto(std::string_view line, Value& dest) { return parseInto(line, dest, Mode::String); }
Result<void> parseSetJsonInto(std::string_view line, Value& dest) { return parseInto(line, dest, Mode::Json); }
Result<void> parseSetLiteralInto(std::string_view line, Value& dest) { return parseInto(line, dest, Mode::Literal); }
Result<void> parseSetFileInto(std::string_view line, Value& dest, const FileReader& readFile) {
  return parseInto(line, dest, Mode::File, &readFile);
}

Result<std::string> readLocalFile(const std::string& path) {
  std::string trimmed = path;
  trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
  trimmed.erase(trimmed.find_last_not_of(" \t\r\n") + 1);
  if (trimmed == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
  return readFileBytes(path);
}

Result<Value> mergeValueOptions(const ValueOptions& options, const FileReader& readFile) {
  Value base = Value::map();
  for (const std::string& path : options.valueFiles) {
    auto bytes = readFile(path);
    if (!bytes) return bytes.error();
    auto parsed = encoding::parseYaml(*bytes);
    if (!parsed) return wrap("failed to parse " + path, parsed.error());
    base = mergeMaps(base, *parsed);
  }
  for (const std::string& value : options.jsonValues) {
    if (!parseSetJsonInto(value, base)) return Error{"failed parsing --set-json data " + value};
  }
  for (const std::string& value : options.values) {
    if (auto r = parseSetInto(value, base); !r) return wrap("failed parsing --set data", r.error());
  }
  for (const std::string& value : options.stringValues) {
    if (auto r = parseSetStringInto(value, base); !r) return wrap("failed parsing --set-string data", r.error());
  }
  for (const std::string& value : options.fileValues) {
    if (auto r = parseSetFileInto(value, base, readFile); !r) {
      return wrap("failed parsing --set-file data", r.error());
    }
  }
  for (const std::string& value : options.literalValues) {
    if (auto r = parseSetLiteralInto(value, base); !r) return wrap("failed parsing --set-literal data", r.error());
  }
  return base;
}

}  // namespace ho::chart
