// The render session behind renderTemplates: template collection and
// ordering, the stateful Helm functions, and error rewording.
#include "chart/engine.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "chart/files.h"
#include "chart/helm_functions.h"
#include "chart/values.h"
#include "core/string_hash.h"
#include "templating/go_format.h"
#include "templating/template_set.h"

namespace ho::chart {
namespace {

using tmpl::CallContext;
using tmpl::ParamType;

constexpr std::string_view kWarnStart = "HELM_ERR_START";
constexpr std::string_view kWarnEnd = "HELM_ERR_END";
constexpr int kMaxIncludeNesting = 1000;

std::string warnWrap(const std::string& message) {
  return std::string(kWarnStart) + message + std::string(kWarnEnd);
}

// One template file to render: its text, the values it sees (shared by every
// template of the same chart, as in Helm) and its .Template.BasePath.
struct Renderable {
  SharedText text;
  Value values;
  std::string basePath;
};

bool isLibraryChart(const Chart& chart) { return chart.metadata.type == "library"; }

std::string_view baseName(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// recAllTpls: the templates of `chart` and its subcharts with their scoped
// values; returns the values `chart`'s templates see (its parent's .Subcharts entry).
Value collectTemplates(const Chart& chart, const Value& parentValues, std::map<std::string, Renderable>& out) {
  Map next;
  next.emplace("Chart", chartObject(chart));
  next.emplace("Files", filesObject(chart.files));
  if (const Value* release = parentValues.find("Release")) next.emplace("Release", *release);
  if (const Value* caps = parentValues.find("Capabilities")) next.emplace("Capabilities", *caps);
  Value scoped = Value::map();
  if (chart.isRoot()) {
    if (const Value* values = parentValues.find("Values")) scoped = *values;
  } else if (auto table = valuesTable(parentValues, "Values." + chart.name())) {
    scoped = *table;
  }
  next.emplace("Values", scoped);
  Value nextValues = Value::map(std::move(next));

  Map subcharts;
  for (const auto& child : chart.dependencies()) {
    subcharts.insert_or_assign(child->name(), collectTemplates(*child, nextValues, out));
  }
  nextValues.mutableMap().emplace("Subcharts", Value::map(std::move(subcharts)));

  const std::string parentId = chart.chartFullPath();
  for (const File& file : chart.templates) {
    if (isLibraryChart(chart) && !baseName(file.name).starts_with("_")) continue;
    out.insert_or_assign(parentId + "/" + file.name,
                         Renderable{file.data, nextValues, parentId + "/templates"});
  }
  return nextValues;
}

// sortTemplates: deepest paths first, then names in reverse order, so that a
// parent chart's defines (parsed last) win over a subchart's.
std::vector<std::string> parseOrder(const std::map<std::string, Renderable>& templates) {
  std::vector<std::string> keys;
  keys.reserve(templates.size());
  for (const auto& entry : templates) keys.push_back(entry.first);
  auto depth = [](const std::string& s) { return std::count(s.begin(), s.end(), '/'); };
  std::sort(keys.begin(), keys.end(), [&](const std::string& a, const std::string& b) {
    auto da = depth(a), db = depth(b);
    return da != db ? da > db : a > b;
  });
  return keys;
}

// Splits Go's "template: NAME:LINE:COL: rest" into its location and the rest.
bool splitTemplateError(const std::string& message, std::string& location, std::string& rest) {
  const std::string prefix = "template: ";
  if (!message.starts_with(prefix)) return false;
  auto end = message.find(": ", prefix.size());
  if (end == std::string::npos) return false;
  location = message.substr(prefix.size(), end - prefix.size());
  rest = message.substr(end + 2);
  return true;
}

// cleanupParseError: "parse error at (NAME:LINE): <last part of Go's message>".
Error parseError(const std::string& filename, const std::string& message) {
  std::string location, rest;
  if (!splitTemplateError(message, location, rest)) {
    return Error{"parse error in (" + filename + "): " + message};
  }
  auto last = message.rfind(": ");
  return Error{"parse error at (" + location + "): " + message.substr(last + 2)};
}

// cleanupExecError: a `required` failure (wrapped in HELM_ERR markers) becomes
// "execution error at (NAME:LINE:COL): message"; other errors stay Go's.
Error execError(const std::string& message) {
  std::string location, rest;
  if (splitTemplateError(message, location, rest)) {
    auto start = rest.find(kWarnStart);
    if (start != std::string::npos) {
      start += kWarnStart.size();
      auto end = rest.find(kWarnEnd, start);
      if (end != std::string::npos) {
        return Error{"execution error at (" + location + "): " + rest.substr(start, end - start)};
      }
    }
  }
  return Error{message};
}

void removeNoValue(std::string& text) {
  static constexpr std::string_view kNoValue = "<no value>";
  std::size_t pos = text.find(kNoValue);
  if (pos == std::string::npos) return;
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (; pos != std::string::npos; pos = text.find(kNoValue, from)) {
    out.append(text, from, pos - from);
    from = pos + kNoValue.size();
  }
  out.append(text, from);
  text = std::move(out);
}

class RenderSession {
 public:
  RenderSession(std::map<std::string, Renderable> templates, const EngineOptions& options)
      : templates_(std::move(templates)), functions_(std::make_shared<tmpl::FunctionTable>(helmFunctionTable())) {
    addStatefulFunctions();
    set_ = std::make_unique<tmpl::TemplateSet>(functions_);
    set_->setMissingKey(options.strict ? tmpl::MissingKey::Error : tmpl::MissingKey::Zero);
  }

  Result<std::map<std::string, std::string>> render() {
    const auto order = parseOrder(templates_);
    for (const std::string& name : order) {
      if (auto parsed = set_->parse(name, templates_.at(name).text); !parsed) {
        return parseError(name, parsed.error().message);
      }
    }
    std::map<std::string, std::string> rendered;
    for (const std::string& name : order) {
      if (baseName(name).starts_with("_")) continue;
      Renderable& r = templates_.at(name);
      r.values.mutableMap().insert_or_assign("Template", templateInfo(name, r.basePath));
      auto output = set_->execute(name, r.values);
      if (!output) return execError(output.error().message);
      removeNoValue(*output);
      rendered.emplace(name, std::move(*output));
    }
    return rendered;
  }

 private:
  static Value templateInfo(const std::string& name, const std::string& basePath) {
    Map info;
    info.emplace("Name", Value::string(name));
    info.emplace("BasePath", Value::string(basePath));
    return Value::map(std::move(info));
  }

  void addStatefulFunctions() {
    functions_->add("include", {{ParamType::String, ParamType::Any}, std::nullopt,
                                [this](CallContext& ctx, std::span<const Value> args) {
                                  return include(ctx, args[0].asString(), args[1]);
                                }});
    functions_->add("tpl", {{ParamType::String, ParamType::Any}, std::nullopt,
                            [](CallContext& ctx, std::span<const Value> args) { return tpl(ctx, args); }});
    // Helm overrides Sprig's fail so that its message reads like required's.
    functions_->add("fail", {{ParamType::String}, std::nullopt, [](CallContext&, std::span<const Value> args) -> Value {
                               throw Failure(warnWrap(args[0].asString()));
                             }});
    functions_->add("required", {{ParamType::String, ParamType::Any}, std::nullopt,
                                 [](CallContext&, std::span<const Value> args) {
                                   const Value& v = args[1];
                                   if (v.isNil() || (v.isString() && v.asString().empty())) {
                                     throw Failure(warnWrap(args[0].asString()));
                                   }
                                   return v;
                                 }});
  }

  Value include(CallContext& ctx, const std::string& name, const Value& data) {
    int& depth = includeDepth_[name];
    if (depth > kMaxIncludeNesting) {
      throw Failure("rendering template has a nested reference name: " + name +
                    ": unable to execute template");
    }
    ++depth;
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{depth};
    return Value::string(ctx.executeTemplate(name, data));
  }

  // Helm 3.17's tpl: the text is parsed as a new template named "gotpl" in a
  // clone of the set (its defines stay inside), then executed with `data`.
  static Value tpl(CallContext& ctx, std::span<const Value> args) {
    const std::string& text = args[0].asString();
    std::string out;
    try {
      out = ctx.executeText(text, args[1]);
    } catch (const tmpl::TextParseFailure& failure) {
      throw Failure("cannot parse template " + tmpl::quoteGo(text) + ": " + failure.what());
    } catch (const Failure& failure) {
      throw Failure("error during tpl function execution for " + tmpl::quoteGo(text) + ": " + failure.what());
    }
    removeNoValue(out);
    return Value::string(std::move(out));
  }

  std::map<std::string, Renderable> templates_;
  std::shared_ptr<tmpl::FunctionTable> functions_;
  std::unique_ptr<tmpl::TemplateSet> set_;
  std::unordered_map<std::string, int, StringHash, std::equal_to<>> includeDepth_;  // by template name
};

}  // namespace

Result<std::map<std::string, std::string>> renderTemplates(const Chart& chart, const Value& renderValues,
                                                           const EngineOptions& options) {
  std::map<std::string, Renderable> templates;
  collectTemplates(chart, renderValues, templates);
  RenderSession session(std::move(templates), options);
  return session.render();
}

}  // namespace ho::chart
