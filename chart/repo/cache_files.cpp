// File helpers of the repository cache.
#include "chart/repo/cache_files.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "chart/repo/digest.h"
#include "core/file_bytes.h"

namespace ho::chart::repo {

namespace fs = std::filesystem;

std::optional<std::string> readCacheFile(const std::string& path) {
  auto bytes = readFileBytes(path);
  if (!bytes) return std::nullopt;
  return std::move(*bytes);
}

RepoResult<void> writeCacheFileAtomically(const std::string& path, std::string_view bytes) {
  static std::atomic<unsigned> counter{0};
  std::error_code ec;
  if (auto parent = fs::path(path).parent_path(); !parent.empty()) fs::create_directories(parent, ec);
  if (ec) return RepoError{RepoErrorKind::Io, "cannot create cache folder for " + path + ": " + ec.message()};
  std::string temporary = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      fs::remove(temporary, ec);
      return RepoError{RepoErrorKind::Io, "cannot write cache file " + temporary};
    }
  }
  fs::rename(temporary, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    return RepoError{RepoErrorKind::Io, "cannot replace cache file " + path + ": " + ec.message()};
  }
  return {};
}

std::string repositoryCacheKey(std::string_view repoUrl) {
  while (repoUrl.ends_with('/')) repoUrl.remove_suffix(1);
  return sha256Hex(repoUrl).substr(0, 16);
}

}  // namespace ho::chart::repo
