// The constraint grammar as one small state machine over a version's
// characters (see semver_constraint_syntax.h). A version is matched greedily:
// each optional group is taken when it can be, and a dot, dash or plus not
// followed by what its group needs ends the version before it. That is also
// the regular expressions' leftmost-first choice wherever a version must be
// followed by a space, a comma or the end, since no shorter version is.
#include "templating/sprig/semver_constraint_syntax.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace ho::tmpl {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// [0-9|x|X|\*]: a major, minor or patch character (the class holds '|' too).
bool isNumberChar(char c) { return (c >= '0' && c <= '9') || c == '|' || c == 'x' || c == 'X' || c == '*'; }

// [0-9A-Za-z\-]: a prerelease or metadata identifier character.
bool isIdentifierChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

bool isOperatorChar(char c) { return c == '=' || c == '!' || c == '>' || c == '<' || c == '~' || c == '^'; }

bool isOperator(std::string_view op) {
  return op.empty() || op == "=" || op == "!=" || op == ">" || op == "<" || op == ">=" || op == "=>" || op == "<=" ||
         op == "=<" || op == "~" || op == "~>" || op == "^";
}

std::size_t skipSpaces(std::string_view s, std::size_t i) {
  while (i < s.size() && isSpace(s[i])) ++i;
  return i;
}

// Where a version's characters leave the machine: the states after a
// delimiter ('v', '.', '-', '+') wait for the character their group needs.
enum State : std::uint8_t {
  kStart,
  kAfterV,
  kMajor,
  kMinorDot,
  kMinor,
  kPatchDot,
  kPatch,
  kPrereleaseDash,
  kPrerelease,
  kPrereleaseDot,
  kMetadataPlus,
  kMetadata,
  kMetadataDot,
  kStates,
  kStopped = kStates,
};

bool isAccepting(State state) {
  return state == kMajor || state == kMinor || state == kPatch || state == kPrerelease || state == kMetadata;
}

State step(State state, char c) {
  const bool number = isNumberChar(c);
  const bool identifier = isIdentifierChar(c);
  switch (state) {
    case kStart:
      return c == 'v' ? kAfterV : number ? kMajor : kStopped;
    case kAfterV:
      return number ? kMajor : kStopped;
    case kMajor:
    case kMinor:
    case kPatch:
      if (number) return state;
      if (c == '.' && state != kPatch) return state == kMajor ? kMinorDot : kPatchDot;
      return c == '-' ? kPrereleaseDash : c == '+' ? kMetadataPlus : kStopped;
    case kMinorDot:
      return number ? kMinor : kStopped;
    case kPatchDot:
      return number ? kPatch : kStopped;
    case kPrereleaseDash:
    case kPrereleaseDot:
      return identifier ? kPrerelease : kStopped;
    case kPrerelease:
      return identifier ? kPrerelease : c == '.' ? kPrereleaseDot : c == '+' ? kMetadataPlus : kStopped;
    case kMetadataPlus:
    case kMetadataDot:
      return identifier ? kMetadata : kStopped;
    case kMetadata:
      return identifier ? kMetadata : c == '.' ? kMetadataDot : kStopped;
    default:
      return kStopped;
  }
}

// The version starting at `at`, with its groups, or nullopt.
std::optional<ConstraintVersionSyntax> matchVersion(std::string_view s, std::size_t at) {
  // Where each group's delimiter was seen; a group whose delimiter lies at or
  // beyond the version's end was not taken.
  std::size_t majorStart = at, minorDot = kNone, patchDot = kNone, dash = kNone, plus = kNone;
  std::size_t end = kNone;
  State state = kStart;
  for (std::size_t i = at;; ++i) {
    if (isAccepting(state)) end = i;
    if (i == s.size()) break;
    const State next = step(state, s[i]);
    if (next == kStopped) break;
    if (next == kAfterV) majorStart = i + 1;
    if (next == kMinorDot) minorDot = i;
    if (next == kPatchDot) patchDot = i;
    if (next == kPrereleaseDash) dash = i;
    if (next == kMetadataPlus) plus = i;
    state = next;
  }
  if (end == kNone) return std::nullopt;
  const auto taken = [&](std::size_t delimiter) { return delimiter < end ? delimiter : kNone; };
  minorDot = taken(minorDot);
  patchDot = taken(patchDot);
  dash = taken(dash);
  plus = taken(plus);
  // Each group runs to the next group taken, or to the version's end.
  const auto upTo = [&](std::size_t from, std::initializer_list<std::size_t> later) {
    if (from == kNone) return std::string_view{};
    std::size_t to = end;
    for (std::size_t next : later) {
      if (next != kNone) {
        to = next;
        break;
      }
    }
    return s.substr(from, to - from);
  };
  ConstraintVersionSyntax version;
  version.whole = s.substr(at, end - at);
  version.major = upTo(majorStart, {minorDot, dash, plus});
  version.minor = upTo(minorDot, {patchDot, dash, plus});
  version.patch = upTo(patchDot, {dash, plus});
  version.prerelease = upTo(dash, {plus});
  return version;
}

