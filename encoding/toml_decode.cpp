// fromToml's decoder: BurntSushi/toml v1.4.0's parser over the lexer's items,
// building the map[string]interface{} toml.Unmarshal fills. It keeps
// BurntSushi's bookkeeping (implicit tables, keys last given an array) because
// that bookkeeping decides which redefinitions are errors and which win.
#include <cmath>
#include <cstdlib>
#include <unordered_set>
#include <vector>

#include "core/go_utf8.h"
#include "encoding/go_toml.h"
#include "encoding/toml_key.h"
#include "encoding/toml_lexer.h"

namespace ho::encoding {
namespace {

using KeyPath = std::vector<std::string>;

// Keys, arrays and inline tables nested deeper than this are refused, so that
// hostile input cannot exhaust the stack (BurntSushi itself has no limit).
constexpr std::size_t kMaxNesting = 1000;

struct DatetimeLayout {
  std::string_view layout;
  TomlDatetimeKind kind;
};

// The formats BurntSushi tries, in order.
constexpr DatetimeLayout kDatetimeLayouts[] = {
    {"2006-01-02T15:04:05.999999999Z07:00", TomlDatetimeKind::Offset},
    {"2006-01-02T15:04:05.999999999", TomlDatetimeKind::LocalDatetime},
    {"2006-01-02", TomlDatetimeKind::LocalDate},
    {"15:04:05.999999999", TomlDatetimeKind::LocalTime},
};

bool isHexDigit(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
bool isDecimalDigit(char c) { return c >= '0' && c <= '9'; }

bool isTable(const Value& v) { return v.isMap(); }
bool isTableArray(const Value& v) { return v.isList() && v.goType() == GoType::MapList; }

// The table new keys go into: a table itself, or the last table of an array
// of tables; nullopt for any other value.
std::optional<Value> tableIn(const Value& v) {
  if (isTableArray(v)) return v.asList().back();
  if (isTable(v)) return v;
  return std::nullopt;
}

// Every underscore sits between two digits (hex digits count, as in BurntSushi).
bool underscoresOk(std::string_view s) {
  if (s == "nan" || s == "+nan" || s == "-nan" || s == "inf" || s == "-inf" || s == "+inf") return true;
  bool afterDigit = false;
  for (char c : s) {
    if (c == '_' && !afterDigit) return false;
    afterDigit = isHexDigit(c);
  }
  return afterDigit;
}

// A 0 before other digits (base prefixes and a lone 0 are fine).
bool hasLeadingZero(std::string_view s) {
  if (s.size() > 1 && s[0] == '0' && s[1] != 'b' && s[1] != 'o' && s[1] != 'x') return true;
  return s.size() > 2 && (s[0] == '-' || s[0] == '+') && s[1] == '0';
}

bool periodsOk(std::string_view s) {
  bool afterPeriod = false;
  for (char c : s) {
    if (afterPeriod && !isDecimalDigit(c)) return false;
    afterPeriod = c == '.';
  }
  return !afterPeriod;
}

// strconv.ParseInt(s, 0, 64) for what the lexer lets through; nullopt when out of range.
std::optional<std::int64_t> parseInteger(std::string_view s, bool& malformed) {
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  unsigned base = 10;
  if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
    base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
    s.remove_prefix(2);
  }
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  std::uint64_t magnitude = 0;
  bool sawDigit = false, overflow = false;
  for (char c : s) {
    if (c == '_') continue;
    const unsigned digit = isDecimalDigit(c) ? unsigned(c - '0') : unsigned((c | 0x20) - 'a' + 10);
    if (!isHexDigit(c) || digit >= base) {
      malformed = true;
      return std::nullopt;
    }
    sawDigit = true;
    if (magnitude > (limit - digit) / base) overflow = true;
    if (!overflow) magnitude = magnitude * base + digit;
  }
  malformed = !sawDigit;
  if (malformed || overflow) return std::nullopt;
  return negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
}

// Go's decimal float syntax, all of s: [sign] digits [. digits] [e [sign] digits].
bool isDecimalFloat(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && isDecimalDigit(s[i])) ++i;
    return i > from;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  bool mantissa = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    mantissa = digits() || mantissa;
  }
  if (!mantissa) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

std::string stripFirstNewline(std::string_view s) {
  if (s.starts_with('\n')) s.remove_prefix(1);
  else if (s.starts_with("\r\n")) s.remove_prefix(2);
  return std::string(s);
}

// Drops each line-ending backslash with the whitespace and newlines after it.
std::string stripEscapedNewlines(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  for (;;) {
    const std::size_t backslash = s.find('\\', i);
    if (backslash == std::string_view::npos) return out.append(s);
    i = backslash;
    if (i + 1 < s.size() && s[i + 1] == '\\') {
      i += 2;
      continue;
    }
    std::size_t j = i + 1;
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n')) ++j;
    if (j == i + 1 || s.substr(i, j - i).find('\n') == std::string_view::npos) {
      ++i;  // not a line ending (a bad escape is reported later)
      continue;
    }
    out.append(s.substr(0, i));
    s.remove_prefix(j);
    i = 0;
  }
}

// Does the datetime lack a leading zero somewhere Go's parser let it pass
// (an hour of "1:")? Separators must sit where the layout has them.
bool missingLeadingZero(std::string_view text, std::string_view layout) {
  for (std::size_t i = 0; i < layout.size(); ++i) {
    const char c = layout[i];
    if (c == '.' || c == 'Z') return false;
    if (!isDecimalDigit(c) && (i >= text.size() || text[i] != c)) return true;
  }
  return false;
}

// A decoding error; not a std::exception, as messages may hold NUL bytes
// (BurntSushi prints the end of input as one).
struct TomlError {
  std::string message;
};

struct Parsed {
  Value value;
  bool isArray = false;  // an array value (BurntSushi's tomlArray type)
};

class TomlParser {
 public:
  TomlParser(std::string_view input, const TomlDecodeHooks& hooks) : lexer_(input, hooks), hooks_(hooks) {}

