// The libgit2 remote callbacks of one fetch: they present the Credentials
// (HTTPS username/password, SSH key), check an SSH server's host key against
// known_hosts, and cancel the transfer once its deadline has passed. Each
// gives up after one refused credential instead of asking forever.
#pragma once

#include <git2.h>

#include <chrono>
#include <string>

#include "chart/git/credentials.h"

namespace ho::chart::git {

struct CallbackState {
  const Credentials* credentials = nullptr;
  int sshPort = 22;  // of the remote, for its known_hosts name
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  int credentialAttempts = 0;
  std::string failure;  // why a callback stopped the fetch (authentication, host key, deadline)
};

// Fills the callbacks of `callbacks` (payload = `state`, which must outlive the fetch).
void installCallbacks(git_remote_callbacks& callbacks, CallbackState& state);

}  // namespace ho::chart::git
