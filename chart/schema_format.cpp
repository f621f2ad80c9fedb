// gojsonschema's format checkers (see schema_format.h), written against the Go
// functions they call: time.Parse, net.ParseIP, net/mail.ParseAddress and
// net/url.Parse, reduced to the accept/reject decision.
#include "chart/schema_format.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <functional>
#include <string>

#include <re2/re2.h>

namespace ho::chart {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// ---- time.Parse -----------------------------------------------------------------

// A cursor over the text being parsed; each step consumes or fails.
struct Scan {
  std::string_view s;
  size_t pos = 0;

  bool done() const { return pos == s.size(); }
  bool literal(char c) {
    if (pos < s.size() && s[pos] == c) return ++pos, true;
    return false;
  }
  // Exactly `width` digits, or (flexible) one or two.
  bool number(int width, bool flexible, int& out) {
    size_t start = pos;
    size_t limit = flexible ? 2 : static_cast<size_t>(width);
    while (pos < s.size() && pos - start < limit && isDigit(s[pos])) ++pos;
    size_t got = pos - start;
    if (got == 0 || (!flexible && got != limit)) return false;
    out = std::stoi(std::string(s.substr(start, got)));
    return true;
  }
};

bool isLeap(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

bool date(Scan& in) {
  int year = 0, month = 0, day = 0;
  if (!in.number(4, false, year) || !in.literal('-') || !in.number(2, false, month) || !in.literal('-') ||
      !in.number(2, false, day)) {
    return false;
  }
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  return !(month == 2 && day == 29 && !isLeap(year));
}

// 15:04:05 with the optional fraction Go accepts after the seconds.
bool clock(Scan& in) {
  int hour = 0, minute = 0, second = 0;
  if (!in.number(2, true, hour) || hour > 23 || !in.literal(':') || !in.number(2, false, minute) ||
      minute > 59 || !in.literal(':') || !in.number(2, false, second) || second > 59) {
    return false;
  }
  if (in.pos + 1 < in.s.size() && (in.s[in.pos] == '.' || in.s[in.pos] == ',') && isDigit(in.s[in.pos + 1])) {
    in.pos += 2;
    while (!in.done() && isDigit(in.s[in.pos])) ++in.pos;
  }
  return true;
}

// Z07:00: "Z" or a signed hh:mm offset.
bool zone(Scan& in) {
  if (in.literal('Z')) return true;
  if (!in.literal('+') && !in.literal('-')) return false;
  int hours = 0, minutes = 0;
  return in.number(2, false, hours) && in.literal(':') && in.number(2, false, minutes) && hours <= 24 &&
         minutes <= 60;
}

bool parsesAs(std::string_view text, const std::function<bool(Scan&)>& layout) {
  Scan in{text};
  return layout(in) && in.done();
}

bool isDate(std::string_view s) { return parsesAs(s, date); }
bool isTime(std::string_view s) {
  return parsesAs(s, [](Scan& in) { return clock(in) && zone(in); }) || parsesAs(s, clock);
}
bool isDateTime(std::string_view s) {
  return isTime(s) || isDate(s) ||
         parsesAs(s, [](Scan& in) { return date(in) && in.literal('T') && clock(in) && zone(in); });
}

// ---- net.ParseIP -------------------------------------------------------------------

bool parseIPv4(std::string_view s) {
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (s.empty() || s[0] != '.') return false;
      s.remove_prefix(1);
    }
    size_t n = 0;
    int value = 0;
    while (n < s.size() && isDigit(s[n]) && n < 3) value = value * 10 + (s[n++] - '0');
    if (n == 0 || value > 255 || (n > 1 && s[0] == '0')) return false;
    s.remove_prefix(n);
  }
  return s.empty();
}

bool parseIPv6(std::string_view s) {
  int groups = 0;
  bool compressed = false;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    s.remove_prefix(2);
  }
  while (!s.empty()) {
    size_t n = 0;
    while (n < s.size() && n < 5 && std::isxdigit(static_cast<unsigned char>(s[n]))) ++n;
    if (n < s.size() && s[n] == '.') {  // a trailing embedded IPv4 address
      if (!parseIPv4(s)) return false;
      groups += 2;
      s = {};
      break;
    }
    if (n == 0 || n > 4) return false;
    ++groups;
    s.remove_prefix(n);
    if (s.empty()) break;
    if (s[0] != ':') return false;
    s.remove_prefix(1);
    if (!s.empty() && s[0] == ':') {
      if (compressed) return false;
      compressed = true;
      s.remove_prefix(1);
    } else if (s.empty()) {
      return false;
    }
  }
  return compressed ? groups < 8 : groups == 8;
}

bool parseIP(std::string_view s) {
  return s.find(':') != std::string_view::npos ? parseIPv6(s) : parseIPv4(s);
}

// ---- net/mail.ParseAddress -----------------------------------------------------------

bool isAtext(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80 ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool dotAtom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos) return false;
  for (char c : s) {
    if (c != '.' && !isAtext(c)) return false;
  }
  return true;
}

bool quotedString(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return false;
    }
  }
  return true;
}

bool addrSpec(std::string_view s) {
  size_t at = s.rfind('@');
  if (at == std::string_view::npos) return false;
  std::string_view local = s.substr(0, at);
  std::string_view domain = s.substr(at + 1);
  bool domainOk = dotAtom(domain) || (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']');
  return (dotAtom(local) || quotedString(local)) && domainOk;
}