  Value parse() {
    for (TomlItem item = nextItem(); item.type != TomlToken::Eof; item = nextItem()) topLevel(item);
    return mapping_;
  }

 private:
  // ParseError.Error(): "toml: line N (last key "K"): MESSAGE".
  [[noreturn]] void fail(int line, const std::string& message) const {
    const std::string lastKey = current();
    std::string text = "toml: line " + std::to_string(line);
    if (!lastKey.empty()) text += " (last key " + hooks_.quote(lastKey) + ")";
    throw TomlError{text + ": " + message};
  }
  // An error at the first part of the last key read.
  [[noreturn]] void failAtKey(const std::string& message) const { fail(keyLine_, message); }
  // What BurntSushi treats as its own bug (Go panics); unreachable for lexed input.
  [[noreturn]] void bug(const std::string& message) const { throw TomlError{"toml: BUG: " + message}; }

  TomlItem nextItem() {
    TomlItem item = lexer_.next();
    if (item.type == TomlToken::Error) fail(item.line, item.error);
    return item;
  }

  void checkNesting(std::size_t depth, int line) const {
    if (depth + nesting_ > kMaxNesting) {
      fail(line, "nesting deeper than " + std::to_string(kMaxNesting) + " levels");
    }
  }

  // The parts of a key or table name up to the `end` item.
  KeyPath readKey(TomlToken end) {
    KeyPath key;
    TomlItem part = nextItem();
    keyLine_ = part.line;
    for (; part.type != end && part.type != TomlToken::Eof; part = nextItem()) key.push_back(keyString(part));
    if (part.type != end || key.empty()) bug("unexpected end of key");
    return key;
  }

  std::string keyString(const TomlItem& item) {
    if (item.type == TomlToken::Text) return std::string(item.text);
    const Parsed parsed = value(item, false);
    if (!parsed.value.isString()) bug("unexpected key type");
    return parsed.value.asString();
  }

  void topLevel(const TomlItem& item) {
    switch (item.type) {
      case TomlToken::TableStart:
      case TomlToken::ArrayTableStart: {
        const bool isArray = item.type == TomlToken::ArrayTableStart;
        const KeyPath key = readKey(isArray ? TomlToken::ArrayTableEnd : TomlToken::TableEnd);
        checkNesting(key.size(), item.line);
        addContext(key, isArray);
        setType("", false);
        return;
      }
      case TomlToken::KeyStart: {
        const KeyPath outerContext = context_;
        keyValue();
        context_ = outerContext;
        currentKey_.clear();
        return;
      }
      default: bug("unexpected item at top level");
    }
  }

