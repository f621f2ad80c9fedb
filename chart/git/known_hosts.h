// known_hosts matching for the SSH host key check of a git fetch, as OpenSSH
// reads the file: host fields of comma-separated names, "host" for port 22
// and "[host]:port" for any other port, hashed names "|1|SALT|HASH" (HASH =
// HMAC-SHA1 of the name keyed with SALT, both base64, as `ssh-keygen -H` and
// HashKnownHosts write them), "#" comments, and the @revoked marker (a
// revoked key is refused even when another line lists it). @cert-authority
// lines are skipped: host certificates are not checked.
#pragma once

#include <string>
#include <string_view>

namespace ho::chart::git {

// The name known_hosts lists host:port under: "host" for 22, else "[host]:port".
std::string knownHostsName(std::string_view host, int port);

// The SSH port of a git remote URL: ssh://[user@]host[:port]/path gives its
// port (22 when absent), as does the scp-like user@host:path form.
int sshPortOf(std::string_view url);

// Whether one entry of a host field, plain or hashed, names `name`.
bool hostEntryMatches(std::string_view entry, std::string_view name);

// Whether `knownHosts` accepts the host key `keyBlob` (its raw SSH wire form) for `host` on `port`.
bool knownHostsAccept(std::string_view knownHosts, std::string_view host, int port, std::string_view keyBlob);

}  // namespace ho::chart::git
