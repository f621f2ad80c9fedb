// Masterminds/semver v3.3 parsing, precedence and constraint checks.
#include "templating/sprig/semver_constraint.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "templating/sprig/semver_constraint_syntax.h"

namespace ho::tmpl {

namespace {

// The parts of a version, Masterminds/semver's pattern
//   v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-IDENTS)?(\+IDENTS)?  with IDENTS = [0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*
// matched by hand: the grammar is unambiguous, so one greedy pass decides it,
// and versions are parsed for every entry of a repository index.
struct VersionSyntax {
  std::string_view major, minor, patch, prerelease, metadata;
};

std::optional<VersionSyntax> matchVersionSyntax(std::string_view s) {
  std::size_t i = 0;
  const auto isDigit = [&](std::size_t at) { return at < s.size() && s[at] >= '0' && s[at] <= '9'; };
  const auto digits = [&] {
    const std::size_t from = i;
    while (isDigit(i)) ++i;
    return s.substr(from, i - from);
  };
  // [0-9A-Za-z-]+ separated by single dots.
  const auto identifiers = [&]() -> std::optional<std::string_view> {
    const std::size_t from = i;
    for (;;) {
      const std::size_t start = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) != 0 || s[i] == '-') &&
             static_cast<unsigned char>(s[i]) < 0x80) {
        ++i;
      }
      if (i == start) return std::nullopt;
      if (i == s.size() || s[i] != '.') return s.substr(from, i - from);
      ++i;
    }
  };
  if (i < s.size() && s[i] == 'v') ++i;
  VersionSyntax v;
  v.major = digits();
  if (v.major.empty()) return std::nullopt;
  for (std::string_view* segment : {&v.minor, &v.patch}) {
    if (i >= s.size() || s[i] != '.' || !isDigit(i + 1)) break;
    ++i;
    *segment = digits();
  }
  for (auto [marker, part] : {std::pair{'-', &v.prerelease}, std::pair{'+', &v.metadata}}) {
    if (i >= s.size() || s[i] != marker) continue;
    ++i;
    auto found = identifiers();
    if (!found) return std::nullopt;
    *part = *found;
  }
  if (i != s.size()) return std::nullopt;
  return v;
}
bool isWildcard(std::string_view s) { return s == "x" || s == "X" || s == "*"; }

bool onlyDigits(std::string_view s) { return s.find_first_not_of("0123456789") == std::string_view::npos; }

bool onlyIdentifierChars(std::string_view s) {
  return s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789") ==
         std::string_view::npos;
}

std::vector<std::string_view> splitOn(std::string_view s, std::string_view separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t at = s.find(separator, start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + separator.size();
  }
}

std::optional<Error> validatePrerelease(std::string_view pre) {
  for (std::string_view part : splitOn(pre, ".")) {
    if (onlyDigits(part)) {
      if (part.size() > 1 && part[0] == '0') return Error{"Version segment starts with 0"};
    } else if (!onlyIdentifierChars(part)) {
      return Error{"Invalid Prerelease string"};
    }
  }
  return std::nullopt;
}

std::optional<Error> validateMetadata(std::string_view metadata) {
  for (std::string_view part : splitOn(metadata, ".")) {
    if (!onlyIdentifierChars(part)) return Error{"Invalid Metadata string"};
  }
  return std::nullopt;
}

Result<std::uint64_t> parseSegment(std::string_view digits) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    return Error{"Error parsing version segment: strconv.ParseUint: parsing \"" + std::string(digits) +
                 "\": value out of range"};
  }
  return n;
}

// One prerelease identifier against another: numbers below words, numbers numerically.
int comparePrereleasePart(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  if (a.empty()) return -1;
  if (b.empty()) return 1;
  const bool aNumeric = onlyDigits(a);
  const bool bNumeric = onlyDigits(b);
  if (!aNumeric && !bNumeric) return a > b ? 1 : -1;
  if (!bNumeric) return -1;
  if (!aNumeric) return 1;
  if (a.size() != b.size()) return a.size() > b.size() ? 1 : -1;  // no leading zeros here
  return a > b ? 1 : -1;
}

