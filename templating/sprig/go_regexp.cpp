// GoRegexp: RE2 with Go's syntax checks, error texts and match iteration.
#include "templating/sprig/go_regexp.h"

#include <re2/re2.h>

#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/error.h"
#include "templating/go_format.h"
#include "templating/go_strconv.h"
#include "templating/go_unicode.h"

namespace ho::tmpl {

namespace {

constexpr std::size_t kNoMatch = std::string_view::npos;

std::string parseError(std::string_view code, std::string_view expr) {
  return "error parsing regexp: " + std::string(code) + ": `" + std::string(expr) + "`";
}

// Go's regexp/syntax error code for an RE2 error.
std::string_view goErrorCode(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape: return "invalid escape sequence";
    case RE2::ErrorBadCharClass: return "invalid character class";
    case RE2::ErrorBadCharRange: return "invalid character class range";
    case RE2::ErrorMissingBracket: return "missing closing ]";
    case RE2::ErrorMissingParen: return "missing closing )";
    case RE2::ErrorUnexpectedParen: return "unexpected )";
    case RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize: return "invalid repeat count";
    case RE2::ErrorRepeatOp: return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8: return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture: return "invalid named capture";
    default: return "expression too large";
  }
}

// Rewrites Go-only syntax for RE2: (?<name> becomes (?P<name>. Returns Go's
// error for the escapes Go rejects but RE2 accepts (\C).
std::variant<std::string, std::string> translateSyntax(std::string_view expr) {
  std::string out;
  bool inClass = false;
  for (std::size_t i = 0; i < expr.size(); ++i) {
    char c = expr[i];
    if (c == '\\' && i + 1 < expr.size()) {
      char next = expr[i + 1];
      if (next == 'C') return std::variant<std::string, std::string>(std::in_place_index<1>, parseError("invalid escape sequence", "\\C"));
      if (next == 'Q' && !inClass) {  // \Q...\E is literal text
        std::size_t close = expr.find("\\E", i + 2);
        std::size_t stop = close == std::string_view::npos ? expr.size() : close + 2;
        out += expr.substr(i, stop - i);
        i = stop - 1;
        continue;
      }
      out += expr.substr(i, 2);
      ++i;
      continue;
    }
    if (inClass) {
      if (c == '[' && i + 1 < expr.size() && expr[i + 1] == ':') {  // [:alpha:]
        std::size_t close = expr.find(":]", i + 2);
        if (close != std::string_view::npos) {
          out += expr.substr(i, close + 2 - i);
          i = close + 1;
          continue;
        }
      }
      if (c == ']') inClass = false;
      out.push_back(c);
      continue;
    }
    if (c == '[') {
      inClass = true;
      out.push_back(c);
      if (i + 1 < expr.size() && expr[i + 1] == '^') out.push_back(expr[++i]);
      if (i + 1 < expr.size() && expr[i + 1] == ']') out.push_back(expr[++i]);  // a leading ] is literal
      continue;
    }
    if (expr.substr(i, 3) == "(?<" && i + 3 < expr.size() && expr[i + 3] != '=' && expr[i + 3] != '!') {
      out += "(?P<";
      i += 2;
      continue;
    }
    out.push_back(c);
  }
  return std::variant<std::string, std::string>(std::in_place_index<0>, std::move(out));
}

// regexp.expand's extract: a $name or ${name} reference at the start of s.
struct Reference {
  std::string name;
  int number = -1;  // the group number when the name is all digits
  std::size_t length = 0;
};

std::optional<Reference> extractReference(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool brace = s[0] == '{';
  std::size_t start = brace ? 1 : 0;
  std::size_t i = start;
  while (i < s.size()) {
    unicode::DecodedRune d = unicode::decodeRune(s.substr(i));
    if (!unicode::isLetter(d.rune) && !unicode::isDigit(d.rune) && d.rune != '_') break;
    i += d.size;
  }
  if (i == start) return std::nullopt;
  Reference ref;
  ref.name = std::string(s.substr(start, i - start));
  if (brace) {
    if (i >= s.size() || s[i] != '}') return std::nullopt;
    ++i;
  }
  ref.length = i;
  int number = 0;
  for (char c : ref.name) {
    if (c < '0' || c > '9' || number >= 100000000) {
      number = -1;
      break;
    }
    number = number * 10 + (c - '0');
  }
  if (ref.name[0] == '0' && ref.name.size() > 1) number = -1;
  ref.number = number;
  return ref;
}

}  // namespace

