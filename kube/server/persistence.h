// --data-dir: every committed object is written through to
// DIR/objects/<group-resource>/<namespace or _cluster>/<name>.json (atomic
// rename), deletions remove the file, and a restart loads them back, so a
// restart loses nothing.
#pragma once

#include <filesystem>

#include "core/error.h"
#include "kube/server/object_store.h"

namespace ho::kube {

class DataDirectory {
 public:
  explicit DataDirectory(std::filesystem::path root) : root_(std::move(root)) {}

  // Loads the saved objects into the store.
  Result<void> load(ObjectStore& store) const;
  // Writes one committed change (a store commit listener).
  void record(const WatchEvent& event) const;

 private:
  std::filesystem::path fileFor(const std::string& groupResource, const nlohmann::json& object) const;

  std::filesystem::path root_;
};

}  // namespace ho::kube
