// Go's regexp package on top of RE2: Go's syntax (including (?<name>...)),
// Go's compile error texts, and Go's iteration rules for FindAll, ReplaceAll
// (with $1 / ${name} expansion) and Split, which differ from RE2's own.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace re2 {
class RE2;
}

namespace ho::tmpl {

class GoRegexp {
 public:
  // regexp.Compile: the compiled regexp or Go's error text
  // ("error parsing regexp: missing closing ): `(`").
  static std::variant<GoRegexp, std::string> compile(std::string_view expr);
  // regexp.MustCompile: throws ho::Failure with Go's panic text
  // ("regexp: Compile(`(`): error parsing regexp: ...").
  static GoRegexp mustCompile(std::string_view expr);

  bool matchString(std::string_view s) const;
  // FindString: the leftmost match, or "" when none.
  std::string findString(std::string_view s) const;
  // FindAllString(s, n): n < 0 means all matches.
  std::vector<std::string> findAllString(std::string_view s, long long n) const;
  // ReplaceAllString (template expansion) or ReplaceAllLiteralString.
  std::string replaceAllString(std::string_view s, std::string_view replacement, bool literal) const;
  // Split(s, n).
  std::vector<std::string> split(std::string_view s, long long n) const;

 private:
  struct Span {
    std::size_t begin;
    std::size_t end;
  };
  GoRegexp(std::shared_ptr<const re2::RE2> re, std::string expr);
  static std::variant<GoRegexp, std::string> compileUncached(std::string_view expr);
  // The match at or after `pos` (group 0 then each group; npos begin when a group did not take part).
  std::vector<Span> execute(std::string_view s, std::size_t pos, int groups) const;
  std::vector<Span> findAllIndexes(std::string_view s, long long n) const;
  void expand(std::string& out, std::string_view tmpl, std::string_view s, const std::vector<Span>& match) const;

  std::shared_ptr<const re2::RE2> re_;
  std::string expr_;
  std::vector<std::string> groupNames_;  // index -> name ("" when unnamed)
};

// regexp.QuoteMeta.
std::string goQuoteMeta(std::string_view s);

}  // namespace ho::tmpl