GoRegexp::GoRegexp(std::shared_ptr<const re2::RE2> re, std::string expr) : re_(std::move(re)), expr_(std::move(expr)) {
  groupNames_.resize(static_cast<std::size_t>(re_->NumberOfCapturingGroups()) + 1);
  for (const auto& [index, name] : re_->CapturingGroupNames()) groupNames_[static_cast<std::size_t>(index)] = name;
}

namespace {

// Compile results by expression text. Library charts run the same few
// patterns through every include of a helper, and RE2's compile costs far more
// than a match; results (errors too) depend only on the text. Bounded, since a
// controller renders for as long as it runs: long patterns are not kept and
// the table starts over when full.
class CompileCache {
 public:
  template <class Compile>
  std::variant<GoRegexp, std::string> get(std::string_view expr, Compile compile) {
    if (expr.size() > kMaxKeptLength) return compile();
    std::string key(expr);
    {
      std::lock_guard lock(mutex_);
      if (auto found = entries_.find(key); found != entries_.end()) return found->second;
    }
    auto result = compile();
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_.emplace(std::move(key), result);
    return result;
  }

 private:
  static constexpr std::size_t kMaxKeptLength = 1024;
  static constexpr std::size_t kMaxEntries = 512;
  std::mutex mutex_;
  std::unordered_map<std::string, std::variant<GoRegexp, std::string>> entries_;
};

}  // namespace

std::variant<GoRegexp, std::string> GoRegexp::compile(std::string_view expr) {
  static CompileCache cache;
  return cache.get(expr, [expr] { return compileUncached(expr); });
}

std::variant<GoRegexp, std::string> GoRegexp::compileUncached(std::string_view expr) {
  auto translated = translateSyntax(expr);
  if (translated.index() == 1) return std::get<1>(translated);
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const re2::RE2>(std::get<0>(translated), options);
  if (!re->ok()) return parseError(goErrorCode(re->error_code()), re->error_arg());
  return GoRegexp(std::move(re), std::string(expr));
}

GoRegexp GoRegexp::mustCompile(std::string_view expr) {
  auto compiled = compile(expr);
  if (auto* error = std::get_if<std::string>(&compiled)) {
    std::string quoted = canBackquote(expr) ? "`" + std::string(expr) + "`" : quoteGo(expr);
    throw Failure("regexp: Compile(" + quoted + "): " + *error);
  }
  return std::get<GoRegexp>(std::move(compiled));
}

std::vector<GoRegexp::Span> GoRegexp::execute(std::string_view s, std::size_t pos, int groups) const {
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(groups));
  re2::StringPiece text(s.data(), s.size());
  if (!re_->Match(text, pos, s.size(), RE2::UNANCHORED, pieces.data(), groups)) return {};
  std::vector<Span> spans;
  spans.reserve(pieces.size());
  for (const re2::StringPiece& piece : pieces) {
    if (piece.data() == nullptr) {
      spans.push_back({kNoMatch, kNoMatch});
    } else {
      auto begin = static_cast<std::size_t>(piece.data() - s.data());
      spans.push_back({begin, begin + piece.size()});
    }
  }
  return spans;
}

bool GoRegexp::matchString(std::string_view s) const { return !execute(s, 0, 1).empty(); }

std::string GoRegexp::findString(std::string_view s) const {
  std::vector<Span> match = execute(s, 0, 1);
  return match.empty() ? "" : std::string(s.substr(match[0].begin, match[0].end - match[0].begin));
}

