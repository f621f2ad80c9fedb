// metadataJson, maintainerJson, dependencyJson: chart.Metadata and its parts
// as encoding/json marshals them.
#include "chart/chart.h"
#include "chart/string_values.h"

namespace ho::chart {
namespace {

void putString(Map& out, const char* key, const std::string& value) {
  if (!value.empty()) out.emplace(key, Value::string(value));
}

void putStrings(Map& out, const char* key, const std::vector<std::string>& values) {
  if (!values.empty()) out.emplace(key, stringListValue(values));
}

}  // namespace

Value maintainerJson(const Maintainer& maintainer) {
  Map out;
  putString(out, "name", maintainer.name);
  putString(out, "email", maintainer.email);
  putString(out, "url", maintainer.url);
  return Value::map(std::move(out));
}

Value dependencyJson(const Dependency& dependency) {
  Map out;
  out.emplace("name", Value::string(dependency.name));              // not omitempty in Helm
  out.emplace("repository", Value::string(dependency.repository));  // not omitempty in Helm
  putString(out, "version", dependency.version);
  putString(out, "condition", dependency.condition);
  putStrings(out, "tags", dependency.tags);
  if (dependency.enabled) out.emplace("enabled", Value::boolean(true));
  if (dependency.importValues.isList() && !dependency.importValues.asList().empty()) {
    out.emplace("import-values", dependency.importValues);
  }
  putString(out, "alias", dependency.alias);
  return Value::map(std::move(out));
}

Value metadataJson(const Metadata& md) {
  Map out;
  putString(out, "name", md.name);
  putString(out, "home", md.home);
  putStrings(out, "sources", md.sources);
  putString(out, "version", md.version);
  putString(out, "description", md.description);
  putStrings(out, "keywords", md.keywords);
  if (!md.maintainers.empty()) {
    List list;
    for (const auto& m : md.maintainers) list.push_back(maintainerJson(m));
    out.emplace("maintainers", Value::list(std::move(list)));
  }
  putString(out, "icon", md.icon);
  putString(out, "apiVersion", md.apiVersion);
  putString(out, "condition", md.condition);
  putString(out, "tags", md.tags);
  putString(out, "appVersion", md.appVersion);
  if (md.deprecated) out.emplace("deprecated", Value::boolean(true));
  if (!md.annotations.empty()) out.emplace("annotations", stringMapValue(md.annotations));
  putString(out, "kubeVersion", md.kubeVersion);
  if (!md.dependencies.empty()) {
    List list;
    for (const auto& d : md.dependencies) list.push_back(dependencyJson(*d));
    out.emplace("dependencies", Value::list(std::move(list)));
  }
  putString(out, "type", md.type);
  return Value::map(std::move(out));
}

}  // namespace ho::chart
