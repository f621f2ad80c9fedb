// Helm's values coalescing (chartutil coalesce.go / values.go). Maps are
// shared by reference exactly where Go shares them, so the quirks of Helm's
// in-place merging (e.g. globals) come out the same.
#include "chart/values.h"

#include <iostream>
#include <mutex>

#include "templating/go_format.h"

namespace ho::chart {
namespace {

std::mutex sinkMutex;
WarningSink& currentSink() {
  static WarningSink sink = [](const std::string& message) { std::cerr << message << "\n"; };
  return sink;
}

std::string concatPrefix(const std::string& a, const std::string& b) { return a.empty() ? b : a + "." + b; }

void coalesceTablesFullKey(Value& dst, const Value& src, const std::string& prefix, bool merge) {
  if (src.isNil() || !src.isMap()) return;
  if (dst.isNil()) {
    dst = src;
    return;
  }
  Map& d = dst.mutableMap();
  for (const auto& [key, val] : src.asMap()) {
    auto fullKey = [&] { return concatPrefix(prefix, key); };  // for recursion and warnings only
    auto it = d.find(key);
    if (it != d.end() && !merge && it->second.isNil()) {
      d.erase(it);
    } else if (it == d.end()) {
      d.emplace(key, val);
    } else if (val.isMap()) {
      if (it->second.isMap()) {
        coalesceTablesFullKey(it->second, val, fullKey(), merge);
      } else {
        warn("coalesce.go:298",
             "warning: cannot overwrite table with non table for " + fullKey() + " (" + tmpl::formatValue(val) + ")");
      }
    } else if (it->second.isMap() && !val.isNil()) {
      warn("coalesce.go:301", "warning: destination for " + fullKey() + " is a table. Ignoring non-table value (" +
                                  tmpl::formatValue(val) + ")");
    }
  }
}

bool isSubchartName(const Chart& chart, const std::string& key) {
  for (const auto& sub : chart.dependencies()) {
    if (sub->name() == key) return true;
  }
  return false;
}

// coalesceValues: the chart's defaults (a deep copy) filled into `v`.
void coalesceChartValues(const Chart& chart, Value& v, const std::string& prefix, bool merge) {
  std::string subPrefix = concatPrefix(prefix, chart.name());
  if (!chart.values.isMap()) return;
  Value defaults = chart.values.deepCopy();
  Map& dest = v.mutableMap();
  for (const auto& [key, val] : defaults.asMap()) {
    auto it = dest.find(key);
    if (it == dest.end()) {
      dest.emplace(key, val);
    } else if (it->second.isNil() && !merge) {
      dest.erase(it);
    } else if (it->second.isMap()) {
      if (!val.isMap()) {
        if (!val.isNil())
          warn("coalesce.go:237", "warning: skipped value for " + subPrefix + "." + key + ": Not a table.");
      } else {
        coalesceTablesFullKey(it->second, val, concatPrefix(subPrefix, key), merge || isSubchartName(chart, key));
      }
    }
  }
}

Value shallowCopy(const Value& m) { return Value::map(m.asMap()); }

void coalesceGlobals(Value& dest, const Value& src, const std::string& prefix) {
  Value destGlobals;
  if (const Value* g = dest.find("global")) {
    if (!g->isMap()) {
      warn("coalesce.go:138", "warning: skipping globals because destination global is not a table.");
      return;
    }
    destGlobals = *g;
  } else {
    destGlobals = Value::map();
  }
  Value srcGlobals;
  if (const Value* g = src.find("global")) {
    if (!g->isMap()) {
      warn("coalesce.go:145", "warning: skipping globals because source global is not a table.");
      return;
    }
    srcGlobals = *g;
  } else {
    srcGlobals = Value::map();
  }
  Map& dg = destGlobals.mutableMap();
  for (const auto& [key, val] : srcGlobals.asMap()) {
    auto it = dg.find(key);
    if (val.isMap()) {
      Value copy = shallowCopy(val);
      if (it == dg.end()) {
        dg.emplace(key, copy);
      } else if (!it->second.isMap()) {
        warn("coalesce.go:161", "Conflict: cannot merge map onto non-map for \"" + key + "\". Skipping.");
      } else {
        coalesceTablesFullKey(copy, it->second, concatPrefix(prefix, key), true);
        it->second = copy;
      }
    } else if (it != dg.end() && it->second.isMap()) {
      warn("coalesce.go:175", "key " + key + " is table. Skipping");
    } else {
      dg[key] = val;
    }
  }
  dest.mutableMap()["global"] = destGlobals;
}

Result<void> coalesce(const Chart& chart, Value& dest, const std::string& prefix, bool merge);

Result<void> coalesceDependencies(const Chart& chart, Value& dest, const std::string& prefix, bool merge) {
  Map& d = dest.mutableMap();
  for (const auto& sub : chart.dependencies()) {
    auto it = d.find(sub->name());
    if (it == d.end()) {
      it = d.emplace(sub->name(), Value::map()).first;
    } else if (!it->second.isMap()) {
      return Error{"type mismatch on " + sub->name() + ": " + tmpl::sprintf("%t", std::span(&it->second, 1))};
    }
    Value subValues = it->second;
    std::string subPrefix = concatPrefix(prefix, chart.name());
    coalesceGlobals(subValues, dest, subPrefix);
    if (auto r = coalesce(*sub, subValues, subPrefix, merge); !r) return r;
    d[sub->name()] = subValues;
  }
  return {};
}

Result<void> coalesce(const Chart& chart, Value& dest, const std::string& prefix, bool merge) {
  coalesceChartValues(chart, dest, prefix, merge);
  return coalesceDependencies(chart, dest, prefix, merge);
}

Result<Value> coalesceCopy(const Chart& chart, const Value& userValues, bool merge) {
  Value dest = userValues.isMap() ? userValues.deepCopy() : Value::map();
  if (auto r = coalesce(chart, dest, "", merge); !r) return r.error();
  return dest;
}

// Values.parsePath splits on every ".".
std::vector<std::string> splitPath(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = path.find('.', start);
    parts.emplace_back(path.substr(start, dot == std::string_view::npos ? path.npos : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

Error noTable(const std::string& key) { return Error{"\"" + key + "\" is not a table"}; }

}  // namespace

void setWarningSink(WarningSink sink) {
  std::lock_guard lock(sinkMutex);
  currentSink() = std::move(sink);
}

void warn(std::string_view goSource, const std::string& message) {
  std::lock_guard lock(sinkMutex);
  currentSink()(std::string(goSource) + ": " + message);
}

Result<Value> coalesceValues(const Chart& chart, const Value& userValues) {
  return coalesceCopy(chart, userValues, false);
}

Result<Value> mergeValues(const Chart& chart, const Value& userValues) { return coalesceCopy(chart, userValues, true); }

Value coalesceTables(Value dst, const Value& src) {
  coalesceTablesFullKey(dst, src, "", false);
  return dst;
}

Value mergeTables(Value dst, const Value& src) {
  coalesceTablesFullKey(dst, src, "", true);
  return dst;
}

Value mergeMaps(const Value& base, const Value& overlay) {
  Map out = base.isMap() ? base.asMap() : Map{};
  if (!overlay.isMap()) return Value::map(std::move(out));
  for (const auto& [key, val] : overlay.asMap()) {
    auto it = out.find(key);
    if (val.isMap() && it != out.end() && it->second.isMap()) {
      it->second = mergeMaps(it->second, val);
    } else {
      out[key] = val;
    }
  }
  return Value::map(std::move(out));
}

Result<Value> valuesTable(const Value& values, std::string_view dottedPath) {
  Value table = values;
  for (const std::string& key : splitPath(dottedPath)) {
    const Value* next = table.find(key);
    if (!next || !next->isMap()) return noTable(key);
    table = *next;
  }
  return table;
}

Result<Value> valuesPathValue(const Value& values, std::string_view dottedPath) {
  if (dottedPath.empty()) return Error{"YAML path cannot be empty"};
  auto parts = splitPath(dottedPath);
  std::string key = parts.back();
  Value table = values;
  if (parts.size() > 1) {
    std::string tablePath;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) tablePath += (i ? "." : "") + parts[i];
    auto t = valuesTable(values, tablePath);
    if (!t) return Error{"no value for key \"" + key + "\""};
    table = *t;
  }
  const Value* found = table.find(key);
  if (!found || found->isMap()) return Error{"no value for key \"" + key + "\""};
  return *found;
}

Result<Value> toRenderValues(const Chart& chart, const Value& userValues, const ReleaseOptions& options,
                             std::shared_ptr<const Capabilities> capabilities) {
  if (!capabilities) capabilities = std::make_shared<const Capabilities>(defaultCapabilities());
  Map release{
      {"Name", Value::string(options.name)},
      {"Namespace", Value::string(options.namespace_)},
      {"IsUpgrade", Value::boolean(options.isUpgrade)},
      {"IsInstall", Value::boolean(options.isInstall)},
      {"Revision", Value::integer(options.revision, GoType::Int)},
      {"Service", Value::string("Helm")},
  };
  auto values = coalesceValues(chart, userValues);
  if (!values) return values.error();
  Map top{
      {"Chart", chartObject(chart)},
      {"Capabilities", capabilitiesObject(std::move(capabilities))},
      {"Release", Value::map(std::move(release))},
      {"Values", *values},
  };
  return Value::map(std::move(top));
}

}  // namespace ho::chart