std::string_view trimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool isEmail(std::string_view s) {
  s = trimSpace(s);
  if (!s.empty() && s.back() == '>') {  // display-name <addr-spec>
    size_t open = s.rfind('<');
    if (open == std::string_view::npos) return false;
    std::string_view name = trimSpace(s.substr(0, open));
    bool nameOk = name.empty() || quotedString(name);
    if (!nameOk) {
      for (char c : name) {
        if (c != ' ' && c != '\t' && c != '.' && !isAtext(c)) return false;
      }
    }
    return addrSpec(s.substr(open + 1, s.size() - open - 2));
  }
  return addrSpec(s);
}

// ---- net/url.Parse --------------------------------------------------------------------

bool validEscapes(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') continue;
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      return false;
    }
    i += 2;
  }
  return true;
}

struct ParsedUrl {
  bool ok = false;
  std::string scheme;
  std::string path;
};

ParsedUrl parseUrl(std::string_view raw) {
  ParsedUrl url;
  for (char c : raw) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return url;
  }
  std::string_view rest = raw;
  size_t hash = rest.find('#');
  std::string_view fragment = hash == std::string_view::npos ? std::string_view{} : rest.substr(hash + 1);
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  if (!validEscapes(fragment)) return url;
  for (size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (std::isalpha(static_cast<unsigned char>(c))) continue;
    if (i > 0 && (isDigit(c) || c == '+' || c == '-' || c == '.')) continue;
    if (c == ':') {
      if (i == 0) return url;  // missing protocol scheme
      url.scheme = std::string(rest.substr(0, i));
      rest = rest.substr(i + 1);
    }
    break;
  }
  size_t question = rest.find('?');
  if (question != std::string_view::npos) rest = rest.substr(0, question);
  bool hierarchical = url.scheme.empty() || rest.empty() || rest[0] == '/';
  if (hierarchical && rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    std::string_view host = authority.substr(authority.rfind('@') == std::string_view::npos ? 0
                                                                                          : authority.rfind('@') + 1);
    for (char c : host) {
      bool allowed = std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80 ||
                     std::string_view("-._~%!$&'()*+,;=:[]<>\"").find(c) != std::string_view::npos;
      if (!allowed) return url;  // invalid character in host name
    }
    size_t colon = host.rfind(':');
    size_t bracket = host.rfind(']');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
      for (char c : host.substr(colon + 1)) {
        if (!isDigit(c)) return url;
      }
    }
  } else if (url.scheme.empty()) {
    size_t colon = rest.find(':');
    if (colon != std::string_view::npos && colon < rest.find('/')) return url;  // colon in first segment
  }
  if (hierarchical && !validEscapes(rest)) return url;
  url.path = std::string(rest);
  url.ok = true;
  return url;
}

bool hasBackslash(std::string_view s) { return s.find('\\') != std::string_view::npos; }

bool isUri(std::string_view s) {
  ParsedUrl url = parseUrl(s);
  return url.ok && !url.scheme.empty() && !hasBackslash(s);
}
bool isUriReference(std::string_view s) { return parseUrl(s).ok && !hasBackslash(s); }
bool isUriTemplate(std::string_view s) {
  ParsedUrl url = parseUrl(s);
  static const re2::RE2 kTemplate("^([^{]*({[^}]*})?)*$");
  return url.ok && !hasBackslash(s) && re2::RE2::FullMatch(url.path, kTemplate);
}

// ---- regular expressions --------------------------------------------------------------

bool isHostname(std::string_view s) {
  static const re2::RE2 kHostname(
      "^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])"
      "(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9]))*$");
  return s.size() < 256 && re2::RE2::PartialMatch(s, kHostname);
}

bool isRegex(std::string_view s) {
  if (s.empty()) return true;
  re2::RE2::Options options;
  options.set_log_errors(false);
  return re2::RE2(s, options).ok();
}

}  // namespace

bool matchesFormat(std::string_view format, const Value& value) {
  static constexpr std::string_view kKnown[] = {
      "date", "time", "date-time", "hostname", "email", "idn-email", "ipv4", "ipv6", "uri", "iri",
      "uri-reference", "iri-reference", "uri-template", "uuid", "regex", "json-pointer", "relative-json-pointer"};
  if (!value.isString()) {  // v1.2.0's checkers reject anything but a string
    return std::find(std::begin(kKnown), std::end(kKnown), format) == std::end(kKnown);
  }
  std::string_view s = value.asString();
  if (format == "date") return isDate(s);
  if (format == "time") return isTime(s);
  if (format == "date-time") return isDateTime(s);
  if (format == "hostname") return isHostname(s);
  if (format == "email" || format == "idn-email") return isEmail(s);
  if (format == "ipv4") return parseIP(s) && s.find('.') != std::string_view::npos;
  if (format == "ipv6") return parseIP(s) && s.find(':') != std::string_view::npos;
  if (format == "uri" || format == "iri") return isUri(s);
  if (format == "uri-reference" || format == "iri-reference") return isUriReference(s);
  if (format == "uri-template") return isUriTemplate(s);
  if (format == "uuid") {
    static const re2::RE2 kUuid("^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$");
    return re2::RE2::PartialMatch(s, kUuid);
  }
  if (format == "regex") return isRegex(s);
  if (format == "json-pointer") {
    static const re2::RE2 kPointer("^(?:/(?:[^~/]|~0|~1)*)*$");
    return re2::RE2::PartialMatch(s, kPointer);
  }
  if (format == "relative-json-pointer") {
    static const re2::RE2 kRelativePointer("^(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)$");
    return re2::RE2::PartialMatch(s, kRelativePointer);
  }
  return true;
}

}  // namespace ho::chart
