// base64 through OpenSSL's block encoder.
#include "kube/server/base64.h"

#include <openssl/evp.h>

#include <vector>

namespace ho::kube {

std::string base64Encode(std::string_view bytes) {
  std::vector<unsigned char> out(4 * ((bytes.size() + 2) / 3) + 1);
  const int written = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<size_t>(written));
}

}  // namespace ho::kube
