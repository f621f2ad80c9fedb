// Go's fmt printer over Values: the verb parser of Sprintf (flags, width,
// precision, `*`, explicit [n] indexes), per-type formatting, padding and
// the %!verb(type=value) error forms, mirroring fmt/print.go and fmt/format.go.
#include "templating/go_format.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include "core/go_float.h"
#include "core/stack_guard.h"
#include "templating/go_complex.h"
#include "templating/go_strconv.h"
#include "templating/go_unicode.h"

namespace ho::tmpl {

namespace {

using namespace unicode;  // NOLINT(google-build-using-namespace)

constexpr std::string_view kLowerDigits = "0123456789abcdefx";
constexpr std::string_view kUpperDigits = "0123456789ABCDEFX";
constexpr int kTooLarge = 1000000;

struct Flags {
  bool plus = false, minus = false, sharp = false, space = false, zero = false;
  bool plusV = false, sharpV = false;  // %+v and %#v
  bool widPresent = false, precPresent = false;
  int wid = 0, prec = 0;
};

std::string bytesOf(const Value& v) {
  std::string out;
  for (const Value& b : v.asList()) {
    out.push_back(static_cast<char>(b.isUint() ? b.asUint() : static_cast<std::uint64_t>(b.asInt())));
  }
  return out;
}

bool isBytes(const Value& v) { return v.isList() && v.goType() == GoType::Bytes; }

class Printer {
 public:
  std::string buf;
  Flags f;

  void printArg(const Value& arg, char32_t verb) {
    if (arg.isNil()) {
      if (verb == 'T' || verb == 'v') {
        pad("<nil>");
      } else {
        badVerb(arg, verb);
      }
      return;
    }
    if (verb == 'T') {
      fmtS(arg.typeName());
      return;
    }
    printValue(arg, verb, 0);
  }

  void printValue(const Value& v, char32_t verb, int depth) {
    if (stackNearlyExhausted()) {  // fmt never fails: deeper levels print as a marker
      buf += "<nested too deeply>";
      return;
    }
    switch (v.kind()) {
      case Kind::Nil:  // a nil element of a list or map (a nil interface inside a container)
        if (depth == 0) return printArg(v, verb);
        buf += f.sharpV ? "interface {}(nil)" : "<nil>";
        return;
      case Kind::Bool: return fmtBool(v, verb);
      case Kind::Int: return fmtInteger(v, static_cast<std::uint64_t>(v.asInt()), true, verb);
      case Kind::Uint: return fmtInteger(v, v.asUint(), false, verb);
      case Kind::Float: return fmtFloatVerb(v, verb);
      case Kind::String: return fmtString(v, v.asString(), verb);
      case Kind::List: return printList(v, verb, depth);
      case Kind::Map: return printMap(v, verb, depth);
      case Kind::Object: return printObject(v, verb);
    }
  }

  // %!verb(type=value), printed with the current flags as Go does.
  void badVerb(const Value& v, char32_t verb) {
    buf += "%!";
    appendRune(buf, verb);
    buf.push_back('(');
    if (v.isNil()) {
      buf += "<nil>";
    } else {
      buf += v.typeName();
      buf.push_back('=');
      printValue(v, 'v', 0);
    }
    buf.push_back(')');
  }

 private:
  void writePadding(int n) {
    if (n <= 0) return;
    buf.append(static_cast<std::size_t>(n), f.zero && !f.minus ? '0' : ' ');
  }

  void pad(std::string_view s) {
    if (!f.widPresent || f.wid == 0) {
      buf += s;
      return;
    }
    int width = f.wid - static_cast<int>(runeCount(s));
    if (f.minus) {
      buf += s;
      writePadding(width);
    } else {
      writePadding(width);
      buf += s;
    }
  }

  // pad() with zero padding switched off (numbers handle zeros themselves).
  void padNoZero(std::string_view s) {
    bool oldZero = f.zero;
    f.zero = false;
    pad(s);
    f.zero = oldZero;
  }

  std::string_view truncate(std::string_view s) const {
    if (!f.precPresent) return s;
    std::string_view rest = s;
    for (int n = 0; n < f.prec && !rest.empty(); ++n) rest.remove_prefix(decodeRune(rest).size);
    return s.substr(0, s.size() - rest.size());
  }

  void fmtS(std::string_view s) { pad(truncate(s)); }

  void fmtBool(const Value& v, char32_t verb) {
    if (verb == 't' || verb == 'v') {
      pad(v.asBool() ? "true" : "false");
    } else {
      badVerb(v, verb);
    }
  }

