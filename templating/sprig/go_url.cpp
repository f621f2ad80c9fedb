// A net/url-compatible parser and printer.
#include "templating/sprig/go_url.h"

#include <cctype>

#include "templating/go_format.h"

namespace ho::tmpl {

namespace {

enum class Part { Path, Host, UserPassword, QueryComponent, Fragment };

bool unreservedOrAlnum(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

// url.shouldEscape.
bool shouldEscape(unsigned char c, Part part) {
  if (unreservedOrAlnum(c)) return false;
  if (part == Part::Host) {
    return std::string_view("!$&'()*+,;=:[]<>\"").find(static_cast<char>(c)) == std::string_view::npos;
  }
  if (std::string_view("$&+,/:;=?@").find(static_cast<char>(c)) != std::string_view::npos) {
    switch (part) {
      case Part::Path: return c == '?';
      case Part::UserPassword: return c == '@' || c == '/' || c == '?' || c == ':';
      case Part::QueryComponent: return true;
      default: return false;
    }
  }
  if (part == Part::Fragment && std::string_view("!()*").find(static_cast<char>(c)) != std::string_view::npos) {
    return false;
  }
  return true;
}

std::string escape(std::string_view s, Part part) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (!shouldEscape(c, part)) {
      out += ch;
    } else if (c == ' ' && part == Part::QueryComponent) {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// url.unescape; errors are the message after `parse "...": `.
Result<std::string> unescape(std::string_view s, Part part) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || hexValue(s[i + 1]) < 0 || hexValue(s[i + 2]) < 0) {
        return Error{"invalid URL escape " + quoteGo(s.substr(i, 3))};
      }
      out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
      i += 2;
      continue;
    }
    if (part == Part::Host && static_cast<unsigned char>(c) < 0x80 && shouldEscape(static_cast<unsigned char>(c), part)) {
      return Error{"invalid character " + quoteGo(std::string(1, c)) + " in host name"};
    }
    out += c;
  }
  return out;
}

bool validPort(std::string_view colonPort) {
  if (colonPort.empty()) return true;
  if (colonPort[0] != ':') return false;
  for (char c : colonPort.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Result<std::string> parseHost(std::string_view host) {
  if (!host.empty() && host[0] == '[') {
    const auto close = host.rfind(']');
    if (close == std::string_view::npos) return Error{"missing ']' in host"};
    const std::string_view colonPort = host.substr(close + 1);
    if (!validPort(colonPort)) return Error{"invalid port " + quoteGo(colonPort) + " after host"};
    return std::string(host);
  }
  const auto colon = host.rfind(':');
  if (colon != std::string_view::npos && !validPort(host.substr(colon))) {
    return Error{"invalid port " + quoteGo(host.substr(colon)) + " after host"};
  }
  return unescape(host, Part::Host);
}

bool validUserinfo(std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (!unreservedOrAlnum(c) && std::string_view(":!$&'()*+,;=%@").find(ch) == std::string_view::npos) return false;
  }
  return true;
}

Result<void> parseAuthority(std::string_view authority, GoUrl& url) {
  const auto at = authority.rfind('@');
  auto host = parseHost(at == std::string_view::npos ? authority : authority.substr(at + 1));
  if (!host) return host.error();
  url.host = *host;
  if (at == std::string_view::npos) return {};
  const std::string_view userinfo = authority.substr(0, at);
  if (!validUserinfo(userinfo)) return Error{"net/url: invalid userinfo"};
  GoUserinfo user;
  const auto colon = userinfo.find(':');
  auto name = unescape(userinfo.substr(0, colon), Part::UserPassword);
  if (!name) return name.error();
  user.username = *name;
  if (colon != std::string_view::npos) {
    auto password = unescape(userinfo.substr(colon + 1), Part::UserPassword);
    if (!password) return password.error();
    user.password = *password;
  }
  url.user = user;
  return {};
}

// Splits a leading scheme off (url.getScheme); an error text when it is malformed.
Result<std::pair<std::string, std::string_view>> splitScheme(std::string_view raw) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (std::isalpha(c)) continue;
    if (std::isdigit(c) || c == '+' || c == '-' || c == '.') {
      if (i == 0) return std::pair{std::string(), raw};
      continue;
    }
    if (c == ':') {
      if (i == 0) return Error{"missing protocol scheme"};
      std::string scheme(raw.substr(0, i));
      for (char& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      return std::pair{scheme, raw.substr(i + 1)};
    }
    return std::pair{std::string(), raw};
  }
  return std::pair{std::string(), raw};
}

