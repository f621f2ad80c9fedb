// Typed errors of the chart repository client. The controller needs to tell
// "the repository does not serve this version yet" (retry with backoff after
// refreshing the index) from a broken download or a hostile archive, so these
// errors carry a kind next to their message.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/error.h"

namespace ho::chart::repo {

enum class RepoErrorKind {
  ChartNotFound,    // the index has no chart of that name
  VersionNotFound,  // the chart exists but no version matches (yet)
  InvalidVersion,   // the requested version or range does not parse
  InvalidIndex,     // index.yaml is empty, malformed or has no apiVersion
  HttpStatus,       // the server answered with an error status (see httpStatus)
  Unauthorized,     // 401 or 403
  Network,          // connection refused, DNS, TLS, reset
  Timeout,          // the server was too slow
  DigestMismatch,   // the download does not match the index digest
  UnsafeArchive,    // the tarball is hostile (traversal, links, devices, bombs)
  TooLarge,         // a response exceeded its size limit
  Io,               // local filesystem trouble (cache, index files)
  InvalidReference, // a repository URL or OCI reference that cannot be used
};

// A stable name for logs and condition reasons ("VersionNotFound", ...).
const char* repoErrorKindName(RepoErrorKind kind);

struct RepoError {
  RepoErrorKind kind = RepoErrorKind::Network;
  std::string message;
  int httpStatus = 0;  // for HttpStatus and Unauthorized

  // True when retrying later (after refreshing the index) may succeed.
  bool retryable() const;
  Error toError() const { return Error{message}; }
};

// A value or a RepoError.
template <class T>
using RepoResult = Result<T, RepoError>;

}  // namespace ho::chart::repo
