// The chart tree: parent links, Helm's chart paths, CRD listing and cloning.
#include "chart/chart.h"

namespace ho::chart {
namespace {

bool hasManifestExtension(const std::string& name) {
  auto slash = name.rfind('/');
  auto dot = name.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return false;
  std::string ext = name.substr(dot);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

}  // namespace

void Chart::setDependencies(std::vector<std::shared_ptr<Chart>> charts) {
  dependencies_.clear();
  for (auto& chart : charts) addDependency(std::move(chart));
}

void Chart::addDependency(std::shared_ptr<Chart> chart) {
  chart->parent_ = this;
  dependencies_.push_back(std::move(chart));
}

std::string Chart::chartPath() const { return isRoot() ? name() : parent_->chartPath() + "." + name(); }

std::string Chart::chartFullPath() const { return isRoot() ? name() : parent_->chartFullPath() + "/charts/" + name(); }

std::vector<CrdFile> Chart::crdObjects() const {
  std::vector<CrdFile> crds;
  for (const File& f : files) {
    if (f.name.starts_with("crds/") && hasManifestExtension(f.name)) {
      crds.push_back(CrdFile{f.name, chartFullPath() + "/" + f.name, &f});
    }
  }
  for (const auto& dependency : dependencies_) {
    auto sub = dependency->crdObjects();
    crds.insert(crds.end(), sub.begin(), sub.end());
  }
  return crds;
}

std::shared_ptr<Chart> Chart::cloneTree() const {
  auto copy = std::make_shared<Chart>(*this);
  copy->parent_ = nullptr;
  for (auto& dependency : copy->metadata.dependencies) {
    dependency = std::make_shared<Dependency>(*dependency);
  }
  copy->values = values.deepCopy();
  std::vector<std::shared_ptr<Chart>> children;
  for (const auto& dependency : dependencies_) children.push_back(dependency->cloneTree());
  copy->setDependencies(std::move(children));
  return copy;
}

}  // namespace ho::chart
