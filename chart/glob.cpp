// Glob matching: gobwas/glob (for .Files.Glob) and Go's filepath.Match.
#include "chart/glob.h"

#include <string>
#include <vector>

namespace ho::chart {
namespace {

// Length of the UTF-8 sequence starting at s[i] (1 for invalid bytes, like Go's decoder).
std::size_t runeLength(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  return i + n <= s.size() ? n : 1;
}

// Decodes the rune at s[i] (its code point; invalid bytes decode to themselves).
char32_t runeAt(std::string_view s, std::size_t i) {
  std::size_t n = runeLength(s, i);
  auto c = static_cast<unsigned char>(s[i]);
  if (n == 1) return c;
  char32_t r = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) r = (r << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return r;
}

// ---- gobwas/glob ----------------------------------------------------------

struct GlobMatcher {
  std::string_view pattern;
  bool valid = true;

  // Finds the end of a {...} group starting at p (index of '{'); npos when unclosed.
  std::size_t groupEnd(std::size_t p) const {
    int depth = 0;
    for (std::size_t i = p; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == '\\') {
        ++i;
        continue;
      }
      if (c == '[') {
        i = classEnd(i);
        if (i == std::string_view::npos) return i;
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) return i;
    }
    return std::string_view::npos;
  }

  std::size_t classEnd(std::size_t p) const {
    for (std::size_t i = p + 1; i < pattern.size(); ++i) {
      if (pattern[i] == '\\') {
        ++i;
        continue;
      }
      if (pattern[i] == ']') return i;
    }
    return std::string_view::npos;
  }

  // Whether rune r is accepted by the class pattern[p..end] ('[' at p, ']' at end).
  bool classMatches(std::size_t p, std::size_t end, char32_t r) const {
    std::size_t i = p + 1;
    bool negate = i < end && pattern[i] == '!';
    if (negate) ++i;
    bool found = false;
    while (i < end) {
      if (pattern[i] == '\\' && i + 1 < end) ++i;
      char32_t lo = runeAt(pattern, i);
      i += runeLength(pattern, i);
      char32_t hi = lo;
      if (i + 1 < end && pattern[i] == '-') {
        ++i;
        if (pattern[i] == '\\' && i + 1 < end) ++i;
        hi = runeAt(pattern, i);
        i += runeLength(pattern, i);
      }
      if (lo <= r && r <= hi) found = true;
    }
    return found != negate;
  }

  // Splits the alternatives of the group pattern[open+1..close) at top-level commas.
  std::vector<std::string> alternatives(std::size_t open, std::size_t close) const {
    std::vector<std::string> alts;
    std::string current;
    int depth = 0;
    for (std::size_t i = open + 1; i < close; ++i) {
      char c = pattern[i];
      if (c == '\\' && i + 1 < close) {
        current += c;
        current += pattern[++i];
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}') --depth;
      if (c == ',' && depth == 0) {
        alts.push_back(current);
        current.clear();
        continue;
      }
      current += c;
    }
    alts.push_back(current);
    return alts;
  }

  bool match(std::size_t p, std::string_view name, std::size_t n) {
    while (p < pattern.size()) {
      char c = pattern[p];
      if (c == '*') {
        bool any = p + 1 < pattern.size() && pattern[p + 1] == '*';
        std::size_t next = p + (any ? 2 : 1);
        for (std::size_t k = n;; k += runeLength(name, k)) {
          if (match(next, name, k)) return true;
          if (k >= name.size() || (!any && name[k] == '/')) return false;
        }
      }
      if (c == '{') {
        std::size_t close = groupEnd(p);
        if (close == std::string_view::npos) {
          valid = false;
          return false;
        }
        std::string rest(pattern.substr(close + 1));
        for (const std::string& alt : alternatives(p, close)) {
          std::string combined = alt + rest;
          GlobMatcher sub{combined};
          if (sub.match(0, name, n)) return true;
          if (!sub.valid) {
            valid = false;
            return false;
          }
        }
        return false;
      }
      if (n >= name.size()) return false;
      if (c == '?') {
        if (name[n] == '/') return false;
        n += runeLength(name, n);
        ++p;
        continue;
      }
      if (c == '[') {
        std::size_t end = classEnd(p);
        if (end == std::string_view::npos) {
          valid = false;
          return false;
        }
        if (!classMatches(p, end, runeAt(name, n))) return false;
        n += runeLength(name, n);
        p = end + 1;
        continue;
      }
      if (c == '\\' && p + 1 < pattern.size()) ++p;
      if (pattern[p] != name[n]) return false;
      ++p;
      ++n;
    }
    return n == name.size();
  }
};

// ---- Go's path/filepath.Match -----------------------------------------------

struct PathMatcher {
  std::string_view pattern;
  bool bad = false;

