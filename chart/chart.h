// The chart model, as Helm's pkg/chart holds it: Chart.yaml metadata, the
// templates, default values, schema, the other files (.Files, crds/) and the
// subcharts, with the parent link Helm uses to name a subchart's templates
// "parent/charts/sub/templates/x.yaml".
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/shared_text.h"
#include "core/value.h"

namespace ho::chart {

// One file of a chart: its path inside the chart ("templates/deploy.yaml") and
// bytes, shared by every copy of the chart.
struct File {
  std::string name;
  SharedText data;
};

struct Maintainer {
  std::string name;
  std::string email;
  std::string url;
};

// One entry of Chart.yaml `dependencies:` (or requirements.yaml for apiVersion v1).
struct Dependency {
  std::string name;
  std::string version;
  std::string repository;
  std::string condition;
  std::vector<std::string> tags;
  bool enabled = false;
  // `import-values`: strings and {child, parent} maps, as loaded (a list Value or nil).
  Value importValues;
  std::string alias;
};

// Chart.yaml (Helm's chart.Metadata), field for field.
struct Metadata {
  std::string name;
  std::string home;
  std::vector<std::string> sources;
  std::string version;
  std::string description;
  std::vector<std::string> keywords;
  std::vector<Maintainer> maintainers;
  std::string icon;
  std::string apiVersion;
  std::string condition;
  std::string tags;
  std::string appVersion;
  bool deprecated = false;
  std::map<std::string, std::string> annotations;
  std::string kubeVersion;
  // Shared like Go's []*Dependency: dependency processing sets `enabled` and
  // renames aliased entries, and .Chart.Dependencies shows the result.
  std::vector<std::shared_ptr<Dependency>> dependencies;
  std::string type;
};

// A CRD file of a chart or one of its subcharts (Helm's chart.CRD).
struct CrdFile {
  std::string name;      // path inside its chart: "crds/foo.yaml"
  std::string filename;  // full path as printed: "parent/charts/sub/crds/foo.yaml"
  const File* file = nullptr;
};

struct Chart {
  Metadata metadata;
  std::vector<File> raw;        // every file as loaded (Chart.yaml, values.yaml, ...)
  std::vector<File> templates;  // files under templates/
  Value values;                 // values.yaml as a map (a nil Value when absent)
  std::string schema;           // values.schema.json bytes ("" when absent)
  std::vector<File> files;      // every other file, crds/ included (what .Files sees)

  // The chart name (metadata.name).
  const std::string& name() const { return metadata.name; }
  bool isRoot() const { return parent_ == nullptr; }
  const Chart* parent() const { return parent_; }
  const std::vector<std::shared_ptr<Chart>>& dependencies() const { return dependencies_; }
  // Replaces the subcharts and makes this chart their parent.
  void setDependencies(std::vector<std::shared_ptr<Chart>> charts);
  void addDependency(std::shared_ptr<Chart> chart);

  // "parent.sub" (Helm's ChartPath) and "parent/charts/sub" (ChartFullPath).
  std::string chartPath() const;
  std::string chartFullPath() const;
  // crds/*.yaml|yml|json of this chart, then of each subchart, depth first.
  std::vector<CrdFile> crdObjects() const;

  // A copy of this chart and all its subcharts (fresh nodes, same data), with
  // no parent: dependency processing mutates the tree, so render a clone of a
  // chart that is kept loaded.
  std::shared_ptr<Chart> cloneTree() const;

 private:
  const Chart* parent_ = nullptr;
  std::vector<std::shared_ptr<Chart>> dependencies_;
};

// The `.Chart` a template sees for `chart`: Helm 3.17 passes
// struct{ chart.Metadata; IsRoot bool }, so .Chart.Name, .Chart.Version,
// .Chart.AppVersion, .Chart.Annotations, .Chart.Dependencies, .Chart.IsRoot ...
// work, `{{ .Chart }}` prints Go's %v of that struct, and toYaml/toJson see
// the metadata's JSON form plus "IsRoot".
Value chartObject(const Chart& chart);
// The `.Chart.Dependencies[i]` element objects (*chart.Dependency).
Value dependencyObject(const Dependency& dependency);

// The JSON form encoding/json gives chart.Metadata, chart.Maintainer and
// chart.Dependency (their JSON tags, omitempty where Helm has it): what
// toJson/toYaml of .Chart, release records and index.yaml entries carry.
Value metadataJson(const Metadata& metadata);
Value maintainerJson(const Maintainer& maintainer);
Value dependencyJson(const Dependency& dependency);

}  // namespace ho::chart
