// The patch strategies of Kubernetes' built-in kinds: which list fields
// merge element by element (and by which key), which maps are replaced
// whole or keep only the keys a patch names ($retainKeys). This is what the
// Go types say in their patchStrategy/patchMergeKey struct tags; both the
// API server (applying strategic merge patches) and the release engine
// (computing three-way patches) read it from here.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ho::kube::patch {

enum class Strategy { None, Merge, Replace };

// A struct field's tags: patchStrategy:"merge,retainKeys" patchMergeKey:"name".
struct PatchMeta {
  Strategy strategy = Strategy::None;
  bool retainKeys = false;
  std::string mergeKey;  // for lists of objects with the merge strategy
  // Server-side apply of custom resources: all the x-kubernetes-list-map-keys
  // of a list (mergeKey holds the first); empty when mergeKey alone is the key.
  std::vector<std::string> listMapKeys = {};
};

struct SchemaNode;

// One field of a struct type. `type` is the field's struct type (for lists:
// the element's), nullptr when nothing below it carries patch tags.
struct FieldSchema {
  PatchMeta meta;
  const SchemaNode* type = nullptr;
};

// A struct type, reduced to the fields on the way to a tagged field. Fields
// it does not list have no patch tags (maps merge key by key, lists are
// replaced whole).
struct SchemaNode {
  std::map<std::string, FieldSchema, std::less<>> fields;
};

// The field `name` of `schema` (which may be nullptr: an untagged type).
FieldSchema lookupField(const SchemaNode* schema, std::string_view name);

// Whether `apiVersion` names a group compiled into Kubernetes (and into
// client-go's scheme): core, apps, batch, networking.k8s.io, ...
bool isBuiltInApiVersion(std::string_view apiVersion);
// The schema of a built-in kind, or nullptr for custom resources (which
// take JSON merge patches, never strategic ones).
const SchemaNode* builtInSchema(std::string_view apiVersion, std::string_view kind);

}  // namespace ho::kube::patch
