// A persistent ordered map from (namespace, name) to object versions: a treap
// whose writes copy only the O(log n) nodes on the path they change and share
// every other node with the tree they came from. A snapshot is therefore a
// copy of the root pointer, old snapshots stay valid while writes go on, and
// a page of a list walks O(log n + page) nodes from the key it resumes after.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "kube/server/object_version.h"

namespace ho::kube {

using ObjectId = std::pair<std::string, std::string>;  // (namespace, name); "" namespace when cluster-scoped

class ObjectTree {
 public:
  struct Node;  // defined in object_tree.cpp
  ObjectTree() = default;
  // Return false to stop the walk.
  using Visitor = std::function<bool(const ObjectId& id, const ObjectPtr& object)>;

  size_t size() const;
  bool empty() const { return !root_; }
  // Null when absent.
  ObjectPtr find(const ObjectId& id) const;
  // A tree with `id` set to `object` (inserted or replaced).
  ObjectTree with(const ObjectId& id, ObjectPtr object) const;
  // A tree without `id` (the same tree when absent).
  ObjectTree without(const ObjectId& id) const;
  // How many ids sort before `bound`.
  size_t countBefore(const ObjectId& bound) const;
  // Walks the entries in order, starting at `from` (or just after it when
  // not `inclusive`).
  void visitFrom(const ObjectId& from, bool inclusive, const Visitor& visit) const;
  void visitAll(const Visitor& visit) const { visitFrom({}, true, visit); }
  // Walks the entries of one namespace ("" walks everything).
  void visitNamespace(const std::string& namespaceName, const Visitor& visit) const;

 private:
  using NodePtr = std::shared_ptr<const Node>;
  explicit ObjectTree(NodePtr root) : root_(std::move(root)) {}

  NodePtr root_;
};

}  // namespace ho::kube
