// Credentials read from Secret data, their fingerprint and redaction.
#include "chart/git/credentials.h"

#include "chart/repo/digest.h"

namespace ho::chart::git {
namespace {

std::string valueOf(const std::map<std::string, std::string>& data, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (auto found = data.find(key); found != data.end()) return found->second;
  }
  return {};
}

}  // namespace

Credentials Credentials::fromSecretData(const std::map<std::string, std::string>& data) {
  Credentials credentials;
  credentials.username = valueOf(data, {"username"});
  credentials.password = valueOf(data, {"password"});
  credentials.bearerToken = valueOf(data, {"bearerToken", "token"});
  credentials.identity = valueOf(data, {"identity", "ssh-privatekey"});
  credentials.passphrase = valueOf(data, {"passphrase"});
  credentials.knownHosts = valueOf(data, {"known_hosts"});
  return credentials;
}

bool Credentials::empty() const {
  return username.empty() && password.empty() && bearerToken.empty() && identity.empty() && knownHosts.empty();
}

std::string Credentials::fingerprint() const {
  if (empty()) return {};
  return repo::sha256Hex(username + '\n' + password + '\n' + bearerToken + '\n' + identity + '\n' + passphrase +
                         '\n' + knownHosts);
}

std::string Credentials::redact(std::string text) const {
  for (const std::string* secret : {&password, &bearerToken, &identity, &passphrase}) {
    if (secret->empty()) continue;
    for (auto at = text.find(*secret); at != std::string::npos; at = text.find(*secret, at)) {
      text.replace(at, secret->size(), "*****");
    }
  }
  return text;
}

}  // namespace ho::chart::git
