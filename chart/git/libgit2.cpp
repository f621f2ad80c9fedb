// Loading libgit2.so.1.5 on first use and binding the entry points in Libgit2.
#include "chart/git/libgit2.h"

#include <dlfcn.h>

namespace ho::chart::git {
namespace {

constexpr const char* kLibraryName = "libgit2.so.1.5";

struct Loaded {
  Libgit2 functions;
  std::string error;  // empty when every entry point was bound and the library initialised
};

template <typename Function>
bool bind(void* handle, Function& slot, const char* name) {
  slot = reinterpret_cast<Function>(dlsym(handle, name));
  return slot != nullptr;
}

Loaded load() {
  Loaded loaded;
  void* handle = dlopen(kLibraryName, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    loaded.error = std::string("git support needs ") + kLibraryName + ": " + (why ? why : "cannot be loaded");
    return loaded;
  }
  Libgit2& f = loaded.functions;
#define HO_LIBGIT2_BIND(name)                                                              \
  if (!bind(handle, f.name, #name)) {                                                      \
    loaded.error = std::string(kLibraryName) + " has no entry point " #name;                \
    return loaded;                                                                         \
  }
  HO_LIBGIT2_FUNCTIONS(HO_LIBGIT2_BIND)
#undef HO_LIBGIT2_BIND
  if (int code = f.git_libgit2_init(); code < 0) loaded.error = "git_libgit2_init failed with code " + std::to_string(code);
  return loaded;
}

const Loaded& loadedLibrary() {
  static const Loaded library = load();
  return library;
}

}  // namespace

Result<const Libgit2*> loadLibgit2() {
  const Loaded& library = loadedLibrary();
  if (!library.error.empty()) return Error{library.error};
  return &library.functions;
}

const Libgit2& libgit2() { return loadedLibrary().functions; }

std::string lastGitError(int code) {
  const git_error* error = libgit2().git_error_last();
  if (error != nullptr && error->message != nullptr && *error->message != '\0') return error->message;
  return "libgit2 error " + std::to_string(code);
}

std::string oidHex(const git_oid& oid) {
  char text[GIT_OID_HEXSZ + 1];
  libgit2().git_oid_tostr(text, sizeof text, &oid);
  return text;
}

}  // namespace ho::chart::git
