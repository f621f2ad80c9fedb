// bcrypt password hashes ("$2a$10$..."), as golang.org/x/crypto/bcrypt's
// GenerateFromPassword makes them, computed by the system's libxcrypt.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace ho::tmpl {

// Errors read like Go's ("bcrypt: password length exceeds 72 bytes").
Result<std::string> bcryptHash(std::string_view password, int cost = 10);

}  // namespace ho::tmpl
