// MirrorPool: mirrors keyed by URL and credentials, each in its own folder.
#include "chart/git/mirror_pool.h"

#include "chart/repo/digest.h"

namespace ho::chart::git {

MirrorPool::MirrorPool(std::string cacheDir, MirrorOptions options)
    : cacheDir_(std::move(cacheDir)), options_(options) {}

std::shared_ptr<Mirror> MirrorPool::get(const std::string& url, const Credentials& credentials) {
  const std::string key = repo::sha256Hex(url + '\n' + credentials.fingerprint());
  std::lock_guard lock(mutex_);
  auto& slot = mirrors_[key];
  if (!slot) slot = std::make_shared<Mirror>(url, credentials, cacheDir_ + "/" + key.substr(0, 32) + ".git", options_);
  return slot;
}

std::vector<std::shared_ptr<Mirror>> MirrorPool::all() {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<Mirror>> all;
  for (const auto& [key, mirror] : mirrors_) all.push_back(mirror);
  return all;
}

std::vector<Error> MirrorPool::refreshAll() {
  std::vector<Error> errors;
  for (const auto& mirror : all()) {
    if (auto fetched = mirror->refresh(true); !fetched) errors.push_back(fetched.error());
  }
  return errors;
}

std::size_t MirrorPool::size() {
  std::lock_guard lock(mutex_);
  return mirrors_.size();
}

std::uint64_t MirrorPool::fetchCount() {
  std::uint64_t count = 0;
  for (const auto& mirror : all()) count += mirror->fetchCount();
  return count;
}

}  // namespace ho::chart::git
