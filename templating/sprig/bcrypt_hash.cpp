// bcrypt through libxcrypt's crypt_r, loaded at run time so the templating
// library needs no extra link flag.
#include "templating/sprig/bcrypt_hash.h"

#include <crypt.h>
#include <dlfcn.h>

#include <memory>

namespace ho::tmpl {

namespace {

using CryptR = char* (*)(const char*, const char*, crypt_data*);
using GenSalt = char* (*)(const char*, unsigned long, const char*, int, char*, int);

struct Libcrypt {
  CryptR cryptR = nullptr;
  GenSalt genSalt = nullptr;
};

const Libcrypt& libcrypt() {
  static const Libcrypt loaded = [] {
    Libcrypt l;
    void* handle = dlopen("libcrypt.so.1", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) return l;
    l.cryptR = reinterpret_cast<CryptR>(dlsym(handle, "crypt_r"));
    l.genSalt = reinterpret_cast<GenSalt>(dlsym(handle, "crypt_gensalt_rn"));
    return l;
  }();
  return loaded;
}

}  // namespace

Result<std::string> bcryptHash(std::string_view password, int cost) {
  if (password.size() > 72) return Error{"bcrypt: password length exceeds 72 bytes"};
  const Libcrypt& lib = libcrypt();
  if (lib.cryptR == nullptr || lib.genSalt == nullptr) return Error{"bcrypt: libcrypt.so.1 is not available"};
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  if (lib.genSalt("$2a$", static_cast<unsigned long>(cost), nullptr, 0, salt, sizeof salt) == nullptr) {
    return Error{"bcrypt: cannot make a salt"};
  }
  auto data = std::make_unique<crypt_data>();
  const std::string input(password);
  const char* hash = lib.cryptR(input.c_str(), salt, data.get());
  if (hash == nullptr || hash[0] == '*') return Error{"bcrypt: hashing failed"};
  return std::string(hash);
}

}  // namespace ho::tmpl