int comparePrerelease(std::string_view a, std::string_view b) {
  const auto aParts = splitOn(a, ".");
  const auto bParts = splitOn(b, ".");
  for (std::size_t i = 0; i < std::max(aParts.size(), bParts.size()); ++i) {
    const int d = comparePrereleasePart(i < aParts.size() ? aParts[i] : "", i < bParts.size() ? bParts[i] : "");
    if (d != 0) return d;
  }
  return 0;
}

using Part = SemverConstraints::Part;

bool lessThan(const SemVersion& v, const SemVersion& c) { return compareSemVersions(v, c) < 0; }

bool tilde(const SemVersion& v, const Part& c) {
  if (lessThan(v, c.bound)) return false;
  if (c.bound.major == 0 && c.bound.minor == 0 && c.bound.patch == 0 && !c.minorDirty && !c.patchDirty) return true;
  if (v.major != c.bound.major) return false;
  return v.minor == c.bound.minor || c.minorDirty;
}

bool notEqual(const SemVersion& v, const Part& c) {
  if (c.dirty) {
    if (c.bound.major != v.major) return true;
    if (c.bound.minor != v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.bound.patch != v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (!v.prerelease.empty() || !c.bound.prerelease.empty()) {
        return comparePrerelease(v.prerelease, c.bound.prerelease) != 0;
      }
      return false;
    }
  }
  return compareSemVersions(v, c.bound) != 0;
}

bool greaterThan(const SemVersion& v, const Part& c) {
  if (!c.dirty) return compareSemVersions(v, c.bound) > 0;
  if (v.major != c.bound.major) return v.major > c.bound.major;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.bound.minor;
  return compareSemVersions(v, c.bound) > 0;
}

bool lessThanOrEqual(const SemVersion& v, const Part& c) {
  if (!c.dirty) return compareSemVersions(v, c.bound) <= 0;
  if (v.major > c.bound.major) return false;
  return !(v.major == c.bound.major && v.minor > c.bound.minor && !c.minorDirty);
}

bool caret(const SemVersion& v, const Part& c) {
  if (lessThan(v, c.bound)) return false;
  if (c.bound.major > 0 || c.minorDirty) return v.major == c.bound.major;
  if (v.major > 0) return false;
  if (c.bound.minor > 0 || c.patchDirty) return v.minor == c.bound.minor;
  if (v.minor > 0) return false;
  return v.patch == c.bound.patch;
}

bool checkPart(const SemVersion& v, const Part& c) {
  // A prerelease satisfies only constraints that themselves name a prerelease.
  if (!v.prerelease.empty() && c.bound.prerelease.empty()) return false;
  const std::string& op = c.op;
  if (op.empty() || op == "=") return c.dirty ? tilde(v, c) : compareSemVersions(v, c.bound) == 0;
  if (op == "!=") return notEqual(v, c);
  if (op == ">") return greaterThan(v, c);
  if (op == "<") return lessThan(v, c.bound);
  if (op == ">=" || op == "=>") return !lessThan(v, c.bound);
  if (op == "<=" || op == "=<") return lessThanOrEqual(v, c);
  if (op == "~" || op == "~>") return tilde(v, c);
  return caret(v, c);  // "^"
}

