// The kinds the server serves: the built-in Kubernetes resources and, once a
// CustomResourceDefinition is stored, every served version of its kind.
// Discovery, OpenAPI, routing and storage all read this one registry.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ho::kube {

// A CRD additionalPrinterColumn.
struct PrinterColumn {
  std::string name;
  std::string type;  // string, integer, number, boolean, date
  std::string format;
  std::string description;
  int priority = 0;
  std::string jsonPath;
};

struct ResourceType {
  std::string group;  // "" for core
  std::string version;
  std::string resource;  // plural, lower case
  std::string singular;
  std::string kind;
  bool namespaced = true;
  std::vector<std::string> shortNames;
  std::vector<std::string> categories;
  bool hasStatus = false;  // a status subresource: the main endpoint ignores .status
  bool hasScale = false;
  bool custom = false;     // defined by a CRD
  std::vector<PrinterColumn> printerColumns;  // CRDs only

  // "deployments.apps", "configmaps": the key objects are stored under and the
  // name error messages use.
  std::string groupResource() const;
  std::string groupVersion() const;  // "apps/v1", "v1"
  std::string listKind() const { return kind + "List"; }
};

struct GroupVersions {
  std::string group;
  std::vector<std::string> versions;  // preferred first
};

class ResourceRegistry {
 public:
  ResourceRegistry();  // the built-in kinds

  std::optional<ResourceType> find(const std::string& group, const std::string& version,
                                   const std::string& resource) const;
  // Any served version of group/resource (for stored objects of a CRD).
  std::optional<ResourceType> findByGroupResource(const std::string& groupResource) const;
  std::vector<ResourceType> inGroupVersion(const std::string& group, const std::string& version) const;
  // Groups other than core, built-ins first, each with its versions.
  std::vector<GroupVersions> groups() const;

  // Registers (or replaces) the kinds a CRD defines, one per served version.
  void setCustom(const std::string& crdName, std::vector<ResourceType> types);
  void removeCustom(const std::string& crdName);
  // Bumped on every change; OpenAPI hashes derive from it.
  uint64_t revision() const;

 private:
  std::vector<ResourceType> snapshot() const;

  mutable std::mutex mutex_;
  std::vector<ResourceType> builtins_;
  std::map<std::string, std::vector<ResourceType>> custom_;  // by CRD name
  uint64_t revision_ = 1;
};

// Kubernetes version priority: v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > other.
bool versionPreferred(const std::string& a, const std::string& b);

}  // namespace ho::kube
