// Merge patches between manifest objects and live objects.
#include "controller/action/three_way_patch.h"

namespace ho::controller {

namespace {

using nlohmann::json;

// Whether `live` already has everything `wanted` asks for (extra live fields allowed).
bool satisfies(const json& live, const json& wanted) {
  if (wanted.is_object()) {
    if (!live.is_object()) return false;
    for (const auto& [key, value] : wanted.items()) {
      const auto found = live.find(key);
      if (found == live.end()) {
        if (!value.is_null()) return false;
        continue;
      }
      if (!satisfies(*found, value)) return false;
    }
    return true;
  }
  if (wanted.is_array()) {
    if (!live.is_array() || live.size() != wanted.size()) return false;
    for (size_t i = 0; i < wanted.size(); ++i) {
      if (!satisfies(live[i], wanted[i])) return false;
    }
    return true;
  }
  if (wanted.is_number() && live.is_number()) return wanted.get<double>() == live.get<double>();
  return live == wanted;
}

}  // namespace

json threeWayMergePatch(const json& original, const json& modified, const json& current) {
  json patch = json::object();
  if (!modified.is_object()) return patch;
  for (const auto& [key, wanted] : modified.items()) {
    const auto live = current.is_object() ? current.find(key) : current.end();
    if (!current.is_object() || live == current.end()) {
      if (!wanted.is_null()) patch[key] = wanted;
      continue;
    }
    if (wanted.is_object() && live->is_object()) {
      const json& before = original.is_object() && original.contains(key) ? original[key] : json::object();
      json nested = threeWayMergePatch(before, wanted, *live);
      if (!nested.empty()) patch[key] = std::move(nested);
      continue;
    }
    if (!satisfies(*live, wanted)) patch[key] = wanted;
  }
  if (original.is_object()) {
    for (const auto& [key, value] : original.items()) {
      if (!modified.contains(key) && current.is_object() && current.contains(key)) patch[key] = nullptr;
    }
  }
  return patch;
}

json twoWayMergePatch(const json& original, const json& modified) {
  json patch = json::object();
  for (const auto& [key, wanted] : modified.items()) {
    const auto before = original.is_object() ? original.find(key) : original.end();
    if (!original.is_object() || before == original.end()) {
      patch[key] = wanted;
    } else if (wanted.is_object() && before->is_object()) {
      json nested = twoWayMergePatch(*before, wanted);
      if (!nested.empty()) patch[key] = std::move(nested);
    } else if (*before != wanted) {
      patch[key] = wanted;
    }
  }
  if (original.is_object()) {
    for (const auto& [key, value] : original.items()) {
      if (!modified.contains(key)) patch[key] = nullptr;
    }
  }
  return patch;
}

}  // namespace ho::controller
