// The built-in resource types the controller and its tests address directly
// (no discovery needed): one definition each.
#pragma once

#include "kube/client/rest_client.h"

namespace ho::kube::client {

inline const ResourceType kConfigMaps{"", "v1", "configmaps", "ConfigMap", true};
inline const ResourceType kSecrets{"", "v1", "secrets", "Secret", true};
inline const ResourceType kEvents{"", "v1", "events", "Event", true};
inline const ResourceType kNamespaces{"", "v1", "namespaces", "Namespace", false};
inline const ResourceType kLeases{"coordination.k8s.io", "v1", "leases", "Lease", true};

}  // namespace ho::kube::client
