// What `apiserver --tls` serves with: a self-signed CA, a serving
// certificate it signs (for the listen address, 127.0.0.1 and localhost)
// and the bearer token clients must present. Kept in the data directory so
// kubeconfigs stay valid across restarts; generated in memory without one.
#pragma once

#include <string>

#include "core/error.h"

namespace ho::kube {

struct TlsMaterial {
  std::string caCertificatePem;
  std::string certificatePem;  // the serving certificate
  std::string privateKeyPem;   // its key
  std::string token;           // the bearer token
};

// Loads ca.crt, tls.crt, tls.key and token from `directory`, creating any
// that are missing ("" = keep nothing on disk). `host` joins the
// certificate's subject alternative names.
Result<TlsMaterial> loadOrCreateTlsMaterial(const std::string& directory, const std::string& host);

}  // namespace ho::kube
