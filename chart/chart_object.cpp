// `.Chart` for templates: Helm 3.17's struct{ chart.Metadata; IsRoot bool }
// with its fields, Go's %v printing and its JSON form for toYaml/toJson.
#include <sstream>

#include "chart/chart.h"
#include "chart/string_values.h"
#include "templating/go_format.h"

namespace ho::chart {
namespace {

class MaintainerObject : public Object {
 public:
  explicit MaintainerObject(Maintainer m) : m_(std::move(m)) {}
  std::string typeName() const override { return "*chart.Maintainer"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "Name") return Value::string(m_.name);
    if (name == "Email") return Value::string(m_.email);
    if (name == "URL") return Value::string(m_.url);
    return std::nullopt;
  }
  std::string format() const override { return "&{" + m_.name + " " + m_.email + " " + m_.url + "}"; }
  Value toData() const override { return maintainerJson(m_); }

 private:
  Maintainer m_;
};

class DependencyObject : public Object {
 public:
  explicit DependencyObject(Dependency d) : d_(std::move(d)) {}
  std::string typeName() const override { return "*chart.Dependency"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "Name") return Value::string(d_.name);
    if (name == "Version") return Value::string(d_.version);
    if (name == "Repository") return Value::string(d_.repository);
    if (name == "Condition") return Value::string(d_.condition);
    if (name == "Tags") return stringListValue(d_.tags);
    if (name == "Enabled") return Value::boolean(d_.enabled);
    if (name == "ImportValues") return d_.importValues.isNil() ? Value::list() : d_.importValues;
    if (name == "Alias") return Value::string(d_.alias);
    return std::nullopt;
  }
  std::string format() const override {
    return "&{" + d_.name + " " + d_.version + " " + d_.repository + " " + d_.condition + " " +
           tmpl::formatValue(stringListValue(d_.tags)) + " " + (d_.enabled ? "true" : "false") + " [] " + d_.alias +
           "}";
  }
  Value toData() const override { return dependencyJson(d_); }

 private:
  Dependency d_;
};

class ChartObject : public Object {
 public:
  ChartObject(Metadata metadata, bool isRoot) : md_(std::move(metadata)), isRoot_(isRoot) {}
  std::string typeName() const override { return "struct { chart.Metadata; IsRoot bool }"; }
  std::string kindName() const override { return "struct"; }

  std::optional<Value> field(std::string_view name) const override {
    if (name == "Name") return Value::string(md_.name);
    if (name == "Home") return Value::string(md_.home);
    if (name == "Sources") return stringListValue(md_.sources);
    if (name == "Version") return Value::string(md_.version);
    if (name == "Description") return Value::string(md_.description);
    if (name == "Keywords") return stringListValue(md_.keywords);
    if (name == "Maintainers") return maintainers();
    if (name == "Icon") return Value::string(md_.icon);
    if (name == "APIVersion") return Value::string(md_.apiVersion);
    if (name == "Condition") return Value::string(md_.condition);
    if (name == "Tags") return Value::string(md_.tags);
    if (name == "AppVersion") return Value::string(md_.appVersion);
    if (name == "Deprecated") return Value::boolean(md_.deprecated);
    if (name == "Annotations") return stringMapValue(md_.annotations);
    if (name == "KubeVersion") return Value::string(md_.kubeVersion);
    if (name == "Dependencies") return dependencies();
    if (name == "Type") return Value::string(md_.type);
    if (name == "IsRoot") return Value::boolean(isRoot_);
    if (name == "Metadata") return Value::object(std::make_shared<ChartObject>(md_, isRoot_));
    return std::nullopt;
  }

  // Go prints the embedded struct's fields in declaration order, then IsRoot.
  std::string format() const override {
    std::ostringstream out;
    out << "{{" << md_.name << " " << md_.home << " " << tmpl::formatValue(stringListValue(md_.sources)) << " "
        << md_.version << " " << md_.description << " " << tmpl::formatValue(stringListValue(md_.keywords)) << " [";
    for (std::size_t i = 0; i < md_.maintainers.size(); ++i) {
      out << (i ? " " : "") << MaintainerObject(md_.maintainers[i]).format();
    }
    out << "] " << md_.icon << " " << md_.apiVersion << " " << md_.condition << " " << md_.tags << " " << md_.appVersion
        << " " << (md_.deprecated ? "true" : "false") << " " << tmpl::formatValue(stringMapValue(md_.annotations))
        << " " << md_.kubeVersion << " [";
    for (std::size_t i = 0; i < md_.dependencies.size(); ++i) {
      out << (i ? " " : "") << DependencyObject(*md_.dependencies[i]).format();
    }
    out << "] " << md_.type << "} " << (isRoot_ ? "true" : "false") << "}";
    return out.str();
  }

  Value toData() const override {
    Value out = metadataJson(md_);
    out.mutableMap().emplace("IsRoot", Value::boolean(isRoot_));
    return out;
  }

 private:
  Value maintainers() const {
    List list;
    for (const auto& m : md_.maintainers) list.push_back(Value::object(std::make_shared<MaintainerObject>(m)));
    return Value::list(std::move(list));
  }
  Value dependencies() const {
    List list;
    for (const auto& d : md_.dependencies) list.push_back(dependencyObject(*d));
    return Value::list(std::move(list));
  }

  Metadata md_;
  bool isRoot_;
};

}  // namespace

Value chartObject(const Chart& chart) {
  return Value::object(std::make_shared<ChartObject>(chart.metadata, chart.isRoot()));
}

Value dependencyObject(const Dependency& dependency) {
  return Value::object(std::make_shared<DependencyObject>(dependency));
}

}  // namespace ho::chart