  void fmtInteger(const Value& v, std::uint64_t u, bool isSigned, char32_t verb) {
    switch (verb) {
      case 'v':
        if (f.sharpV && !isSigned) return formatIntegerDigits(u, 16, false, 'x', kLowerDigits, true);
        return formatIntegerDigits(u, 10, isSigned, verb, kLowerDigits);
      case 'd': return formatIntegerDigits(u, 10, isSigned, verb, kLowerDigits);
      case 'b': return formatIntegerDigits(u, 2, isSigned, verb, kLowerDigits);
      case 'o':
      case 'O': return formatIntegerDigits(u, 8, isSigned, verb, kLowerDigits);
      case 'x': return formatIntegerDigits(u, 16, isSigned, verb, kLowerDigits);
      case 'X': return formatIntegerDigits(u, 16, isSigned, verb, kUpperDigits);
      case 'c': return fmtC(u);
      case 'q': return fmtQc(u);
      case 'U': return fmtUnicode(u);
      default: return badVerb(v, verb);
    }
  }

  // fmt.fmtInteger; `forceSharp` is %#v of an unsigned value (0x prefix).
  void formatIntegerDigits(std::uint64_t u, unsigned base, bool isSigned, char32_t verb,
                           std::string_view digits, bool forceSharp = false) {
    bool negative = isSigned && static_cast<std::int64_t>(u) < 0;
    if (negative) u = 0 - u;
    int prec = 0;
    if (f.precPresent) {
      prec = f.prec;
      if (prec == 0 && u == 0) {  // %.0d of 0 prints only padding
        bool oldZero = f.zero;
        f.zero = false;
        writePadding(f.wid);
        f.zero = oldZero;
        return;
      }
    } else if (f.zero && !f.minus && f.widPresent) {
      prec = f.wid;
      if (negative || f.plus || f.space) prec--;  // room for the sign
    }
    std::string text;
    do {
      text.push_back(digits[u % base]);
      u /= base;
    } while (u > 0);
    while (static_cast<int>(text.size()) < prec) text.push_back('0');
    if (f.sharp || forceSharp) {
      if (base == 2) text += "b0";
      if (base == 8 && text.back() != '0') text.push_back('0');
      if (base == 16) {
        text.push_back(digits[16]);
        text.push_back('0');
      }
    }
    if (verb == 'O') text += "o0";
    if (negative) {
      text.push_back('-');
    } else if (f.plus) {
      text.push_back('+');
    } else if (f.space) {
      text.push_back(' ');
    }
    std::reverse(text.begin(), text.end());
    padNoZero(text);
  }

  static char32_t runeOf(std::uint64_t u) { return u > kMaxRune ? kRuneError : static_cast<char32_t>(u); }

  void fmtC(std::uint64_t u) {
    std::string s;
    appendRune(s, runeOf(u));
    pad(s);
  }

  void fmtQc(std::uint64_t u) { pad(quoteRune(runeOf(u), f.plus)); }

  void fmtUnicode(std::uint64_t u) {
    int prec = f.precPresent && f.prec > 4 ? f.prec : 4;
    std::string hex;
    std::uint64_t rest = u;
    do {
      hex.push_back(kUpperDigits[rest & 0xF]);
      rest >>= 4;
    } while (rest > 0);
    while (static_cast<int>(hex.size()) < prec) hex.push_back('0');
    std::reverse(hex.begin(), hex.end());
    std::string text = "U+" + hex;
    if (f.sharp && u <= kMaxRune && isPrint(static_cast<char32_t>(u))) {
      text += " '";
      appendRune(text, static_cast<char32_t>(u));
      text += "'";
    }
    padNoZero(text);
  }

  void fmtFloatVerb(const Value& v, char32_t verb) {
    if (!fmtFloatByVerb(v.asFloat(), verb)) badVerb(v, verb);
  }

  // pp.fmtFloat: the verbs a float prints with; false for any other verb.
  bool fmtFloatByVerb(double value, char32_t verb) {
    switch (verb) {
      case 'v': fmtFloat(value, 'g', -1); return true;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X': fmtFloat(value, static_cast<char>(verb), -1); return true;
      case 'f':
      case 'e':
      case 'E': fmtFloat(value, static_cast<char>(verb), 6); return true;
      case 'F': fmtFloat(value, 'f', 6); return true;
      default: return false;
    }
  }