  // key = value, at the top level or in an inline table (whose context is
  // set); returns the value.
  Value keyValue() {
    const KeyPath key = readKey(TomlToken::KeyEnd);
    checkNesting(context_.size() + key.size(), keyLine_);
    currentKey_ = key.back();
    for (std::size_t i = 0; i + 1 < key.size(); ++i) {
      KeyPath implicit = context_;
      implicit.push_back(key[i]);
      addImplicitContext(implicit);
    }
    Parsed parsed = value(nextItem(), false);
    setValue(currentKey_, parsed.value);
    setType(currentKey_, parsed.isArray);
    return std::move(parsed.value);
  }

  Parsed value(const TomlItem& item, bool parentIsArray) {
    switch (item.type) {
      case TomlToken::String:
      case TomlToken::RawString: return {Value::string(std::string(item.text))};
      case TomlToken::StringWithEscapes: return {Value::string(replaceEscapes(item, item.text))};
      case TomlToken::MultilineString:
        return {Value::string(replaceEscapes(item, stripEscapedNewlines(stripFirstNewline(item.text))))};
      case TomlToken::RawMultilineString: return {Value::string(stripFirstNewline(item.text))};
      case TomlToken::Integer: return {integer(item)};
      case TomlToken::Float: return {floating(item)};
      case TomlToken::Bool:
        if (item.text != "true" && item.text != "false") bug("Expected boolean value, but got '" + std::string(item.text) + "'.");
        return {Value::boolean(item.text == "true")};
      case TomlToken::Datetime: return {datetime(item)};
      case TomlToken::ArrayStart: return array(item);
      case TomlToken::InlineTableStart: return inlineTable(item, parentIsArray);
      default: bug("unexpected value type");
    }
  }

  Value integer(const TomlItem& item) {
    const std::string_view text = item.text;
    if (!underscoresOk(text)) {
      fail(item.line, "Invalid integer " + hooks_.quote(text) + ": underscores must be surrounded by digits");
    }
    if (hasLeadingZero(text)) fail(item.line, "Invalid integer " + hooks_.quote(text) + ": cannot have leading zeroes");
    bool malformed = false;
    const std::optional<std::int64_t> n = parseInteger(text, malformed);
    if (malformed) bug("Expected integer value, but got '" + std::string(text) + "'.");
    if (!n) fail(item.line, std::string(text) + " is out of range for int64");
    return Value::integer(*n, GoType::Int64);
  }

  Value floating(const TomlItem& item) {
    const std::string_view text = item.text;
    std::vector<std::string_view> parts;  // the digit runs between '.', 'e' and 'E'
    for (std::string_view rest = text; !rest.empty();) {
      const std::size_t cut = rest.find_first_of(".eE");
      if (cut != 0) parts.push_back(rest.substr(0, cut));
      rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
    }
    for (std::string_view part : parts) {
      if (!underscoresOk(part)) {
        fail(item.line, "Invalid float " + hooks_.quote(text) + ": underscores must be surrounded by digits");
      }
    }
    if (!parts.empty() && hasLeadingZero(parts[0])) {
      fail(item.line, "Invalid float " + hooks_.quote(text) + ": cannot have leading zeroes");
    }
    if (!periodsOk(text)) {
      fail(item.line, "Invalid float " + hooks_.quote(text) + ": '.' must be followed by one or more digits");
    }
    std::string clean;
    for (char c : text) {
      if (c != '_') clean.push_back(c);
    }
    if (clean == "nan" || clean == "+nan") return Value::floating(std::nan(""));
    if (clean == "-nan") return Value::floating(std::copysign(std::nan(""), -1.0));
    if (clean == "inf" || clean == "+inf") return Value::floating(HUGE_VAL);
    if (clean == "-inf") return Value::floating(-HUGE_VAL);
    if (!isDecimalFloat(clean)) fail(item.line, "Invalid float value: " + hooks_.quote(text));
    const double f = std::strtod(clean.c_str(), nullptr);
    if (std::isinf(f)) fail(item.line, std::string(text) + " is out of range for float64");
    return Value::floating(f);
  }

