// Standard base64 (with padding), as Kubernetes writes Secret data in JSON.
#pragma once

#include <string>
#include <string_view>

namespace ho::kube {

std::string base64Encode(std::string_view bytes);

}  // namespace ho::kube