  // pp.fmtComplex: "(real+imaginaryi)", each part printed as a float with the
  // same verb and flags, the imaginary part always signed.
  void fmtComplex(const Value& v, const ComplexNumber& c, char32_t verb) {
    static constexpr std::u32string_view kVerbs = U"vbgGxXfFeE";
    if (kVerbs.find(verb) == std::u32string_view::npos) return badVerb(v, verb);
    const bool oldPlus = f.plus;
    buf.push_back('(');
    fmtFloatByVerb(c.real(), verb);
    f.plus = true;
    fmtFloatByVerb(c.imaginary(), verb);
    buf += "i)";
    f.plus = oldPlus;
  }

  // fmt.fmtFloat: sign handling, %#, infinities and zero padding after the sign.
  void fmtFloat(double value, char verb, int prec) {
    if (f.precPresent) prec = f.prec;
    std::string num = formatGoFloat(value, verb, prec);
    if (num[0] != '-' && num[0] != '+') num.insert(num.begin(), '+');
    if (f.space && num[0] == '+' && !f.plus) num[0] = ' ';
    if (num[1] == 'I' || num[1] == 'N') {
      if (num[1] == 'N' && !f.space && !f.plus) num.erase(0, 1);
      padNoZero(num);
      return;
    }
    if (f.sharp && verb != 'b') num = forceDecimalPoint(num, verb, prec);
    if (f.plus || num[0] != '+') {
      if (f.zero && !f.minus && f.widPresent && f.wid > static_cast<int>(num.size())) {
        buf.push_back(num[0]);
        writePadding(f.wid - static_cast<int>(num.size()));
        buf.append(num, 1);
        return;
      }
      pad(num);
      return;
    }
    pad(std::string_view(num).substr(1));
  }

  // The %#g/%#e/%#f rule: always a decimal point, and %#g keeps trailing zeros.
  static std::string forceDecimalPoint(std::string num, char verb, int prec) {
    int digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') digits = prec == -1 ? 6 : prec;
    std::string tail;
    bool hasDecimalPoint = false, sawNonzeroDigit = false;
    for (std::size_t i = 1; i < num.size(); ++i) {
      char c = num[i];
      if (c == '.') {
        hasDecimalPoint = true;
        continue;
      }
      bool exponent = c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X');
      if (exponent) {
        tail = num.substr(i);
        num.resize(i);
        break;
      }
      if (c != '0') sawNonzeroDigit = true;
      if (sawNonzeroDigit) digits--;
    }
    if (!hasDecimalPoint) {
      if (num.size() == 2 && num[1] == '0') digits--;
      num.push_back('.');
    }
    if (digits > 0) num.append(static_cast<std::size_t>(digits), '0');
    return num + tail;
  }

  void fmtString(const Value& v, std::string_view s, char32_t verb) {
    switch (verb) {
      case 'v':
        if (f.sharpV) return fmtQ(s);
        return fmtS(s);
      case 's': return fmtS(s);
      case 'x': return fmtSx(s, kLowerDigits);
      case 'X': return fmtSx(s, kUpperDigits);
      case 'q': return fmtQ(s);
      default: return badVerb(v, verb);
    }
  }

  // fmt.fmtSbx: hex of each byte, with % x spacing and %#x prefixes.
  void fmtSx(std::string_view s, std::string_view digits) {
    int length = static_cast<int>(s.size());
    if (f.precPresent && f.prec < length) length = f.prec;
    int width = 2 * length;
    if (width == 0) {
      if (f.widPresent) writePadding(f.wid);
      return;
    }
    if (f.space) {
      if (f.sharp) width *= 2;
      width += length - 1;
    } else if (f.sharp) {
      width += 2;
    }
    if (f.widPresent && f.wid > width && !f.minus) writePadding(f.wid - width);
    auto prefix = [&] {
      buf.push_back('0');
      buf.push_back(digits[16]);
    };
    if (f.sharp) prefix();
    for (int i = 0; i < length; ++i) {
      if (f.space && i > 0) {
        buf.push_back(' ');
        if (f.sharp) prefix();
      }
      auto c = static_cast<unsigned char>(s[static_cast<std::size_t>(i)]);
      buf.push_back(digits[c >> 4]);
      buf.push_back(digits[c & 0xF]);
    }
    if (f.widPresent && f.wid > width && f.minus) writePadding(f.wid - width);
  }

  void fmtQ(std::string_view s) {
    s = truncate(s);
    if (f.sharp && canBackquote(s)) {
      pad("`" + std::string(s) + "`");
      return;
    }
    pad(f.plus ? quoteGoASCII(s) : quoteGo(s));
  }

