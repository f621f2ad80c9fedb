// The persistent treap behind ObjectTree. Priorities are a hash of the id, so
// the shape depends only on the set of ids and a replacement keeps the shape.
#include "kube/server/object_tree.h"

#include <cstdint>

namespace ho::kube {

struct ObjectTree::Node {
  ObjectId id;
  ObjectPtr object;
  uint64_t priority = 0;
  size_t size = 1;
  NodePtr left;
  NodePtr right;
};

namespace {

using Node = ObjectTree::Node;
using NodePtr = std::shared_ptr<const Node>;

uint64_t priorityOf(const ObjectId& id) {
  uint64_t hash = std::hash<std::string>{}(id.first) * 0x9e3779b97f4a7c15ULL ^ std::hash<std::string>{}(id.second);
  hash ^= hash >> 31;
  hash *= 0xbf58476d1ce4e5b9ULL;
  return hash ^ (hash >> 29);
}

size_t sizeOf(const NodePtr& node) { return node ? node->size : 0; }

NodePtr makeNode(const ObjectId& id, ObjectPtr object, uint64_t priority, NodePtr left, NodePtr right) {
  const size_t size = 1 + sizeOf(left) + sizeOf(right);
  return std::make_shared<const Node>(Node{id, std::move(object), priority, size, std::move(left), std::move(right)});
}

// The same node with other children.
NodePtr relinked(const NodePtr& node, NodePtr left, NodePtr right) {
  return makeNode(node->id, node->object, node->priority, std::move(left), std::move(right));
}

// Splits into the ids before `id` and the ids after it (`id` itself is absent).
std::pair<NodePtr, NodePtr> split(const NodePtr& node, const ObjectId& id) {
  if (!node) return {};
  if (node->id < id) {
    auto [before, after] = split(node->right, id);
    return {relinked(node, node->left, std::move(before)), std::move(after)};
  }
  auto [before, after] = split(node->left, id);
  return {std::move(before), relinked(node, std::move(after), node->right)};
}

// Joins two trees whose ids are all ordered (every id of `low` < every id of `high`).
NodePtr merge(const NodePtr& low, const NodePtr& high) {
  if (!low) return high;
  if (!high) return low;
  if (low->priority > high->priority) return relinked(low, low->left, merge(low->right, high));
  return relinked(high, merge(low, high->left), high->right);
}

NodePtr insert(const NodePtr& node, const ObjectId& id, const ObjectPtr& object, uint64_t priority) {
  if (!node) return makeNode(id, object, priority, nullptr, nullptr);
  if (node->id == id) return makeNode(id, object, priority, node->left, node->right);
  if (priority > node->priority) {
    auto [before, after] = split(node, id);
    return makeNode(id, object, priority, std::move(before), std::move(after));
  }
  if (id < node->id) return relinked(node, insert(node->left, id, object, priority), node->right);
  return relinked(node, node->left, insert(node->right, id, object, priority));
}

NodePtr erase(const NodePtr& node, const ObjectId& id) {
  if (!node) return nullptr;
  if (node->id == id) return merge(node->left, node->right);
  if (id < node->id) {
    NodePtr left = erase(node->left, id);
    return left == node->left ? node : relinked(node, std::move(left), node->right);
  }
  NodePtr right = erase(node->right, id);
  return right == node->right ? node : relinked(node, node->left, std::move(right));
}

bool visit(const Node* node, const ObjectId& from, bool inclusive, const ObjectTree::Visitor& visitor) {
  while (node) {
    const bool included = inclusive ? !(node->id < from) : from < node->id;
    if (included) {
      if (!visit(node->left.get(), from, inclusive, visitor)) return false;
      if (!visitor(node->id, node->object)) return false;
    }
    node = node->right.get();
  }
  return true;
}

}  // namespace

size_t ObjectTree::size() const { return sizeOf(root_); }

ObjectPtr ObjectTree::find(const ObjectId& id) const {
  const Node* node = root_.get();
  while (node) {
    if (node->id == id) return node->object;
    node = id < node->id ? node->left.get() : node->right.get();
  }
  return nullptr;
}

ObjectTree ObjectTree::with(const ObjectId& id, ObjectPtr object) const {
  return ObjectTree(insert(root_, id, object, priorityOf(id)));
}

ObjectTree ObjectTree::without(const ObjectId& id) const { return ObjectTree(erase(root_, id)); }

size_t ObjectTree::countBefore(const ObjectId& bound) const {
  size_t count = 0;
  const Node* node = root_.get();
  while (node) {
    if (node->id < bound) {
      count += sizeOf(node->left) + 1;
      node = node->right.get();
    } else {
      node = node->left.get();
    }
  }
  return count;
}

void ObjectTree::visitFrom(const ObjectId& from, bool inclusive, const Visitor& visitor) const {
  visit(root_.get(), from, inclusive, visitor);
}

void ObjectTree::visitNamespace(const std::string& namespaceName, const Visitor& visitor) const {
  if (namespaceName.empty()) {
    visitAll(visitor);
    return;
  }
  visitFrom({namespaceName, ""}, true, [&](const ObjectId& id, const ObjectPtr& object) {
    return id.first == namespaceName && visitor(id, object);
  });
}

}  // namespace ho::kube
