// Helm's repositories.yaml (repo.File): the named repositories `helm repo add`
// records, with their credentials and TLS settings, and the default locations
// of that file and of the repository cache (HELM_REPOSITORY_CONFIG,
// HELM_REPOSITORY_CACHE, then the XDG folders, as Helm finds them).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chart/repo/chart_repository.h"

namespace ho::chart::repo {

// The repositories of a repositories.yaml; a missing file is an empty list.
RepoResult<std::vector<RepositoryConfig>> loadRepositoriesFile(const std::string& path);

// The entry named `name`, if any.
std::optional<RepositoryConfig> findRepository(const std::vector<RepositoryConfig>& repositories,
                                               std::string_view name);

std::string defaultRepositoryConfigPath();
std::string defaultRepositoryCachePath();

}  // namespace ho::chart::repo
