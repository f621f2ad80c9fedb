// The libgit2 callbacks of one fetch: credentials, SSH host key check, deadline.
#include "chart/git/remote_callbacks.h"

#include <openssl/evp.h>

#include <sstream>

#include "chart/git/libgit2.h"

namespace ho::chart::git {
namespace {

// libgit2 asks again after a rejected credential; a second ask means the first was refused.
constexpr int kMaxCredentialAttempts = 1;

std::string base64(const unsigned char* bytes, std::size_t size) {
  std::string text(4 * ((size + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), bytes, static_cast<int>(size));
  text.resize(static_cast<std::size_t>(written));
  return text;
}

// Whether a known_hosts host field ("host,other" or "[host]:port") names `host`.
bool namesHost(const std::string& hosts, const std::string& host) {
  std::istringstream list(hosts);
  std::string entry;
  while (std::getline(list, entry, ',')) {
    if (entry == host) return true;
    if (entry.starts_with("[" + host + "]")) return true;
  }
  return false;
}

// Whether `knownHosts` has a line for `host` whose key is `keyBase64`.
bool knownHostKey(const std::string& knownHosts, const std::string& host, const std::string& keyBase64) {
  std::istringstream lines(knownHosts);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string hosts, type, key;
    if (!(fields >> hosts >> type >> key) || hosts.starts_with("#")) continue;
    if (hosts.starts_with("@")) {  // a marker (@cert-authority, @revoked) shifts the fields
      hosts = type;
      type = key;
      if (!(fields >> key)) continue;
    }
    if (namesHost(hosts, host) && key == keyBase64) return true;
  }
  return false;
}

int acquireCredential(git_credential** out, const char* /*url*/, const char* usernameFromUrl, unsigned int allowedTypes,
                      void* payload) {
  auto& state = *static_cast<CallbackState*>(payload);
  const Credentials& credentials = *state.credentials;
  if (state.credentialAttempts++ >= kMaxCredentialAttempts) {
    state.failure = "the remote refused the credentials";
    return GIT_EUSER;
  }
  const Libgit2& lib = libgit2();
  if ((allowedTypes & GIT_CREDENTIAL_SSH_MEMORY) != 0 && !credentials.identity.empty()) {
    const std::string user = usernameFromUrl && *usernameFromUrl ? usernameFromUrl
                             : credentials.username.empty()     ? "git"
                                                                : credentials.username;
    return lib.git_credential_ssh_key_memory_new(out, user.c_str(), nullptr, credentials.identity.c_str(),
                                                 credentials.passphrase.c_str());
  }
  if ((allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT) != 0 && !credentials.password.empty()) {
    const std::string user = !credentials.username.empty()             ? credentials.username
                             : usernameFromUrl && *usernameFromUrl ? usernameFromUrl
                                                                   : "git";
    return lib.git_credential_userpass_plaintext_new(out, user.c_str(), credentials.password.c_str());
  }
  state.failure = std::string("the remote asks for credentials") +
                      (credentials.empty() ? " and none were given (spec.chart.secretRef)"
                                           : " of a kind the Secret does not hold");
  return GIT_EUSER;
}

int checkCertificate(git_cert* cert, int valid, const char* host, void* payload) {
  auto& state = *static_cast<CallbackState*>(payload);
  if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2) return valid ? 0 : GIT_PASSTHROUGH;
  const std::string& knownHosts = state.credentials->knownHosts;
  if (knownHosts.empty()) {
    state.failure = std::string("no known_hosts to check the SSH host key of ") + host + " against";
    return GIT_EUSER;
  }
  const auto* hostKey = reinterpret_cast<const git_cert_hostkey*>(cert);
  if ((hostKey->type & GIT_CERT_SSH_RAW) == 0) {
    state.failure = "the SSH server's host key is not available for checking";
    return GIT_EUSER;
  }
  const std::string key = base64(reinterpret_cast<const unsigned char*>(hostKey->hostkey), hostKey->hostkey_len);
  if (knownHostKey(knownHosts, host, key)) return 0;
  state.failure = std::string("the SSH host key of ") + host + " is not in known_hosts";
  return GIT_EUSER;
}

// Progress callbacks run while data flows: past the deadline they cancel the fetch.
bool pastDeadline(CallbackState& state) {
  if (std::chrono::steady_clock::now() < state.deadline) return false;
  state.failure = "timed out (the fetch took longer than the git timeout)";
  return true;
}

int transferProgress(const git_indexer_progress*, void* payload) {
  return pastDeadline(*static_cast<CallbackState*>(payload)) ? GIT_EUSER : 0;
}

int sidebandProgress(const char*, int, void* payload) {
  return pastDeadline(*static_cast<CallbackState*>(payload)) ? GIT_EUSER : 0;
}

}  // namespace

void installCallbacks(git_remote_callbacks& callbacks, CallbackState& state) {
  callbacks.credentials = acquireCredential;
  callbacks.certificate_check = checkCertificate;
  callbacks.transfer_progress = transferProgress;
  callbacks.sideband_progress = sidebandProgress;
  callbacks.payload = &state;
}

}  // namespace ho::chart::git