  // Matches one character class at pattern[p] ('[' already consumed at p-1); returns the
  // index after ']' and sets `ok`, or npos with bad=true.
  std::size_t matchClass(std::size_t p, char32_t r, bool& ok) {
    bool negate = p < pattern.size() && pattern[p] == '^';
    if (negate) ++p;
    bool matched = false;
    int ranges = 0;
    while (true) {
      if (p < pattern.size() && pattern[p] == ']' && ranges > 0) {
        ++p;
        break;
      }
      char32_t lo, hi;
      if (!escapedRune(p, lo)) return fail();
      hi = lo;
      if (p < pattern.size() && pattern[p] == '-') {
        ++p;
        if (!escapedRune(p, hi)) return fail();
      }
      if (lo <= r && r <= hi) matched = true;
      ++ranges;
    }
    ok = matched != negate;
    return p;
  }

  bool escapedRune(std::size_t& p, char32_t& r) {
    if (p >= pattern.size() || pattern[p] == '-' || pattern[p] == ']') return false;
    if (pattern[p] == '\\') {
      ++p;
      if (p >= pattern.size()) return false;
    }
    r = runeAt(pattern, p);
    p += runeLength(pattern, p);
    return true;
  }

  std::size_t fail() {
    bad = true;
    return std::string_view::npos;
  }

  bool match(std::size_t p, std::string_view name, std::size_t n) {
    while (p < pattern.size()) {
      char c = pattern[p];
      if (c == '*') {
        while (p < pattern.size() && pattern[p] == '*') ++p;
        for (std::size_t k = n;; k += runeLength(name, k)) {
          if (match(p, name, k)) return true;
          if (bad || k >= name.size() || name[k] == '/') return false;
        }
      }
      if (c == '[') {
        if (n >= name.size()) return validateRest(p);
        bool ok = false;
        std::size_t after = matchClass(p + 1, runeAt(name, n), ok);
        if (bad) return false;
        if (!ok || name[n] == '/') return validateRest(after) && false;
        n += runeLength(name, n);
        p = after;
        continue;
      }
      if (c == '\\') {
        ++p;
        if (p >= pattern.size()) {
          bad = true;
          return false;
        }
      }
      if (n >= name.size()) return validateRest(p) && false;
      if (c == '?') {
        if (name[n] == '/') return validateRest(p + 1) && false;
        n += runeLength(name, n);
        ++p;
        continue;
      }
      if (pattern[p] != name[n]) return validateRest(p) && false;
      ++p;
      ++n;
    }
    return n == name.size();
  }

  // Go reports a malformed pattern even when the name stopped matching earlier.
  bool validateRest(std::size_t p) {
    while (p < pattern.size()) {
      char c = pattern[p];
      if (c == '\\') {
        if (p + 1 >= pattern.size()) {
          bad = true;
          return false;
        }
        p += 2;
      } else if (c == '[') {
        bool ok = false;
        p = matchClass(p + 1, 0, ok);
        if (bad) return false;
      } else {
        ++p;
      }
    }
    return true;
  }
};

}  // namespace

bool isValidGlob(std::string_view pattern) {
  int braces = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      if (++i >= pattern.size()) return false;
    } else if (c == '[') {
      std::size_t end = GlobMatcher{pattern}.classEnd(i);
      if (end == std::string_view::npos || end == i + 1) return false;
      i = end;
    } else if (c == '{') {
      ++braces;
    } else if (c == '}') {
      if (--braces < 0) return false;
    }
  }
  return braces == 0;
}

bool globMatch(std::string_view pattern, std::string_view name) {
  GlobMatcher matcher{pattern};
  return matcher.match(0, name, 0) && matcher.valid;
}

Result<bool> pathMatch(std::string_view pattern, std::string_view name) {
  PathMatcher matcher{pattern};
  bool matched = matcher.match(0, name, 0);
  if (!matcher.bad) matcher.validateRest(0);
  if (matcher.bad) return Error{"syntax error in pattern"};
  return matched;
}

}  // namespace ho::chart
