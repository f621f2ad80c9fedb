// Go's net/url for the parts Sprig uses: url.Parse (scheme, opaque,
// userinfo, host, unescaped path, raw query, unescaped fragment) and
// URL.String (re-escaping each part as Go does).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ho::tmpl {

struct GoUserinfo {
  std::string username;
  std::optional<std::string> password;
  std::string toString() const;  // escaped "user:pass"
};

struct GoUrl {
  std::string scheme, opaque, host, path, rawQuery, fragment;
  std::optional<GoUserinfo> user;
  bool forceQuery = false;

  std::string hostname() const;  // host without port or IPv6 brackets
  std::string toString() const;
};

// url.Parse; errors read like Go's url.Error: parse "x": missing protocol scheme.
Result<GoUrl> parseGoUrl(std::string_view raw);

}  // namespace ho::tmpl
