// The libgit2 callbacks of one fetch: credentials, SSH host key check, deadline.
#include "chart/git/remote_callbacks.h"

#include "chart/git/known_hosts.h"
#include "chart/git/libgit2.h"

namespace ho::chart::git {
namespace {

// libgit2 asks again after a rejected credential; a second ask means the first was refused.
constexpr int kMaxCredentialAttempts = 1;

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
  const std::string_view key(hostKey->hostkey, hostKey->hostkey_len);
  if (knownHostsAccept(knownHosts, host, state.sshPort, key)) return 0;
  state.failure = "the SSH host key of " + knownHostsName(host, state.sshPort) + " is not in known_hosts";
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
