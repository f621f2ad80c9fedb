// Discovery with a cache: which resource path serves a kind, whether it is
// namespaced, and the API versions and server version for .Capabilities.
// A kind that is not in the cache triggers one fresh discovery (a CRD may
// just have been created), as client-go's deferred discovery mapper does.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kube/client/rest_client.h"

namespace ho::kube::client {

struct ServerVersion {
  std::string gitVersion;  // "v1.32.0"
  std::string major;
  std::string minor;
};

class RestMapper {
 public:
  explicit RestMapper(std::shared_ptr<RestClient> client);

  // The resource for `apiVersion` ("apps/v1", "v1") and `kind`; a 404
  // ApiError "no matches for kind ..." when the server does not serve it.
  ApiResult<ResourceType> resourceFor(std::string_view apiVersion, std::string_view kind);
  // Every served "group/version" plus "group/version/Kind" (Helm's GetVersionSet).
  ApiResult<std::vector<std::string>> apiVersions();
  ApiResult<ServerVersion> serverVersion();
  // Forgets the cache; the next lookup rediscovers.
  void invalidate();

 private:
  ApiResult<bool> refreshLocked();

  std::shared_ptr<RestClient> client_;
  std::mutex mutex_;
  bool loaded_ = false;
  std::map<std::string, ResourceType> byGroupVersionKind_;  // "apps/v1/Deployment"
  std::vector<std::string> groupVersions_;
};

}  // namespace ho::kube::client