Result<Part> parsePart(std::string_view text) {
  const std::optional<ConstraintPartSyntax> syntax = matchConstraintPart(text);
  if (!syntax) return Error{"improper constraint: " + std::string(text)};
  const ConstraintVersionSyntax& version = syntax->version;
  Part part;
  part.op = std::string(syntax->op);
  std::string bound(version.whole);
  const std::string_view minorDigits = version.minor.empty() ? "" : version.minor.substr(1);
  const std::string_view patchDigits = version.patch.empty() ? "" : version.patch.substr(1);
  // Wildcards and missing parts become zeros: the bound's prerelease stays.
  const auto zeroFilled = [&](std::string_view kept, std::string_view zeros) {
    return std::string(kept).append(zeros).append(version.prerelease);
  };
  if (isWildcard(version.major)) {
    bound = zeroFilled("", "0.0.0");
    part.dirty = true;
  } else if (version.minor.empty() || isWildcard(minorDigits)) {
    bound = zeroFilled(version.major, ".0.0");
    part.dirty = part.minorDirty = true;
  } else if (version.patch.empty() || isWildcard(patchDigits)) {
    bound = zeroFilled(std::string(version.major).append(version.minor), ".0");
    part.dirty = part.patchDirty = true;
  }
  auto parsed = parseSemVersion(bound);
  if (!parsed) return Error{"constraint Parser Error"};
  part.bound = std::move(parsed.value());
  return part;
}

// "A - B" becomes ">= A, <= B".
std::string rewriteHyphenRanges(std::string_view text) {
  std::string out(text);
  std::vector<std::pair<std::string, std::string>> replacements;
  for (std::size_t position = 0; position <= text.size();) {
    const std::optional<HyphenRangeSyntax> range = findHyphenRange(text, position);
    if (!range) break;
    replacements.emplace_back(std::string(range->whole), ">= " + std::string(range->low) + ", <= " +
                                                            std::string(range->high) + " ");
    position = static_cast<std::size_t>(range->whole.data() - text.data()) + range->whole.size();
  }
  for (const auto& [from, to] : replacements) {
    const auto at = out.find(from);
    if (at != std::string::npos) out.replace(at, from.size(), to);
  }
  return out;
}

}  // namespace

std::string SemVersion::toString() const {
  std::string out = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  if (!prerelease.empty()) out += "-" + prerelease;
  if (!metadata.empty()) out += "+" + metadata;
  return out;
}

Result<SemVersion> parseSemVersion(std::string_view text) {
  const std::optional<VersionSyntax> syntax = matchVersionSyntax(text);
  if (!syntax) return Error{"Invalid Semantic Version"};
  SemVersion v;
  v.original = std::string(text);
  v.prerelease = std::string(syntax->prerelease);
  v.metadata = std::string(syntax->metadata);
  for (auto [digits, target] : {std::pair{syntax->major, &v.major}, std::pair{syntax->minor, &v.minor},
                                std::pair{syntax->patch, &v.patch}}) {
    if (digits.empty()) continue;
    auto n = parseSegment(digits);
    if (!n) return n.error();
    *target = *n;
  }
  if (!v.prerelease.empty()) {
    if (auto e = validatePrerelease(v.prerelease)) return *e;
  }
  if (!v.metadata.empty()) {
    if (auto e = validateMetadata(v.metadata)) return *e;
  }
  return v;
}

int compareSemVersions(const SemVersion& a, const SemVersion& b) {
  for (auto [x, y] : {std::pair{a.major, b.major}, std::pair{a.minor, b.minor}, std::pair{a.patch, b.patch}}) {
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.prerelease.empty() && b.prerelease.empty()) return 0;
  if (a.prerelease.empty()) return 1;
  if (b.prerelease.empty()) return -1;
  return comparePrerelease(a.prerelease, b.prerelease);
}

Result<SemverConstraints> SemverConstraints::parse(std::string_view text) {
  const std::string rewritten = rewriteHyphenRanges(text);
  SemverConstraints constraints;
  for (std::string_view alternative : splitOn(rewritten, "||")) {
    if (!isConstraintList(alternative)) {
      return Error{"improper constraint: " + std::string(alternative)};
    }
    std::vector<Part> parts;
    for (std::string_view piece : findConstraintParts(alternative)) {
      auto part = parsePart(piece);
      if (!part) return part.error();
      parts.push_back(std::move(part.value()));
    }
    constraints.alternatives_.push_back(std::move(parts));
  }
  return constraints;
}

bool SemverConstraints::check(const SemVersion& version) const {
  for (const auto& parts : alternatives_) {
    bool all = true;
    for (const Part& part : parts) {
      if (!checkPart(version, part)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

}  // namespace ho::tmpl
