// Names and retry policy of the repository error kinds.
#include "chart/repo/repo_error.h"

namespace ho::chart::repo {

const char* repoErrorKindName(RepoErrorKind kind) {
  switch (kind) {
    case RepoErrorKind::ChartNotFound: return "ChartNotFound";
    case RepoErrorKind::VersionNotFound: return "VersionNotFound";
    case RepoErrorKind::InvalidVersion: return "InvalidVersion";
    case RepoErrorKind::InvalidIndex: return "InvalidIndex";
    case RepoErrorKind::HttpStatus: return "HttpStatus";
    case RepoErrorKind::Unauthorized: return "Unauthorized";
    case RepoErrorKind::Network: return "Network";
    case RepoErrorKind::Timeout: return "Timeout";
    case RepoErrorKind::DigestMismatch: return "DigestMismatch";
    case RepoErrorKind::UnsafeArchive: return "UnsafeArchive";
    case RepoErrorKind::TooLarge: return "TooLarge";
    case RepoErrorKind::Io: return "Io";
    case RepoErrorKind::InvalidReference: return "InvalidReference";
  }
  return "Unknown";
}

bool RepoError::retryable() const {
  switch (kind) {
    case RepoErrorKind::ChartNotFound:
    case RepoErrorKind::VersionNotFound:
    case RepoErrorKind::Network:
    case RepoErrorKind::Timeout:
    case RepoErrorKind::InvalidIndex:
    case RepoErrorKind::DigestMismatch:
      return true;
    case RepoErrorKind::HttpStatus:
      return httpStatus == 404 || httpStatus == 429 || httpStatus >= 500;
    default:
      return false;
  }
}

}  // namespace ho::chart::repo
