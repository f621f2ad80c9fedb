// Masterminds/semver v3.3 versions and constraint checks (the parts Helm uses).
#include "chart/version_constraint.h"

#include <re2/re2.h>

#include <charconv>
#include <optional>
#include <string>
#include <vector>

namespace ho::chart {
namespace {

constexpr const char* kVersionPattern =
    R"(v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)";
constexpr const char* kConstraintVersionPattern =
    R"(v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?)";
constexpr const char* kOperators = R"(=||!=|>|<|>=|=>|<=|=<|~|~>|\^)";

bool allDigits(std::string_view s) { return s.find_first_not_of("0123456789") == std::string_view::npos; }

bool validIdentifiers(std::string_view text, bool checkLeadingZero) {
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    std::string_view part = text.substr(start, dot == std::string_view::npos ? text.npos : dot - start);
    if (allDigits(part)) {
      if (checkLeadingZero && part.size() > 1 && part[0] == '0') return false;
    } else if (part.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789") !=
               std::string_view::npos) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

std::optional<std::uint64_t> parseSegment(std::string_view digits) {
  if (!digits.empty() && digits[0] == '.') digits.remove_prefix(1);
  if (digits.empty()) return 0;
  std::uint64_t n = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
  return n;
}

Result<SemVersion> parseVersionText(std::string_view text) {
  static const RE2 pattern(std::string("^") + kVersionPattern + "$");
  std::string m1, m2, m3, m5, m8;
  if (!RE2::FullMatch(text, pattern, &m1, &m2, &m3, nullptr, &m5, nullptr, nullptr, &m8)) {
    return Error{"Invalid Semantic Version"};
  }
  auto major = parseSegment(m1), minor = parseSegment(m2), patch = parseSegment(m3);
  if (!major || !minor || !patch) return Error{"Error parsing version segment: value out of range"};
  if (!m5.empty() && !validIdentifiers(m5, true)) {
    return Error{validIdentifiers(m5, false) ? "Version segment starts with 0" : "Invalid Prerelease string"};
  }
  if (!m8.empty() && !validIdentifiers(m8, false)) return Error{"Invalid Metadata string"};
  return SemVersion{*major, *minor, *patch, m5, m8};
}

using Version = SemVersion;

std::optional<Version> parseVersion(std::string_view text) {
  auto parsed = parseVersionText(text);
  if (!parsed) return std::nullopt;
  return *parsed;
}

int comparePrereleasePart(const std::string& s, const std::string& o) {
  if (s == o) return 0;
  if (s.empty()) return o.empty() ? 1 : -1;
  if (o.empty()) return 1;
  bool sNumeric = allDigits(s), oNumeric = allDigits(o);
  if (!sNumeric && !oNumeric) return s > o ? 1 : -1;
  if (!oNumeric) return -1;
  if (!sNumeric) return 1;
  return *parseSegment(s) > *parseSegment(o) ? 1 : -1;
}

std::vector<std::string> splitDots(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = s.find('.', start);
    parts.push_back(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

int comparePrerelease(const std::string& a, const std::string& b) {
  auto as = splitDots(a), bs = splitDots(b);
  for (std::size_t i = 0; i < std::max(as.size(), bs.size()); ++i) {
    int d = comparePrereleasePart(i < as.size() ? as[i] : "", i < bs.size() ? bs[i] : "");
    if (d != 0) return d;
  }
  return 0;
}

int compare(const Version& a, const Version& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  if (a.prerelease.empty() && b.prerelease.empty()) return 0;
  if (a.prerelease.empty()) return 1;
  if (b.prerelease.empty()) return -1;
  return comparePrerelease(a.prerelease, b.prerelease);
}

struct Constraint {
  Version version;
  std::string op;
  bool dirty = false, minorDirty = false, patchDirty = false;
};

bool isWildcard(std::string_view s) { return s == "x" || s == "X" || s == "*"; }

std::optional<Constraint> parseConstraint(const std::string& text) {
  static const RE2 pattern(std::string(R"(^\s*()") + kOperators + R"()\s*()" + kConstraintVersionPattern + R"()\s*$)");
  std::string op, whole, m3, m4, m5, m6;  // m6: the prerelease with its dash
  if (!RE2::FullMatch(text, pattern, &op, &whole, &m3, &m4, &m5, &m6)) return std::nullopt;
  Constraint c;
  c.op = op;
  std::string canonical = whole;
  auto trimDot = [](const std::string& s) { return s.empty() ? s : s.substr(1); };
  if (isWildcard(m3) || m3.empty()) {
    canonical = "0.0.0" + m6;
    c.dirty = true;
  } else if (isWildcard(trimDot(m4)) || m4.empty()) {
    canonical = m3 + ".0.0" + m6;
    c.dirty = c.minorDirty = true;
  } else if (isWildcard(trimDot(m5)) || m5.empty()) {
    canonical = m3 + m4 + ".0" + m6;
    c.dirty = c.patchDirty = true;
  }
  auto version = parseVersion(canonical);
  if (!version) return std::nullopt;
  c.version = *version;
  return c;
}

bool checkTilde(const Version& v, const Constraint& c) {
  if (!v.prerelease.empty() && c.version.prerelease.empty()) return false;
  if (compare(v, c.version) < 0) return false;
  const Version& k = c.version;
  if (k.major == 0 && k.minor == 0 && k.patch == 0 && !c.minorDirty && !c.patchDirty) return true;
  if (v.major != k.major) return false;
  return v.minor == k.minor || c.minorDirty;
}

bool checkNotEqual(const Version& v, const Constraint& c) {
  const Version& k = c.version;
  if (c.dirty) {
    if (!v.prerelease.empty() && k.prerelease.empty()) return false;
    if (k.major != v.major) return true;
    if (k.minor != v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (k.patch != v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (!v.prerelease.empty() || !k.prerelease.empty()) return comparePrerelease(v.prerelease, k.prerelease) != 0;
      return false;
    }
  }
  return compare(v, k) != 0;
}

bool checkCaret(const Version& v, const Constraint& c) {
  const Version& k = c.version;
  if (compare(v, k) < 0) return false;
  if (k.major > 0 || c.minorDirty) return v.major == k.major;
  if (v.major > 0) return false;
  if (k.minor > 0 || c.patchDirty) return v.minor == k.minor;
  if (v.minor > 0) return false;
  return v.patch == k.patch;
}

bool check(const Version& v, const Constraint& c) {
  const Version& k = c.version;
  if (c.op == "!=") return checkNotEqual(v, c);
  if (!v.prerelease.empty() && k.prerelease.empty()) return false;
  if (c.op.empty() || c.op == "=") return c.dirty ? checkTilde(v, c) : compare(v, k) == 0;
  if (c.op == "~" || c.op == "~>") return checkTilde(v, c);
  if (c.op == "^") return checkCaret(v, c);
  if (c.op == "<") return compare(v, k) < 0;
  if (c.op == ">=" || c.op == "=>") return compare(v, k) >= 0;
  if (c.op == ">") {
    if (!c.dirty) return compare(v, k) > 0;
    if (v.major != k.major) return v.major > k.major;
    if (c.minorDirty) return false;
    if (c.patchDirty) return v.minor > k.minor;
    return compare(v, k) > 0;
  }
  // "<=" and "=<"
  if (!c.dirty) return compare(v, k) <= 0;
  if (v.major > k.major) return false;
  return !(v.major == k.major && v.minor > k.minor && !c.minorDirty);
}

// "1.2 - 1.4" becomes ">= 1.2, <= 1.4 " (each matched range text replaced once).
std::string rewriteHyphenRanges(const std::string& text) {
  static const RE2 range(std::string(R"(\s*()") + kConstraintVersionPattern + R"()\s+-\s+()" +
                         kConstraintVersionPattern + R"()\s*)");
  constexpr int kGroups = 12;  // the whole match, the low version and its 9 groups, the high version
  re2::StringPiece groups[kGroups];
  std::vector<std::pair<std::string, std::string>> replacements;
  std::size_t pos = 0;
  while (pos < text.size() && range.Match(text, pos, text.size(), RE2::UNANCHORED, groups, kGroups)) {
    replacements.emplace_back(std::string(groups[0]),
                              ">= " + std::string(groups[1]) + ", <= " + std::string(groups[11]) + " ");
    pos = static_cast<std::size_t>(groups[0].data() - text.data()) + groups[0].size();
  }
  std::string out = text;
  for (const auto& [from, to] : replacements) {
    if (auto at = out.find(from); at != std::string::npos) out.replace(at, from.size(), to);
  }
  return out;
}

std::optional<std::vector<std::vector<Constraint>>> parseConstraints(std::string_view text) {
  static const RE2 valid(std::string(R"(^(\s*()") + kOperators + R"()\s*()" + kConstraintVersionPattern +
                         R"()\s*)((?:\s+|,\s*)()" + kOperators + R"()\s*()" + kConstraintVersionPattern + R"()\s*)*$)");
  static const RE2 find(std::string("((") + kOperators + R"()\s*()" + kConstraintVersionPattern + "))");
  std::string rewritten = rewriteHyphenRanges(std::string(text));
  std::vector<std::vector<Constraint>> groups;
  std::size_t start = 0;
  while (true) {
    std::size_t bar = rewritten.find("||", start);
    std::string group = rewritten.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    if (!RE2::FullMatch(group, valid)) return std::nullopt;
    std::vector<Constraint> all;
    re2::StringPiece input(group);
    std::string one;
    while (RE2::FindAndConsume(&input, find, &one)) {
      auto c = parseConstraint(one);
      if (!c) return std::nullopt;
      all.push_back(*c);
    }
    groups.push_back(std::move(all));
    if (bar == std::string::npos) return groups;
    start = bar + 2;
  }
}

}  // namespace

std::string SemVersion::toString() const {
  std::string out = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  if (!prerelease.empty()) out += "-" + prerelease;
  if (!metadata.empty()) out += "+" + metadata;
  return out;
}

Result<SemVersion> parseSemver(std::string_view version) { return parseVersionText(version); }

bool isValidSemver(std::string_view version) { return parseVersion(version).has_value(); }

bool isCompatibleRange(std::string_view constraint, std::string_view version) {
  auto v = parseVersion(version);
  if (!v) return false;
  auto groups = parseConstraints(constraint);
  if (!groups) return false;
  for (const auto& group : *groups) {
    bool all = true;
    for (const auto& c : group) all = all && check(*v, c);
    if (all) return true;
  }
  return false;
}

}  // namespace ho::chart