  Value datetime(const TomlItem& item) {
    std::string text(item.text);
    for (char& c : text) {
      if (c == 'z') c = 'Z';
      if (c == 't' || c == ' ') c = 'T';
    }
    for (const DatetimeLayout& format : kDatetimeLayouts) {
      std::optional<Value> parsed = hooks_.parseDatetime({text, format.layout, format.kind});
      if (!parsed) continue;
      if (missingLeadingZero(text, format.layout)) break;
      return std::move(*parsed);
    }
    fail(item.line, "invalid datetime: " + hooks_.quote(text));
  }

  std::string replaceEscapes(const TomlItem& item, std::string_view s) const {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
      if (s[i] != '\\') {
        out.push_back(s[i++]);
        continue;
      }
      if (i + 1 >= s.size()) bug("Escape sequence at end of string.");
      const char code = s[i + 1];
      i += 2;
      switch (code) {
        case ' ':
        case '\t': fail(item.line, std::string("invalid escape: '\\") + code + "'");
        case 'b': out.push_back('\b'); break;
        case 't': out.push_back('\t'); break;
        case 'n': out.push_back('\n'); break;
        case 'f': out.push_back('\f'); break;
        case 'r': out.push_back('\r'); break;
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case 'u':
        case 'U': {
          const std::size_t digits = code == 'u' ? 4 : 8;
          utf8::appendRune(out, unicodeEscape(item, s.substr(i, digits)));
          i += digits;
          break;
        }
        default: bug(std::string("Expected valid escape code after \\, but got '") + code + "'.");
      }
    }
    return out;
  }

