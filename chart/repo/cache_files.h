// Reading and atomically replacing the files of the repository cache, so a
// crash or a concurrent reader never sees half a tarball or half an index.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "chart/repo/repo_error.h"

namespace ho::chart::repo {

// The whole file, or nullopt when it is missing or unreadable.
std::optional<std::string> readCacheFile(const std::string& path);

// Writes a temporary file beside `path` and renames it over `path`
// (creating the parent folders). Errors are Io.
RepoResult<void> writeCacheFileAtomically(const std::string& path, std::string_view bytes);

// A short stable key for a repository URL (trailing slashes ignored).
std::string repositoryCacheKey(std::string_view repoUrl);

}  // namespace ho::chart::repo
