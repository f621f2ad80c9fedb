// Writing a repository index like `helm repo index`: every chart archive in
// DIR and its direct subfolders, URLs joined to --url, digests, merging into an
// existing index, and the YAML Helm writes (sorted keys, newest versions first).
#pragma once

#include <string>

#include "chart/repo/index.h"

namespace ho::chart::repo {

// repo.IndexDirectory: DIR/*.tgz then DIR/*/*.tgz; files that do not load as
// charts are skipped. `baseUrl` "" gives relative urls ("sub/a-1.0.0.tgz").
RepoResult<IndexFile> indexDirectory(const std::string& dir, const std::string& baseUrl);

// IndexFile.Merge: adds the entries of `other` whose name and version `index` lacks.
void mergeIndex(IndexFile& index, const IndexFile& other);

// An empty index (apiVersion v1, generated now).
IndexFile newIndexFile();

// The YAML of `index` as Helm's IndexFile.WriteFile writes it.
RepoResult<std::string> renderIndex(const IndexFile& index);

// time.Now() in Go's RFC3339Nano, UTC ("2026-01-02T03:04:05.123456789Z").
std::string rfc3339NanoNow();

}  // namespace ho::chart::repo
