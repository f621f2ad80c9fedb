// libgit2 (Debian's libgit2.so.1.5) bound with dlopen on first use, like
// libcurl in chart/repo/curl_on_demand.cpp: the library and its ~15 shared
// dependencies (libssh2, libhttp_parser, GnuTLS/OpenSSL, ...) cost start-up
// time that `template` with a local chart should not pay. The headers are used
// only for types and signatures (decltype), so the binary has no NEEDED entry
// for libgit2; the entry points are members of Libgit2, called through it.
#pragma once

#include <git2.h>

#include <memory>
#include <string>

#include "core/error.h"

namespace ho::chart::git {

// Every libgit2 function this program calls.
#define HO_LIBGIT2_FUNCTIONS(X)                                                                                \
  X(git_libgit2_init)                                                                                          \
  X(git_error_last)                                                                                            \
  X(git_repository_init)                                                                                       \
  X(git_repository_open_bare)                                                                                  \
  X(git_repository_free)                                                                                       \
  X(git_remote_create_anonymous)                                                                               \
  X(git_remote_fetch)                                                                                          \
  X(git_remote_free)                                                                                           \
  X(git_fetch_options_init)                                                                                    \
  X(git_revparse_single)                                                                                       \
  X(git_object_id)                                                                                             \
  X(git_object_free)                                                                                           \
  X(git_commit_lookup)                                                                                         \
  X(git_commit_tree)                                                                                           \
  X(git_commit_free)                                                                                           \
  X(git_tree_lookup)                                                                                           \
  X(git_tree_id)                                                                                               \
  X(git_tree_free)                                                                                             \
  X(git_tree_walk)                                                                                             \
  X(git_tree_entry_bypath)                                                                                     \
  X(git_tree_entry_free)                                                                                       \
  X(git_tree_entry_id)                                                                                         \
  X(git_tree_entry_name)                                                                                       \
  X(git_tree_entry_type)                                                                                       \
  X(git_tree_entry_filemode)                                                                                   \
  X(git_blob_lookup)                                                                                           \
  X(git_blob_rawcontent)                                                                                       \
  X(git_blob_rawsize)                                                                                          \
  X(git_blob_free)                                                                                             \
  X(git_oid_fromstr)                                                                                           \
  X(git_oid_tostr)                                                                                             \
  X(git_credential_userpass_plaintext_new)                                                                     \
  X(git_credential_ssh_key_memory_new)

struct Libgit2 {
#define HO_LIBGIT2_SLOT(name) decltype(&::name) name = nullptr;
  HO_LIBGIT2_FUNCTIONS(HO_LIBGIT2_SLOT)
#undef HO_LIBGIT2_SLOT
};

// The loaded and initialised library, or why it could not be loaded.
Result<const Libgit2*> loadLibgit2();
// The library once loadLibgit2() has succeeded (objects below only exist after that).
const Libgit2& libgit2();

// libgit2's message for the last failed call (git_error_last), or the code.
std::string lastGitError(int code);

// Owning handles for libgit2 objects, freed with the library's own functions.
template <typename T, auto Free>
struct GitFree {
  void operator()(T* object) const {
    if (object != nullptr) (libgit2().*Free)(object);
  }
};
using RepositoryHandle = std::unique_ptr<git_repository, GitFree<git_repository, &Libgit2::git_repository_free>>;
using RemoteHandle = std::unique_ptr<git_remote, GitFree<git_remote, &Libgit2::git_remote_free>>;
using ObjectHandle = std::unique_ptr<git_object, GitFree<git_object, &Libgit2::git_object_free>>;
using CommitHandle = std::unique_ptr<git_commit, GitFree<git_commit, &Libgit2::git_commit_free>>;
using TreeHandle = std::unique_ptr<git_tree, GitFree<git_tree, &Libgit2::git_tree_free>>;
using TreeEntryHandle = std::unique_ptr<git_tree_entry, GitFree<git_tree_entry, &Libgit2::git_tree_entry_free>>;
using BlobHandle = std::unique_ptr<git_blob, GitFree<git_blob, &Libgit2::git_blob_free>>;

// The 40-digit hex form of `oid`.
std::string oidHex(const git_oid& oid);

}  // namespace ho::chart::git