// The operator starting at `at`: the whole run of operator characters, which
// is the only choice a version can follow. Its length, or kNone.
std::size_t operatorLength(std::string_view s, std::size_t at) {
  std::size_t end = at;
  while (end < s.size() && isOperatorChar(s[end])) ++end;
  return isOperator(s.substr(at, end - at)) ? end - at : kNone;
}

// (operator)\s*(version) at `at`: the constraint's version, or nullopt.
std::optional<ConstraintVersionSyntax> matchOperatorAndVersion(std::string_view s, std::size_t at,
                                                               std::string_view* op) {
  const std::size_t length = operatorLength(s, at);
  if (length == kNone) return std::nullopt;
  if (op != nullptr) *op = s.substr(at, length);
  return matchVersion(s, skipSpaces(s, at + length));
}

}  // namespace

std::optional<ConstraintPartSyntax> matchConstraintPart(std::string_view text) {
  ConstraintPartSyntax part;
  auto version = matchOperatorAndVersion(text, skipSpaces(text, 0), &part.op);
  if (!version) return std::nullopt;
  const std::size_t end = static_cast<std::size_t>(version->whole.data() - text.data()) + version->whole.size();
  if (skipSpaces(text, end) != text.size()) return std::nullopt;
  part.version = *version;
  return part;
}

bool isConstraintList(std::string_view text) {
  std::size_t at = skipSpaces(text, 0);
  for (;;) {
    auto version = matchOperatorAndVersion(text, at, nullptr);
    if (!version) return false;
    const std::size_t end = static_cast<std::size_t>(version->whole.data() - text.data()) + version->whole.size();
    const std::size_t next = skipSpaces(text, end);
    if (next == text.size()) return true;
    if (text[next] == ',') {
      at = skipSpaces(text, next + 1);
    } else if (next > end) {
      at = next;  // the spaces were the separator
    } else {
      return false;
    }
  }
}

std::vector<std::string_view> findConstraintParts(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t at = 0;
  while (at < text.size()) {
    std::optional<ConstraintVersionSyntax> version;
    std::size_t resume = at + 1;
    if (isSpace(text[at])) {
      // From a space only an empty operator goes on, its \s* taking the run of
      // spaces: the whole run has one answer.
      resume = skipSpaces(text, at);
      version = matchVersion(text, resume);
    } else {
      version = matchOperatorAndVersion(text, at, nullptr);
    }
    if (version) {
      const std::size_t end = static_cast<std::size_t>(version->whole.data() - text.data()) + version->whole.size();
      parts.push_back(text.substr(at, end - at));
      resume = end;
    }
    at = resume;
  }
  return parts;
}

std::optional<HyphenRangeSyntax> findHyphenRange(std::string_view text, std::size_t from) {
  // Every start position runs through the version machine at once; starts
  // that reach the same state go on alike, so each state keeps its leftmost.
  // At the end of a word, an accepting state's start is the leftmost low
  // version that ends right there, as one before " - " must.
  std::array<std::size_t, kStates> starts;
  starts.fill(kNone);
  for (std::size_t i = from; i <= text.size(); ++i) {
    const bool wordEnds = i == text.size() || isSpace(text[i]);
    if (wordEnds) {
      std::size_t low = kNone;
      for (std::size_t state = 0; state < kStates; ++state) {
        if (isAccepting(static_cast<State>(state)) && starts[state] < low) low = starts[state];
      }
      starts.fill(kNone);
      if (low == kNone) continue;
      // \s+-\s+ then the high version.
      const std::size_t dash = skipSpaces(text, i);
      if (dash >= text.size() || text[dash] != '-' || dash + 1 >= text.size() || !isSpace(text[dash + 1])) continue;
      auto high = matchVersion(text, skipSpaces(text, dash + 1));
      if (!high) continue;
      // The match takes the spaces before the low version when it starts a word.
      std::size_t start = low;
      while (start > from && isSpace(text[start - 1])) --start;
      const std::size_t highEnd = static_cast<std::size_t>(high->whole.data() - text.data()) + high->whole.size();
      const std::size_t end = skipSpaces(text, highEnd);
      return HyphenRangeSyntax{text.substr(start, end - start), text.substr(low, i - low), high->whole};
    }
    std::array<std::size_t, kStates> next;
    next.fill(kNone);
    starts[kStart] = std::min(starts[kStart], i);
    for (std::size_t state = 0; state < kStates; ++state) {
      if (starts[state] == kNone) continue;
      const State to = step(static_cast<State>(state), text[i]);
      if (to != kStopped) next[to] = std::min(next[to], starts[state]);
    }
    starts = next;
  }
  return std::nullopt;
}

}  // namespace ho::tmpl