Result<GoUrl> parseWithoutFragment(std::string_view raw) {
  GoUrl url;
  for (char c : raw) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return Error{"net/url: invalid control character in URL"};
  }
  if (raw.empty()) return url;
  if (raw == "*") {
    url.path = "*";
    return url;
  }
  auto scheme = splitScheme(raw);
  if (!scheme) return scheme.error();
  url.scheme = scheme->first;
  std::string_view rest = scheme->second;
  if (rest.ends_with("?") && rest.find('?') == rest.size() - 1) {
    url.forceQuery = true;
    rest.remove_suffix(1);
  } else if (const auto q = rest.find('?'); q != std::string_view::npos) {
    url.rawQuery = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  if (!rest.starts_with("/")) {
    if (!url.scheme.empty()) {
      url.opaque = std::string(rest);
      return url;
    }
    const auto colon = rest.find(':');
    if (colon != std::string_view::npos && colon < rest.find('/')) {
      return Error{"first path segment in URL cannot contain colon"};
    }
  }
  if ((!url.scheme.empty() || !rest.starts_with("///")) && rest.starts_with("//")) {
    std::string_view authority = rest.substr(2);
    const auto slash = authority.find('/');
    rest = slash == std::string_view::npos ? std::string_view() : authority.substr(slash);
    if (slash != std::string_view::npos) authority = authority.substr(0, slash);
    if (auto ok = parseAuthority(authority, url); !ok) return ok.error();
  }
  auto path = unescape(rest, Part::Path);
  if (!path) return path.error();
  url.path = *path;
  return url;
}

}  // namespace

std::string GoUserinfo::toString() const {
  std::string out = escape(username, Part::UserPassword);
  if (password) out += ":" + escape(*password, Part::UserPassword);
  return out;
}

std::string GoUrl::hostname() const {
  std::string_view h = host;
  if (h.starts_with("[")) {
    const auto close = h.find(']');
    return std::string(h.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  }
  const auto colon = h.rfind(':');
  if (colon != std::string_view::npos && validPort(h.substr(colon))) h = h.substr(0, colon);
  return std::string(h);
}

std::string GoUrl::toString() const {
  std::string out;
  if (!scheme.empty()) out += scheme + ":";
  if (!opaque.empty()) {
    out += opaque;
  } else {
    if (!scheme.empty() || !host.empty() || user) {
      if (!host.empty() || !path.empty() || user) out += "//";
      if (user) out += user->toString() + "@";
      if (!host.empty()) out += escape(host, Part::Host);
    }
    const std::string escapedPath = escape(path, Part::Path);
    if (!escapedPath.empty() && escapedPath[0] != '/' && !host.empty()) out += '/';
    if (out.empty()) {
      // A relative path whose first segment has a colon would read as a scheme.
      const auto colon = escapedPath.find(':');
      if (colon != std::string::npos && colon < escapedPath.find('/')) out += "./";
    }
    out += escapedPath;
  }
  if (forceQuery || !rawQuery.empty()) out += "?" + rawQuery;
  if (!fragment.empty()) out += "#" + escape(fragment, Part::Fragment);
  return out;
}

Result<GoUrl> parseGoUrl(std::string_view raw) {
  const auto hash = raw.find('#');
  auto url = parseWithoutFragment(raw.substr(0, hash));
  if (url && hash != std::string_view::npos) {
    auto fragment = unescape(raw.substr(hash + 1), Part::Fragment);
    if (!fragment) return Error{"parse " + quoteGo(raw) + ": " + fragment.error().message};
    url->fragment = *fragment;
  }
  if (!url) return Error{"parse " + quoteGo(raw) + ": " + url.error().message};
  return url;
}

}  // namespace ho::tmpl
