// URL helpers for chart repositories (over libcurl's URL parser): resolving an
// index entry's `urls` against the repository URL as Helm's
// repo.ResolveReferenceURL does, and comparing hosts for credential passing.
#pragma once

#include <string>
#include <string_view>

namespace ho::chart::repo {

// An absolute `reference` is returned as is; a relative one is resolved against
// the repository URL taken as a folder ("http://h/charts" + "a-1.tgz" ->
// "http://h/charts/a-1.tgz"), keeping the repository URL's query.
std::string resolveReferenceUrl(std::string_view repoUrl, std::string_view reference);

// "host:port" of a URL ("" when it does not parse), for same-origin checks.
std::string urlAuthority(std::string_view url);

// repoUrl + "/index.yaml" (one slash between).
std::string indexUrl(std::string_view repoUrl);

}  // namespace ho::chart::repo