  char32_t unicodeEscape(const TomlItem& item, std::string_view hex) const {
    char32_t r = 0;
    for (char c : hex) r = r * 16 + static_cast<char32_t>(isDecimalDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
    if (!utf8::isValidRune(r)) {
      fail(item.line, "Escaped character '\\u" + std::string(hex) + "' is not valid UTF-8.");
    }
    return r;
  }

  Parsed array(const TomlItem& item) {
    setType(currentKey_, true);
    ++nesting_;
    checkNesting(context_.size(), item.line);
    List items;
    for (TomlItem next = nextItem(); next.type != TomlToken::ArrayEnd; next = nextItem()) {
      items.push_back(value(next, true).value);
    }
    --nesting_;
    return {Value::list(std::move(items)), true};
  }

  // The table {...} builds is returned; the same keys also go into the
  // mapping, where the outer key mostly keeps that copy (see setValue).
  Parsed inlineTable(const TomlItem& item, bool parentIsArray) {
    const KeyPath outerContext = context_;
    const std::string outerKey = currentKey_;
    context_.push_back(currentKey_);
    const KeyPath tableContext = context_;
    currentKey_.clear();
    ++nesting_;
    checkNesting(context_.size(), item.line);
    implicits_.insert(tomlKeyPath(context_));
    addContext(context_, parentIsArray);

    Value table = Value::map();
    for (TomlItem next = nextItem(); next.type != TomlToken::InlineTableEnd; next = nextItem()) {
      const std::size_t depth = context_.size();
      Value entryValue = keyValue();
      // The dotted parts of the key just read are context_[depth..].
      Value hash = table;
      for (std::size_t i = depth; i < context_.size(); ++i) {
        auto [entry, inserted] = hash.mutableMap().try_emplace(context_[i], Value::map());
        if (!isTable(entry->second)) failAtKey(hooks_.quote(tomlKeyPath(context_)) + " is not a table");
        hash = entry->second;
      }
      hash.mutableMap().insert_or_assign(currentKey_, std::move(entryValue));
      context_ = tableContext;
    }
    --nesting_;
    context_ = outerContext;
    currentKey_ = outerKey;
    return {table, false};
  }

  // Makes `key` the current table ([key], [[key]], or a dotted key's parents),
  // creating implicit parent tables on the way. `key` is taken by value as
  // callers pass context_, which this replaces.
  void addContext(KeyPath key, bool isArray) {
    Value hash = mapping_;
    KeyPath keyContext;
    for (std::size_t i = 0; i + 1 < key.size(); ++i) {
      keyContext.push_back(key[i]);
      auto entry = hash.mutableMap().find(key[i]);
      if (entry == hash.mutableMap().end()) {
        implicits_.insert(tomlKeyPath(keyContext));
        entry = hash.mutableMap().emplace(key[i], Value::map()).first;
      }
      std::optional<Value> table = tableIn(entry->second);
      if (!table) failAtKey("Key '" + tomlKeyPath(keyContext) + "' was already created as a hash.");
      hash = std::move(*table);
    }
    context_ = keyContext;
    if (isArray) {
      auto [entry, inserted] = hash.mutableMap().try_emplace(key.back(), Value::list({}, GoType::MapList));
      if (!isTableArray(entry->second)) {
        failAtKey("Key '" + tomlKeyPath(key) + "' was already created and cannot be used as an array.");
      }
      entry->second.mutableList().push_back(Value::map());
    } else {
      setValue(key.back(), Value::map());
    }
    context_.push_back(key.back());
  }

  void addImplicitContext(const KeyPath& key) {
    implicits_.insert(tomlKeyPath(key));
    addContext(key, false);
  }

  // Sets `key` in the current table. A key already there may be set again when
  // it last held an array (the new value wins) or was only implied by a
  // dotted key or header (the existing table stays).
  void setValue(const std::string& key, const Value& value) {
    Value hash = mapping_;
    KeyPath keyContext;
    for (const std::string& part : context_) {
      keyContext.push_back(part);
      auto entry = hash.mutableMap().find(part);
      if (entry == hash.mutableMap().end()) {
        bug("Context for key '" + tomlKeyPath(keyContext) + "' has not been established.");
      }
      std::optional<Value> table = tableIn(entry->second);
      if (!table) failAtKey("Key '" + tomlKeyPath(keyContext) + "' has already been defined.");
      hash = std::move(*table);
    }
    keyContext.push_back(key);
    auto entry = hash.mutableMap().find(key);
    if (entry == hash.mutableMap().end()) {
      hash.mutableMap().emplace(key, value);
      return;
    }
    const std::string path = tomlKeyPath(keyContext);
    if (arrayKeys_.contains(path)) {
      implicits_.erase(path);
      entry->second = value;
      return;
    }
    if (implicits_.erase(path) > 0) return;
    failAtKey("Key '" + path + "' has already been defined.");
  }

  // Records whether the current table's `key` (the table itself when "") holds an array.
  void setType(const std::string& key, bool isArray) {
    KeyPath keyContext = context_;
    if (!key.empty()) keyContext.push_back(key);
    if (keyContext.empty()) keyContext.emplace_back();
    const std::string path = tomlKeyPath(keyContext);
    if (isArray) {
      arrayKeys_.insert(path);
    } else {
      arrayKeys_.erase(path);
    }
  }

  std::string current() const {
    if (currentKey_.empty()) return tomlKeyPath(context_);
    if (context_.empty()) return currentKey_;
    return tomlKeyPath(context_) + "." + currentKey_;
  }

  TomlLexer lexer_;
  const TomlDecodeHooks& hooks_;
  Value mapping_ = Value::map();
  KeyPath context_;          // the table keys currently go into
  std::string currentKey_;   // the key whose value is being read
  int keyLine_ = 0;          // the line of the last key's first part
  std::size_t nesting_ = 0;  // arrays and inline tables open
  std::unordered_set<std::string> arrayKeys_;  // keys whose last value was an array
  std::unordered_set<std::string> implicits_;  // tables that exist only implied
};

}  // namespace

Result<Value> parseToml(std::string_view text, const TomlDecodeHooks& hooks) {
  if (text.starts_with("\xff\xfe") || text.starts_with("\xfe\xff")) {
    text.remove_prefix(2);
  } else if (text.starts_with("\xef\xbb\xbf")) {
    text.remove_prefix(3);
  }
  if (text.substr(0, 6).find('\0') != std::string_view::npos) {
    return Error{"toml: line 1: files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8"};
  }
  try {
    TomlParser parser(text, hooks);
    return parser.parse();
  } catch (TomlError& error) {
    return Error{std::move(error.message)};
  }
}

}  // namespace ho::encoding
