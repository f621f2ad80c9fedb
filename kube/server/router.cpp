// URL routing for the resource API.
#include "kube/server/router.h"

#include <vector>

namespace ho::kube {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<std::string> splitPath(std::string_view path) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) segments.push_back(urlDecode(path.substr(start, end - start)));
    start = end + 1;
  }
  return segments;
}

}  // namespace

std::string urlDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 && hexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

RequestTarget splitTarget(std::string_view target) {
  RequestTarget result;
  const size_t question = target.find('?');
  result.path = std::string(target.substr(0, question));
  if (question == std::string_view::npos) return result;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const size_t eq = pair.find('=');
    if (!pair.empty()) {
      const std::string key = urlDecode(pair.substr(0, eq));
      result.query[key] = eq == std::string_view::npos ? "" : urlDecode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return result;
}

std::optional<ApiPath> parseApiPath(std::string_view path) {
  std::vector<std::string> segments = splitPath(path);
  ApiPath api;
  size_t next = 0;
  if (segments.size() >= 2 && segments[0] == "api") {
    api.version = segments[1];
    next = 2;
  } else if (segments.size() >= 3 && segments[0] == "apis") {
    api.group = segments[1];
    api.version = segments[2];
    next = 3;
  } else {
    return std::nullopt;
  }
  if (next < segments.size() && segments[next] == "watch") {
    api.legacyWatch = true;
    ++next;
  }
  std::vector<std::string> rest(segments.begin() + static_cast<long>(next), segments.end());
  if (rest.empty()) return std::nullopt;
  // namespaces/NS/RESOURCE[...] addresses a namespaced resource; namespaces/NS
  // and namespaces/NS/{status,finalize} address the Namespace object itself.
  const bool namespaceSubresource =
      rest.size() == 3 && (rest[2] == "status" || rest[2] == "finalize");
  if (rest[0] == "namespaces" && rest.size() >= 3 && !namespaceSubresource) {
    api.namespaceName = rest[1];
    rest.erase(rest.begin(), rest.begin() + 2);
  }
  if (rest.size() > 3) return std::nullopt;
  api.resource = rest[0];
  if (rest.size() >= 2) api.name = rest[1];
  if (rest.size() == 3) api.subresource = rest[2];
  return api;
}

}  // namespace ho::kube
