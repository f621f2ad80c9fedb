// Write-through JSON files for the object store.
#include "kube/server/persistence.h"

#include <fstream>
#include <iostream>

#include "core/file_bytes.h"

namespace ho::kube {

namespace fs = std::filesystem;

fs::path DataDirectory::fileFor(const std::string& groupResource, const nlohmann::json& object) const {
  const nlohmann::json& metadata = object["metadata"];
  const std::string namespaceName = metadata.value("namespace", "");
  return root_ / "objects" / groupResource / (namespaceName.empty() ? "_cluster" : namespaceName) /
         (metadata.value("name", "") + ".json");
}

void DataDirectory::record(const WatchEvent& event) const {
  const fs::path file = fileFor(event.groupResource, event.object->object());
  std::error_code error;
  if (event.type == "DELETED") {
    fs::remove(file, error);
    return;
  }
  fs::create_directories(file.parent_path(), error);
  const fs::path temporary = file.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << event.object->json();
    if (!out) {
      std::cerr << "apiserver: cannot write " << temporary << "\n";
      return;
    }
  }
  fs::rename(temporary, file, error);
  if (error) std::cerr << "apiserver: cannot write " << file << ": " << error.message() << "\n";
}

Result<void> DataDirectory::load(ObjectStore& store) const {
  const fs::path objects = root_ / "objects";
  std::error_code error;
  fs::create_directories(objects, error);
  if (error) return Error{"cannot create data directory " + objects.string() + ": " + error.message()};
  for (const fs::directory_entry& resourceDir : fs::directory_iterator(objects)) {
    if (!resourceDir.is_directory()) continue;
    std::vector<nlohmann::json> loaded;
    for (const fs::directory_entry& file : fs::recursive_directory_iterator(resourceDir.path())) {
      if (!file.is_regular_file() || file.path().extension() != ".json") continue;
      auto text = readFileBytes(file.path().string());
      if (!text) return text.error();
      nlohmann::json object = nlohmann::json::parse(*text, nullptr, false);
      if (object.is_discarded() || !object.is_object()) {
        return Error{"corrupt object file " + file.path().string()};
      }
      loaded.push_back(std::move(object));
    }
    store.restore(resourceDir.path().filename().string(), std::move(loaded));
  }
  return {};
}

}  // namespace ho::kube
