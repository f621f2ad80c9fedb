// kustomize's images transformer: the `image` of every container and init
// container (a list under a field named containers or initContainers, at any
// depth, in any object but a CustomResourceDefinition) whose image name is the
// override's gets the new name, tag or digest.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "controller/helmrelease/post_renderer_spec.h"

namespace ho::controller {

// An image reference split as kustomize splits it: [host[:port]/]path[:tag][@digest].
struct ImageReference {
  std::string name;
  std::string tag;
  std::string digest;
};
ImageReference splitImage(std::string_view image);

// Whether `image` is `name` with an optional tag and digest (`name` is read
// as a regular expression, as kustomize interpolates it).
bool imageNameMatches(std::string_view image, const std::string& name);

// `image` rewritten by `override`: a new tag drops the digest and a digest
// drops the tag unless both are given; an unmatched image is returned as is.
std::string overrideImage(std::string_view image, const ImageOverride& override);

// Applies `override` to every container image of `object`; whether any changed.
bool overrideImages(nlohmann::json& object, const ImageOverride& override);

}  // namespace ho::controller
