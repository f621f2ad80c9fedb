// Credentials for a git remote, as the controller reads them from the Secret
// a HelmRelease's spec.chart.secretRef names (plain data here; this module
// never talks to a cluster): HTTPS username/password or bearer token, or an
// SSH private key with the known_hosts its server's key must match. Errors
// that could echo a secret go through redact().
#pragma once

#include <map>
#include <string>

namespace ho::chart::git {

struct Credentials {
  std::string username;     // HTTPS (and the SSH user when the URL names none)
  std::string password;     // HTTPS password or personal access token
  std::string bearerToken;  // HTTPS "Authorization: Bearer"
  std::string identity;     // SSH private key (PEM / OpenSSH)
  std::string passphrase;   // of the SSH private key
  std::string knownHosts;   // SSH known_hosts lines the server's key must match

  // From a Secret's data (already decoded): keys username, password,
  // bearerToken (or token), identity (or ssh-privatekey), passphrase, known_hosts.
  static Credentials fromSecretData(const std::map<std::string, std::string>& data);

  bool empty() const;
  // A digest of everything (secrets included), to tell credential sets apart without holding them.
  std::string fingerprint() const;
  // `text` with every secret value replaced by "*****".
  std::string redact(std::string text) const;
};

}  // namespace ho::chart::git
