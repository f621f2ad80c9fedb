// Helm's dependency processing before rendering (chartutil dependencies.go):
// alias copies, tags and conditions dropping subcharts, import-values.
#include "chart/dependencies.h"

#include <set>

#include "chart/ascii_space.h"
#include "chart/values.h"
#include "chart/version_constraint.h"

namespace ho::chart {
namespace {

std::vector<std::string> splitOn(const std::string& s, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t at = s.find(separator, start);
    parts.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return parts;
    start = at + 1;
  }
}

void applyConditions(const Metadata& md, const Value& values, const std::string& path) {
  for (const auto& dep : md.dependencies) {
    for (const std::string& condition : splitOn(std::string(trimSpace(dep->condition)), ',')) {
      if (condition.empty()) continue;
      auto found = valuesPathValue(values, path + condition);
      if (!found) continue;  // Helm only warns for errors other than "no value"
      if (found->isBool()) {
        dep->enabled = found->asBool();
        break;
      }
      warn("dependencies.go:63",
           "Warning: Condition path '" + condition + "' for chart " + dep->name + " returned non-bool value");
    }
  }
}

void applyTags(const Metadata& md, const Value& values) {
  auto tags = valuesTable(values, "tags");
  if (!tags) return;
  for (const auto& dep : md.dependencies) {
    bool hasTrue = false, hasFalse = false;
    for (const std::string& tag : dep->tags) {
      const Value* v = tags->find(tag);
      if (!v) continue;
      if (!v->isBool()) {
        warn("dependencies.go:94", "Warning: Tag '" + tag + "' for chart " + dep->name + " returned non-bool value");
        continue;
      }
      (v->asBool() ? hasTrue : hasFalse) = true;
    }
    if (!hasTrue && hasFalse)
      dep->enabled = false;
    else
      dep->enabled = true;
  }
}

// getAliasDependency: a copy of the first loaded subchart the dependency names
// (and whose version is in range), renamed to the alias.
std::shared_ptr<Chart> aliasCopy(const std::vector<std::shared_ptr<Chart>>& charts, const Dependency& dep) {
  for (const auto& c : charts) {
    if (c->name() != dep.name || !isCompatibleRange(dep.version, c->metadata.version)) continue;
    auto copy = c->cloneTree();
    if (!dep.alias.empty()) copy->metadata.name = dep.alias;
    return copy;
  }
  return nullptr;
}

Result<void> processEnabled(Chart& chart, const Value& values, const std::string& path) {
  Metadata& md = chart.metadata;
  if (md.dependencies.empty()) return {};
  std::vector<std::shared_ptr<Chart>> kept;
  for (const auto& existing : chart.dependencies()) {
    bool declared = false;
    for (const auto& dep : md.dependencies) {
      declared =
          declared || (existing->name() == dep->name && isCompatibleRange(dep->version, existing->metadata.version));
    }
    if (!declared) kept.push_back(existing);
  }
  for (const auto& dep : md.dependencies) {
    if (auto copy = aliasCopy(chart.dependencies(), *dep)) kept.push_back(copy);
    if (!dep->alias.empty()) dep->name = dep->alias;
  }
  chart.setDependencies(std::move(kept));
  for (const auto& dep : md.dependencies) dep->enabled = true;

  auto coalesced = coalesceValues(chart, values);
  if (!coalesced) return coalesced.error();
  applyTags(md, *coalesced);
  applyConditions(md, *coalesced, path);

  std::set<std::string> disabled;
  for (const auto& dep : md.dependencies) {
    if (!dep->enabled) disabled.insert(dep->name);
  }
  std::vector<std::shared_ptr<Chart>> enabledCharts;
  for (const auto& sub : chart.dependencies()) {
    if (!disabled.contains(sub->name())) enabledCharts.push_back(sub);
  }
  std::vector<std::shared_ptr<Dependency>> enabledDeps;
  for (const auto& dep : md.dependencies) {
    if (!disabled.contains(dep->name)) enabledDeps.push_back(dep);
  }
  for (const auto& sub : enabledCharts) {
    if (auto r = processEnabled(*sub, *coalesced, path + sub->name() + "."); !r) return r;
  }
  md.dependencies = std::move(enabledDeps);
  chart.setDependencies(std::move(enabledCharts));
  return {};
}

// pathToMap: {a: {b: data}} for "a.b"; data itself for ".".
Value nestUnder(const std::string& path, const Value& data) {
  if (path == ".") return data;
  Value current = data;
  auto parts = splitOn(path, '.');
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) current = Value::map(Map{{*it, current}});
  return current;
}

std::string stringEntry(const Value& map, const char* key) {
  const Value* v = map.find(key);
  return v && v->isString() ? v->asString() : "";
}

Result<void> importValues(Chart& chart) {
  if (chart.metadata.dependencies.empty()) return {};
  auto merged = mergeValues(chart, Value::map());
  if (!merged) return merged.error();
  Value imported = Value::map();
  for (const auto& dep : chart.metadata.dependencies) {
    if (!dep->importValues.isList()) continue;
    List normalized;
    for (const Value& entry : dep->importValues.asList()) {
      std::string child, parent;
      if (entry.isMap()) {
        child = stringEntry(entry, "child");
        parent = stringEntry(entry, "parent");
      } else if (entry.isString()) {
        child = "exports." + entry.asString();
        parent = ".";
      } else {
        continue;
      }
      normalized.push_back(Value::map(Map{{"child", Value::string(child)}, {"parent", Value::string(parent)}}));
      auto table = valuesTable(*merged, dep->name + "." + child);
      if (!table) {
        warn(entry.isMap() ? "dependencies.go:269" : "dependencies.go:286",
             entry.isMap()
                 ? "Warning: ImportValues missing table from chart " + dep->name + ": " + table.error().message
                 : "Warning: ImportValues missing table: " + table.error().message);
        continue;
      }
      imported = mergeTables(imported, nestUnder(parent, *table));
    }
    dep->importValues = Value::list(std::move(normalized));
  }
  chart.values = mergeTables(merged->deepCopy(), imported);
  return {};
}

Result<void> processImports(Chart& chart) {
  for (const auto& sub : chart.dependencies()) {
    if (auto r = processImports(*sub); !r) return r;
  }
  return importValues(chart);
}

}  // namespace

Result<void> processDependencies(Chart& chart, const Value& userValues) {
  if (auto r = processEnabled(chart, userValues, ""); !r) return r;
  return processImports(chart);
}

std::vector<std::shared_ptr<Dependency>> missingDependencies(const Chart& chart) {
  std::vector<std::shared_ptr<Dependency>> missing;
  for (const auto& dep : chart.metadata.dependencies) {
    bool found = false;
    for (const auto& sub : chart.dependencies()) found = found || sub->name() == dep->name;
    if (!found) missing.push_back(dep);
  }
  return missing;
}

Result<void> checkDependencies(const Chart& chart) {
  std::string missing;
  for (const auto& dep : missingDependencies(chart)) missing += (missing.empty() ? "" : ", ") + dep->name;
  if (missing.empty()) return {};
  return Error{
      "An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to "
      "fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: " +
      missing};
}

Result<void> checkInstallable(const Chart& chart) {
  const std::string& type = chart.metadata.type;
  if (type.empty() || type == "application") return {};
  return Error{type + " charts are not installable"};
}

}  // namespace ho::chart
