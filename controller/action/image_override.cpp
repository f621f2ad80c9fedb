// Image overrides (kustomize's imagetag filters and image.Split/IsImageMatched).
#include "controller/action/image_override.h"

#include <re2/re2.h>

namespace ho::controller {
namespace {

bool rewriteContainers(nlohmann::json& containers, const ImageOverride& override) {
  if (!containers.is_array()) return false;
  bool changed = false;
  for (nlohmann::json& container : containers) {
    if (!container.is_object()) continue;
    const auto image = container.find("image");
    if (image == container.end() || !image->is_string()) continue;
    std::string rewritten = overrideImage(image->get<std::string>(), override);
    if (rewritten == image->get<std::string>()) continue;
    *image = std::move(rewritten);
    changed = true;
  }
  return changed;
}

// Every field named containers or initContainers, at any depth.
bool walk(nlohmann::json& node, const ImageOverride& override) {
  bool changed = false;
  if (node.is_array()) {
    for (nlohmann::json& item : node) changed |= walk(item, override);
  } else if (node.is_object()) {
    for (auto field = node.begin(); field != node.end(); ++field) {
      changed |= walk(field.value(), override);
      if (field.key() == "containers" || field.key() == "initContainers") {
        changed |= rewriteContainers(field.value(), override);
      }
    }
  }
  return changed;
}

}  // namespace

ImageReference splitImage(std::string_view image) {
  // A host (before the first "/") may carry a port: ":" and "@" count after it.
  const std::size_t slash = image.find('/');
  const std::size_t searchFrom = slash != std::string_view::npos && slash > 0 ? slash : 0;
  const std::size_t at = image.find('@', searchFrom);
  const std::size_t colon = image.find(':', searchFrom);
  constexpr std::size_t none = std::string_view::npos;
  if (colon == none && at == none) return {std::string(image), "", ""};
  if (at != none && (colon == none || at < colon)) {
    return {std::string(image.substr(0, at)), "", std::string(image.substr(at + 1))};
  }
  if (at != none) {
    return {std::string(image.substr(0, colon)), std::string(image.substr(colon + 1, at - colon - 1)),
            std::string(image.substr(at + 1))};
  }
  return {std::string(image.substr(0, colon)), std::string(image.substr(colon + 1)), ""};
}

bool imageNameMatches(std::string_view image, const std::string& name) {
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 pattern("^" + name + "(:[a-zA-Z0-9_.{}-]*)?(@[a-zA-Z0-9]+([.+_-][a-zA-Z0-9]+)*:[a-zA-Z0-9_.{}-]*)?$",
                    options);
  return pattern.ok() && RE2::PartialMatch(image, pattern);
}

std::string overrideImage(std::string_view image, const ImageOverride& override) {
  if (!imageNameMatches(image, override.name)) return std::string(image);
  ImageReference reference = splitImage(image);
  if (!override.newName.empty()) reference.name = override.newName;
  if (!override.newTag.empty() || !override.digest.empty()) {
    reference.tag = override.newTag;
    reference.digest = override.digest;
  }
  std::string rewritten = reference.name;
  if (!reference.tag.empty()) rewritten += ":" + reference.tag;
  if (!reference.digest.empty()) rewritten += "@" + reference.digest;
  return rewritten;
}

bool overrideImages(nlohmann::json& object, const ImageOverride& override) {
  if (object.value("kind", "") == "CustomResourceDefinition") return false;
  return walk(object, override);
}

}  // namespace ho::controller