  void printList(const Value& v, char32_t verb, int depth) {
    if (isBytes(v)) {
      if (verb == 's') return fmtS(bytesOf(v));
      if (verb == 'x' || verb == 'X') return fmtSx(bytesOf(v), verb == 'x' ? kLowerDigits : kUpperDigits);
      if (verb == 'q') return fmtQ(bytesOf(v));
    }
    if (f.sharpV) {
      buf += v.typeName();
      buf.push_back('{');
    } else {
      buf.push_back('[');
    }
    bool first = true;
    for (const Value& item : v.asList()) {
      if (!first) buf += f.sharpV ? ", " : " ";
      first = false;
      printValue(item, verb, depth + 1);
    }
    buf.push_back(f.sharpV ? '}' : ']');
  }

  void printMap(const Value& v, char32_t verb, int depth) {
    buf += f.sharpV ? v.typeName() + "{" : "map[";
    bool first = true;
    for (const auto& [key, item] : v.asMap()) {
      if (!first) buf += f.sharpV ? ", " : " ";
      first = false;
      printValue(Value::string(key), verb, depth + 1);
      buf.push_back(':');
      printValue(item, verb, depth + 1);
    }
    buf.push_back(f.sharpV ? '}' : ']');
  }

  // Objects print through their String() text for the string verbs.
  void printObject(const Value& v, char32_t verb) {
    if (const ComplexNumber* c = complexOf(v)) return fmtComplex(v, *c, verb);
    if (verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q') {
      return fmtString(v, v.asObject().format(), verb == 'v' && f.sharpV ? 's' : verb);
    }
    badVerb(v, verb);
  }
};

// fmt.parsenum: a decimal number at s[i..end), or nullopt (also when absurdly large).
std::optional<int> parseNumber(std::string_view s, std::size_t& i) {
  std::optional<int> num;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (num && *num > kTooLarge) {
      i = s.size();
      return std::nullopt;
    }
    num = num.value_or(0) * 10 + (s[i] - '0');
    ++i;
  }
  return num;
}

class FormatState {
 public:
  FormatState(std::string_view format, std::span<const Value> args) : format_(format), args_(args) {}

  std::string run() {
    std::size_t end = format_.size();
    for (std::size_t i = 0; i < end;) {
      goodArgNum_ = true;
      std::size_t literalEnd = format_.find('%', i);
      if (literalEnd == std::string_view::npos) literalEnd = end;
      p_.buf.append(format_.substr(i, literalEnd - i));
      if (literalEnd >= end) break;
      i = literalEnd + 1;
      if (!processVerb(i)) break;
    }
    reportExtraArgs();
    return std::move(p_.buf);
  }

 private:
  // One %... directive starting after the '%'; false when the format ended without a verb.
  bool processVerb(std::size_t& i) {
    const std::size_t end = format_.size();
    p_.f = Flags{};
    for (; i < end; ++i) {
      char c = format_[i];
      if (c == '#') {
        p_.f.sharp = true;
      } else if (c == '0') {
        p_.f.zero = true;
      } else if (c == '+') {
        p_.f.plus = true;
      } else if (c == '-') {
        p_.f.minus = true;
      } else if (c == ' ') {
        p_.f.space = true;
      } else {
        break;
      }
    }
    bool afterIndex = argNumber(i);
    if (i < end && format_[i] == '*') {
      ++i;
      p_.f.widPresent = intFromArg(p_.f.wid);
      if (!p_.f.widPresent) p_.buf += "%!(BADWIDTH)";
      if (p_.f.wid < 0) {
        p_.f.wid = -p_.f.wid;
        p_.f.minus = true;
        p_.f.zero = false;
      }
      afterIndex = false;
    } else {
      std::optional<int> width = parseNumber(format_, i);
      p_.f.widPresent = width.has_value();
      p_.f.wid = width.value_or(0);
      if (afterIndex && p_.f.widPresent) goodArgNum_ = false;  // "%[3]2d"
    }
    if (i + 1 < end && format_[i] == '.') {
      ++i;
      if (afterIndex) goodArgNum_ = false;  // "%[3].2d"
      afterIndex = argNumber(i);
      if (i < end && format_[i] == '*') {
        ++i;
        p_.f.precPresent = intFromArg(p_.f.prec);
        if (p_.f.prec < 0) {
          p_.f.prec = 0;
          p_.f.precPresent = false;
        }
        if (!p_.f.precPresent) p_.buf += "%!(BADPREC)";
        afterIndex = false;
      } else {
        p_.f.prec = parseNumber(format_, i).value_or(0);
        p_.f.precPresent = true;
      }
    }
    if (!afterIndex) argNumber(i);
    if (i >= end) {
      p_.buf += "%!(NOVERB)";
      return false;
    }
    DecodedRune verb = decodeRune(format_.substr(i));
    i += verb.size;
    dispatch(verb.rune);
    return true;
  }

