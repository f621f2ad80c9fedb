// Parsing request bodies as JSON with Go's nesting limit.
#include "kube/server/bounded_json.h"

namespace ho::kube {
namespace {

// Whether brackets outside strings nest deeper than the limit (the scan stops
// at the first level past it).
bool nestedTooDeeply(std::string_view text) {
  int depth = 0;
  bool inString = false;
  bool escaped = false;
  for (const char c : text) {
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        inString = false;
      }
    } else if (c == '"') {
      inString = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonNestingDepth) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

}  // namespace

nlohmann::json parseBoundedJson(std::string_view text) {
  if (nestedTooDeeply(text)) return nlohmann::json(nlohmann::json::value_t::discarded);
  return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace ho::kube
