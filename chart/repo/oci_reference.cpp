// Parsing oci:// references and mapping chart versions to tags.
#include "chart/repo/oci_reference.h"

#include <algorithm>
#include <cctype>

namespace ho::chart::repo {
namespace {

bool isLoopbackHost(std::string_view registry) {
  std::string_view host = registry;
  if (host.starts_with('[')) {
    host = host.substr(1, host.find(']') - 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

bool isLowerAlnum(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::islower(byte) || std::isdigit(byte);
}

// One path component of the OCI distribution name grammar: [a-z0-9]+ joined by ".", "_", "__" or "-"s.
bool validComponent(std::string_view component) {
  if (component.empty() || !isLowerAlnum(component.front()) || !isLowerAlnum(component.back())) return false;
  return std::all_of(component.begin(), component.end(),
                     [](char c) { return isLowerAlnum(c) || c == '.' || c == '_' || c == '-'; });
}

bool validRepository(std::string_view path) {
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    if (!validComponent(path.substr(start, slash == std::string_view::npos ? slash : slash - start))) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

}  // namespace

std::string OciReference::origin() const { return std::string(plainHttp ? "http://" : "https://") + registry; }

std::string OciReference::apiBase() const { return origin() + "/v2/" + repository; }

std::string OciReference::url() const { return std::string(kOciScheme) + registry + "/" + repository; }

bool isOciUrl(std::string_view url) { return url.starts_with(kOciScheme); }

RepoResult<OciReference> parseOciReference(std::string_view url, std::string_view chartName) {
  const auto invalid = [&](const std::string& why) {
    return RepoError{RepoErrorKind::InvalidReference, "invalid OCI reference \"" + std::string(url) + "\": " + why};
  };
  if (!isOciUrl(url)) return invalid("it does not start with oci://");
  std::string_view rest = url.substr(kOciScheme.size());
  while (rest.ends_with('/')) rest.remove_suffix(1);
  const auto slash = rest.find('/');
  if (slash == 0 || rest.empty()) return invalid("no registry host");
  OciReference reference;
  reference.registry = std::string(rest.substr(0, slash));
  reference.repository = slash == std::string_view::npos ? "" : std::string(rest.substr(slash + 1));
  if (!chartName.empty()) {
    reference.repository += (reference.repository.empty() ? "" : "/") + std::string(chartName);
  }
  if (reference.repository.empty()) return invalid("no repository path");
  if (reference.repository.find_first_of(":@") != std::string::npos) {
    return invalid("a tag or digest belongs in the version, not the reference");
  }
  if (!validRepository(reference.repository)) {
    return invalid("repository \"" + reference.repository +
                   "\" must be lower-case letters, digits and separators (. _ -) in /-separated parts");
  }
  reference.plainHttp = isLoopbackHost(reference.registry);
  return reference;
}

std::string versionToTag(std::string_view version) {
  std::string tag(version);
  std::replace(tag.begin(), tag.end(), '+', '_');
  return tag;
}

std::string tagToVersion(std::string_view tag) {
  std::string version(tag);
  std::replace(version.begin(), version.end(), '_', '+');
  return version;
}

}  // namespace ho::chart::repo