  void dispatch(char32_t verb) {
    if (verb == '%') {
      p_.buf.push_back('%');
    } else if (!goodArgNum_) {
      badArgument(verb, "(BADINDEX)");
    } else if (argNum_ >= args_.size()) {
      badArgument(verb, "(MISSING)");
    } else {
      if (verb == 'v') {
        p_.f.sharpV = std::exchange(p_.f.sharp, false);
        p_.f.plusV = std::exchange(p_.f.plus, false);
      }
      p_.printArg(args_[argNum_], verb);
      ++argNum_;
    }
  }

  void badArgument(char32_t verb, std::string_view what) {
    p_.buf += "%!";
    appendRune(p_.buf, verb);
    p_.buf += what;
  }

  // fmt.argNumber: an explicit [n] index at i; true when one was found.
  bool argNumber(std::size_t& i) {
    if (i >= format_.size() || format_[i] != '[') return false;
    reordered_ = true;
    std::size_t close = format_.find(']', i + 1);
    if (format_.size() - i < 3 || close == std::string_view::npos) {  // no [n]: skip the '['
      goodArgNum_ = false;
      i += 1;
      return false;
    }
    std::size_t j = i + 1;
    std::optional<int> index = parseNumber(format_.substr(0, close), j);
    i = close + 1;
    if (!index || j != close) {
      goodArgNum_ = false;
      return false;
    }
    if (*index >= 1 && static_cast<std::size_t>(*index) <= args_.size()) {
      argNum_ = static_cast<std::size_t>(*index - 1);
      return true;
    }
    goodArgNum_ = false;
    return true;
  }

  // fmt.intFromArg: the next argument as a width or precision.
  bool intFromArg(int& out) {
    out = 0;
    if (argNum_ >= args_.size()) return false;
    const Value& arg = args_[argNum_++];
    bool isInt = false;
    if (arg.isInt()) {
      isInt = true;
      out = static_cast<int>(std::clamp<std::int64_t>(arg.asInt(), -2 * kTooLarge, 2 * kTooLarge));
    } else if (arg.isUint()) {
      isInt = arg.asUint() <= static_cast<std::uint64_t>(INT64_MAX);
      out = static_cast<int>(std::min<std::uint64_t>(arg.asUint(), 2 * kTooLarge));
    }
    if (out > kTooLarge || out < -kTooLarge) {
      out = 0;
      isInt = false;
    }
    return isInt;
  }

  void reportExtraArgs() {
    if (reordered_ || argNum_ >= args_.size()) return;
    p_.f = Flags{};
    p_.buf += "%!(EXTRA ";
    for (std::size_t i = argNum_; i < args_.size(); ++i) {
      if (i > argNum_) p_.buf += ", ";
      if (args_[i].isNil()) {
        p_.buf += "<nil>";
      } else {
        p_.buf += args_[i].typeName();
        p_.buf.push_back('=');
        p_.printArg(args_[i], 'v');
      }
    }
    p_.buf.push_back(')');
  }

  std::string_view format_;
  std::span<const Value> args_;
  Printer p_;
  std::size_t argNum_ = 0;
  bool goodArgNum_ = true;
  bool reordered_ = false;
};

}  // namespace

std::string formatValue(const Value& v) {
  Printer p;
  p.printArg(v, 'v');
  return std::move(p.buf);
}

std::string sprint(std::span<const Value> args) {
  Printer p;
  bool prevString = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    bool isString = args[i].isString();
    if (i > 0 && !isString && !prevString) p.buf.push_back(' ');
    p.printArg(args[i], 'v');
    prevString = isString;
  }
  return std::move(p.buf);
}

std::string sprintln(std::span<const Value> args) {
  Printer p;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) p.buf.push_back(' ');
    p.printArg(args[i], 'v');
  }
  p.buf.push_back('\n');
  return std::move(p.buf);
}

std::string sprintf(std::string_view format, std::span<const Value> args) {
  return FormatState(format, args).run();
}

}  // namespace ho::tmpl
