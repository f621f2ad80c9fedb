// Mirror: fetching a bare mirror with libgit2 and reading commits from its object database.
#include "chart/git/mirror.h"

#include <algorithm>
#include <filesystem>

#include "chart/git/known_hosts.h"
#include "chart/git/remote_callbacks.h"
#include "chart/loader.h"

namespace ho::chart::git {
namespace {

// The URL without the password of any user:password@ it carries.
std::string displayUrl(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto authorityEnd = url.find('/', scheme + 3);
  const auto at = url.rfind('@', authorityEnd);
  if (at == std::string::npos || at < scheme) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "*****" + url.substr(at);
}

// "charts/app/", "./charts/app", "/charts/app" -> "charts/app"; "" and "." -> "".
std::string normalizePath(std::string_view path) {
  while (path.starts_with("./")) path.remove_prefix(2);
  while (path.starts_with('/')) path.remove_prefix(1);
  while (path.ends_with('/')) path.remove_suffix(1);
  return path == "." ? std::string() : std::string(path);
}

// What the tree walk collects; the first error stops it.
struct ExportWalk {
  git_repository* repository;
  std::vector<File> files;
  std::string error;
};

int exportEntry(const char* root, const git_tree_entry* entry, void* payload) {
  auto& walk = *static_cast<ExportWalk*>(payload);
  const Libgit2& lib = libgit2();
  if (lib.git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;  // trees are walked, submodules skipped
  const std::string name = std::string(root) + lib.git_tree_entry_name(entry);
  if (lib.git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) {
    walk.error = "symbolic link " + name + ": symbolic links are not supported in charts from git";
    return -1;
  }
  git_blob* raw = nullptr;
  if (int code = lib.git_blob_lookup(&raw, walk.repository, lib.git_tree_entry_id(entry)); code < 0) {
    walk.error = "reading " + name + ": " + lastGitError(code);
    return -1;
  }
  BlobHandle blob(raw);
  const auto size = static_cast<std::size_t>(lib.git_blob_rawsize(blob.get()));
  if (size > kMaxDecompressedFileSize) {
    walk.error = "chart file \"" + name + "\" is larger than the maximum file size " +
                 std::to_string(kMaxDecompressedFileSize);
    return -1;
  }
  walk.files.push_back(File{name, std::string(static_cast<const char*>(lib.git_blob_rawcontent(blob.get())), size)});
  return 0;
}

// Whether the last libgit2 error is about reaching the remote (connecting,
// name resolution, TLS, a dropped connection).
bool networkFailure() {
  const git_error* error = libgit2().git_error_last();
  if (error == nullptr) return false;
  return error->klass == GIT_ERROR_NET || error->klass == GIT_ERROR_OS || error->klass == GIT_ERROR_SSL;
}

}  // namespace

Mirror::Mirror(std::string url, Credentials credentials, std::string directory, MirrorOptions options)
    : url_(std::move(url)),
      credentials_(std::move(credentials)),
      directory_(std::move(directory)),
      options_(options) {}

std::string Mirror::describe(const std::string& what) const {
  return credentials_.redact(what + " " + displayUrl(url_));
}

Result<void> Mirror::openLocked() {
  if (repository_) return {};
  if (auto loaded = loadLibgit2(); !loaded) return loaded.error();
  const Libgit2& lib = libgit2();
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  if (ec) return Error{"cannot create the git mirror directory " + directory_ + ": " + ec.message()};
  git_repository* raw = nullptr;
  if (lib.git_repository_open_bare(&raw, directory_.c_str()) < 0) {
    if (int code = lib.git_repository_init(&raw, directory_.c_str(), 1); code < 0) {
      return Error{"cannot create the git mirror in " + directory_ + ": " + lastGitError(code)};
    }
  }
  repository_.reset(raw);
  return {};
}

Result<void> Mirror::fetchLocked() {
  if (auto opened = openLocked(); !opened) return opened;
  const Libgit2& lib = libgit2();
  ++fetches_;
  const Clock::time_point started = Clock::now();
  git_remote* rawRemote = nullptr;
  int code = lib.git_remote_create_anonymous(&rawRemote, repository_.get(), url_.c_str());
  RemoteHandle remote(rawRemote);
  CallbackState state;
  if (code >= 0) {
    git_fetch_options options;
    lib.git_fetch_options_init(&options, GIT_FETCH_OPTIONS_VERSION);
    state.credentials = &credentials_;
    state.sshPort = sshPortOf(url_);
    state.deadline = started + options_.timeout;
    installCallbacks(options.callbacks, state);
    options.prune = GIT_FETCH_PRUNE;
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
    std::string authorization = "Authorization: Bearer " + credentials_.bearerToken;
    char* headers[] = {authorization.data()};
    if (!credentials_.bearerToken.empty()) options.custom_headers = {headers, 1};
    std::string heads = "+refs/heads/*:refs/heads/*";
    std::string tags = "+refs/tags/*:refs/tags/*";
    char* refspecList[] = {heads.data(), tags.data()};
    const git_strarray refspecs{refspecList, 2};
    code = lib.git_remote_fetch(remote.get(), &refspecs, &options, nullptr);
  }
  if (code < 0) {
    // libgit2 1.5 does not always ask again after a refused credential (an
    // HTTP 401 to the second request ends in a parser error), so say that some were sent.
    std::string reason = state.failure.empty() ? lastGitError(code) : state.failure;
    if (state.failure.empty() && state.credentialAttempts > 0) {
      reason += " (after presenting credentials: the remote may have refused them)";
    } else if (state.failure.empty() && networkFailure()) {
      reason = "the remote is unreachable: " + reason;
    }
    backoff_ = std::min(backoff_.count() == 0 ? options_.minBackoff : backoff_ * 2, maxBackoff());
    retryAfter_ = Clock::now() + backoff_;
    lastFailure_ = describe("git fetch of") + " failed: " + credentials_.redact(reason);
    return Error{lastFailure_};
  }
  backoff_ = std::chrono::milliseconds(0);
  lastFailure_.clear();
  fetched_ = true;
  lastFetch_ = Clock::now();
  ++successfulFetches_;
  return {};
}

std::chrono::milliseconds Mirror::maxBackoff() const {
  if (options_.pollInterval.count() <= 0) return options_.maxBackoff;
  return std::min(options_.maxBackoff, options_.pollInterval);
}

Mirror::Clock::time_point Mirror::nextFetchDue() {
  std::lock_guard lock(mutex_);
  if (!lastFailure_.empty()) return retryAfter_;
  if (!fetched_) return Clock::now();
  return lastFetch_ + options_.pollInterval;
}

Result<void> Mirror::refresh(bool force) {
  const Clock::time_point asked = Clock::now();
  std::lock_guard lock(mutex_);
  const Clock::time_point now = Clock::now();
  if (!lastFailure_.empty() && now < retryAfter_) return Error{lastFailure_};
  if (fetched_ && lastFetch_ >= asked) return {};  // fetched by another caller while this one waited
  if (!force && fetched_ && lastFailure_.empty() && now - lastFetch_ < options_.pollInterval) return {};
  return fetchLocked();
}

Result<std::string> Mirror::commitOf(std::string_view ref) {
  std::lock_guard lock(mutex_);
  if (auto opened = openLocked(); !opened) return opened.error();
  const std::string spec = std::string(ref) + "^{commit}";
  git_object* raw = nullptr;
  if (libgit2().git_revparse_single(&raw, repository_.get(), spec.c_str()) < 0) {
    return Error{describe("git ref \"" + std::string(ref) + "\" (a branch, tag or commit) not found in")};
  }
  ObjectHandle commit(raw);
  return oidHex(*libgit2().git_object_id(commit.get()));
}

Result<std::string> Mirror::resolve(std::string_view ref) {
  if (ref.empty()) return Error{describe("an empty git ref for")};
  if (auto fresh = refresh(); !fresh) return fresh.error();
  if (auto known = commitOf(ref); known) return known;
  if (auto fetched = refresh(true); !fetched) return fetched.error();
  return commitOf(ref);
}

Result<TreeHandle> Mirror::treeAtLocked(std::string_view commitId, std::string_view path) {
  if (auto opened = openLocked(); !opened) return opened.error();
  const Libgit2& lib = libgit2();
  git_oid oid;
  const std::string id(commitId);
  git_commit* rawCommit = nullptr;
  if (lib.git_oid_fromstr(&oid, id.c_str()) < 0 || lib.git_commit_lookup(&rawCommit, repository_.get(), &oid) < 0) {
    return Error{describe("commit " + id + " not found in")};
  }
  CommitHandle commit(rawCommit);
  git_tree* rawTree = nullptr;
  if (int code = lib.git_commit_tree(&rawTree, commit.get()); code < 0) {
    return Error{describe("reading commit " + id + " of") + ": " + lastGitError(code)};
  }
  TreeHandle root(rawTree);
  const std::string relative = normalizePath(path);
  if (relative.empty()) return root;
  git_tree_entry* rawEntry = nullptr;
  if (lib.git_tree_entry_bypath(&rawEntry, root.get(), relative.c_str()) < 0) {
    return Error{describe("path \"" + relative + "\" not found in commit " + id + " of")};
  }
  TreeEntryHandle entry(rawEntry);
  if (lib.git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) {
    return Error{describe("path \"" + relative + "\" is not a directory in commit " + id + " of")};
  }
  git_tree* rawSubtree = nullptr;
  if (int code = lib.git_tree_lookup(&rawSubtree, repository_.get(), lib.git_tree_entry_id(entry.get())); code < 0) {
    return Error{describe("reading \"" + relative + "\" in commit " + id + " of") + ": " + lastGitError(code)};
  }
  return TreeHandle(rawSubtree);
}

Result<std::string> Mirror::readFile(std::string_view commit, std::string_view path) {
  std::lock_guard lock(mutex_);
  auto root = treeAtLocked(commit, "");
  if (!root) return root.error();
  const Libgit2& lib = libgit2();
  const std::string relative = normalizePath(path);
  git_tree_entry* rawEntry = nullptr;
  if (lib.git_tree_entry_bypath(&rawEntry, root->get(), relative.c_str()) < 0) {
    return Error{describe("file \"" + relative + "\" not found in commit " + std::string(commit) + " of")};
  }
  TreeEntryHandle entry(rawEntry);
  git_blob* rawBlob = nullptr;
  if (lib.git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB ||
      lib.git_blob_lookup(&rawBlob, repository_.get(), lib.git_tree_entry_id(entry.get())) < 0) {
    return Error{describe("\"" + relative + "\" is not a readable file in commit " + std::string(commit) + " of")};
  }
  BlobHandle blob(rawBlob);
  return std::string(static_cast<const char*>(lib.git_blob_rawcontent(blob.get())),
                     static_cast<std::size_t>(lib.git_blob_rawsize(blob.get())));
}

Result<std::string> Mirror::treeId(std::string_view commit, std::string_view path) {
  std::lock_guard lock(mutex_);
  auto tree = treeAtLocked(commit, path);
  if (!tree) return tree.error();
  return oidHex(*libgit2().git_tree_id(tree->get()));
}

Result<std::vector<File>> Mirror::exportFiles(std::string_view commit, std::string_view path) {
  std::lock_guard lock(mutex_);
  auto tree = treeAtLocked(commit, path);
  if (!tree) return tree.error();
  ExportWalk walk{repository_.get(), {}, {}};
  if (int code = libgit2().git_tree_walk(tree->get(), GIT_TREEWALK_PRE, exportEntry, &walk); code < 0) {
    return Error{describe("exporting \"" + normalizePath(path) + "\" at " + std::string(commit) + " of") + ": " +
                 (walk.error.empty() ? lastGitError(code) : walk.error)};
  }
  return std::move(walk.files);
}

}  // namespace ho::chart::git