// regexp.allMatches: an empty match right after the previous match is skipped,
// and the search always advances by at least one rune.
std::vector<GoRegexp::Span> GoRegexp::findAllIndexes(std::string_view s, long long n) const {
  if (n < 0) n = static_cast<long long>(s.size()) + 1;
  std::vector<Span> found;
  std::size_t pos = 0;
  std::optional<std::size_t> prevMatchEnd;
  while (static_cast<long long>(found.size()) < n && pos <= s.size()) {
    std::vector<Span> match = execute(s, pos, 1);
    if (match.empty()) break;
    bool accept = true;
    if (match[0].end == pos) {
      if (prevMatchEnd && match[0].begin == *prevMatchEnd) accept = false;
      std::size_t width = pos < s.size() ? unicode::decodeRune(s.substr(pos)).size : 0;
      pos = width == 0 ? s.size() + 1 : pos + width;
    } else {
      pos = match[0].end;
    }
    prevMatchEnd = match[0].end;
    if (accept) found.push_back(match[0]);
  }
  return found;
}

std::vector<std::string> GoRegexp::findAllString(std::string_view s, long long n) const {
  std::vector<std::string> out;
  for (const Span& span : findAllIndexes(s, n)) out.emplace_back(s.substr(span.begin, span.end - span.begin));
  return out;
}

void GoRegexp::expand(std::string& out, std::string_view tmpl, std::string_view s, const std::vector<Span>& match) const {
  auto appendGroup = [&](std::size_t index) {
    if (index < match.size() && match[index].begin != kNoMatch) {
      out += s.substr(match[index].begin, match[index].end - match[index].begin);
      return true;
    }
    return false;
  };
  while (!tmpl.empty()) {
    std::size_t dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) break;
    out += tmpl.substr(0, dollar);
    tmpl.remove_prefix(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      out.push_back('$');
      tmpl.remove_prefix(1);
      continue;
    }
    std::optional<Reference> ref = extractReference(tmpl);
    if (!ref) {
      out.push_back('$');
      continue;
    }
    tmpl.remove_prefix(ref->length);
    if (ref->number >= 0) {
      appendGroup(static_cast<std::size_t>(ref->number));
      continue;
    }
    for (std::size_t i = 0; i < groupNames_.size(); ++i) {
      if (groupNames_[i] == ref->name && appendGroup(i)) break;
    }
  }
  out += tmpl;
}

// regexp.replaceAll: no replacement for an empty match right after a match.
std::string GoRegexp::replaceAllString(std::string_view s, std::string_view replacement, bool literal) const {
  const int groups = literal ? 1 : re_->NumberOfCapturingGroups() + 1;
  std::string out;
  std::size_t lastMatchEnd = 0;
  std::size_t searchPos = 0;
  while (searchPos <= s.size()) {
    std::vector<Span> match = execute(s, searchPos, groups);
    if (match.empty()) break;
    out += s.substr(lastMatchEnd, match[0].begin - lastMatchEnd);
    if (match[0].end > lastMatchEnd || match[0].begin == 0) {
      if (literal) {
        out += replacement;
      } else {
        expand(out, replacement, s, match);
      }
    }
    lastMatchEnd = match[0].end;
    std::size_t width = searchPos < s.size() ? unicode::decodeRune(s.substr(searchPos)).size : 0;
    if (searchPos + width > match[0].end) {
      searchPos += width;
    } else if (searchPos + 1 > match[0].end) {
      ++searchPos;
    } else {
      searchPos = match[0].end;
    }
  }
  out += s.substr(lastMatchEnd);
  return out;
}

std::vector<std::string> GoRegexp::split(std::string_view s, long long n) const {
  if (n == 0) return {};
  if (!expr_.empty() && s.empty()) return {""};
  std::vector<std::string> parts;
  std::size_t begin = 0;
  std::size_t end = 0;
  for (const Span& match : findAllIndexes(s, n)) {
    if (n > 0 && static_cast<long long>(parts.size()) == n - 1) break;
    end = match.begin;
    if (match.end != 0) parts.emplace_back(s.substr(begin, end - begin));
    begin = match.end;
  }
  if (end != s.size()) parts.emplace_back(s.substr(begin));
  return parts;
}

std::string goQuoteMeta(std::string_view s) {
  constexpr std::string_view kSpecial = "\\.+*?()|[]{}^$";
  std::string out;
  for (char c : s) {
    if (kSpecial.find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace ho::tmpl
