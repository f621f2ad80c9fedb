// Go's lexical slash-path functions (path.Clean's rules: collapse "//",
// drop ".", resolve ".." against earlier elements, "" becomes ".").
#include "templating/sprig/paths.h"

#include "templating/sprig/spec_builders.h"

namespace ho::tmpl {

namespace {

using namespace sprig;  // NOLINT(google-build-using-namespace)

std::string cleanPath(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path[0] == '/';
  const std::size_t n = path.size();
  std::string out;
  std::size_t r = 0;
  std::size_t dotdot = 0;  // where ".." may no longer backtrack
  if (rooted) {
    out.push_back('/');
    r = dotdot = 1;
  }
  while (r < n) {
    bool elementEnds1 = r + 1 == n || path[r + 1] == '/';
    if (path[r] == '/') {
      ++r;
    } else if (path[r] == '.' && elementEnds1) {
      ++r;
    } else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/')) {
      r += 2;
      if (out.size() > dotdot) {
        out.pop_back();
        while (out.size() > dotdot && out.back() != '/') out.pop_back();
        if (out.size() > dotdot && out.back() == '/') out.pop_back();
      } else if (!rooted) {
        if (!out.empty()) out.push_back('/');
        out += "..";
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) out.push_back('/');
      for (; r < n && path[r] != '/'; ++r) out.push_back(path[r]);
    }
  }
  return out.empty() ? "." : out;
}

std::string basePath(std::string_view path) {
  if (path.empty()) return ".";
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::size_t slash = path.rfind('/');
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  return path.empty() ? "/" : std::string(path);
}

std::string dirPath(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return cleanPath(slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1));
}

std::string extPath(std::string_view path) {
  for (std::size_t i = path.size(); i > 0 && path[i - 1] != '/'; --i) {
    if (path[i - 1] == '.') return std::string(path.substr(i - 1));
  }
  return "";
}

void addPathFunctions(FunctionTable& table, const std::string& prefix, bool osStyle) {
  auto name = [&](const char* plain, const char* os) { return osStyle ? prefix + os : std::string(plain); };
  table.add(name("base", "Base"), fixed({kString}, [](Args a) { return goString(basePath(a[0].asString())); }));
  table.add(name("dir", "Dir"), fixed({kString}, [](Args a) { return goString(dirPath(a[0].asString())); }));
  table.add(name("ext", "Ext"), fixed({kString}, [](Args a) { return goString(extPath(a[0].asString())); }));
  table.add(name("clean", "Clean"), fixed({kString}, [](Args a) { return goString(cleanPath(a[0].asString())); }));
  table.add(name("isAbs", "IsAbs"), fixed({kString}, [](Args a) { return goBool(a[0].asString().starts_with('/')); }));
}

}  // namespace

void registerPathFunctions(FunctionTable& table) {
  addPathFunctions(table, "", false);
  addPathFunctions(table, "os", true);
}

}  // namespace ho::tmpl
