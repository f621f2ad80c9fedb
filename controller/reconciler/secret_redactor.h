// Keeps values read from Secrets (valuesFrom secretKeyRef) out of everything
// the controller writes where others can read it: status conditions, Events
// and log lines. Every scalar of a Secret's values YAML (or, when the text is
// not YAML, every line and every value after "key:") becomes a secret string;
// messages have each one replaced by "*****". Strings shorter than four
// characters are left alone: they cannot be told apart from ordinary words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ho::controller {

class SecretRedactor {
 public:
  // Remembers the secret strings in `text`, the decoded content of one Secret key.
  void addSecretText(std::string_view text);
  // `message` with every remembered secret string replaced by "*****".
  std::string redact(std::string message) const;

 private:
  void addSecret(std::string_view secret);

  std::vector<std::string> secrets_;  // longest first, so a secret inside another is not half-redacted
};

}  // namespace ho::controller
