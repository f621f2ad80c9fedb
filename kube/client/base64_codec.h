// Standard base64 with padding (Go's base64.StdEncoding), as Kubernetes
// carries Secret data and kubeconfig *-data fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ho::kube::client {

std::string base64Encode(std::string_view bytes);
// nullopt when `text` is not valid padded base64 (whitespace is ignored).
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace ho::kube::client
