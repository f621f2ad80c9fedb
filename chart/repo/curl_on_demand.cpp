// The libcurl entry points this program uses, bound to libcurl.so.4 with
// dlopen on first call. libcurl drags in about 35 shared libraries (TLS, LDAP,
// Kerberos, IDN, ...) whose loading and relocation cost ~15 ms per process;
// `template` with a local chart never makes a request, so it should not pay
// that. The binary is therefore not linked against libcurl: these definitions
// stand in for the library's own and forward to it once it is loaded.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <dlfcn.h>

#include <cstdarg>

namespace {

struct CurlLibrary {
  void* handle = nullptr;
  decltype(&curl_global_init) globalInit = nullptr;
  decltype(&curl_easy_init) easyInit = nullptr;
  decltype(&curl_easy_setopt) easySetopt = nullptr;
  decltype(&curl_easy_perform) easyPerform = nullptr;
  decltype(&curl_easy_getinfo) easyGetinfo = nullptr;
  decltype(&curl_easy_cleanup) easyCleanup = nullptr;
  decltype(&curl_easy_strerror) easyStrerror = nullptr;
  decltype(&curl_slist_append) slistAppend = nullptr;
  decltype(&curl_slist_free_all) slistFreeAll = nullptr;
  decltype(&curl_url) url = nullptr;
  decltype(&curl_url_cleanup) urlCleanup = nullptr;
  decltype(&curl_url_get) urlGet = nullptr;
  decltype(&curl_url_set) urlSet = nullptr;
  decltype(&curl_free) free = nullptr;

  template <typename Function>
  bool bind(Function& slot, const char* name) {
    slot = reinterpret_cast<Function>(dlsym(handle, name));
    return slot != nullptr;
  }

  // True when the library and every entry point were found.
  bool load() {
    handle = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) return false;
    return bind(globalInit, "curl_global_init") && bind(easyInit, "curl_easy_init") &&
           bind(easySetopt, "curl_easy_setopt") && bind(easyPerform, "curl_easy_perform") &&
           bind(easyGetinfo, "curl_easy_getinfo") && bind(easyCleanup, "curl_easy_cleanup") &&
           bind(easyStrerror, "curl_easy_strerror") && bind(slistAppend, "curl_slist_append") &&
           bind(slistFreeAll, "curl_slist_free_all") && bind(url, "curl_url") && bind(urlCleanup, "curl_url_cleanup") &&
           bind(urlGet, "curl_url_get") && bind(urlSet, "curl_url_set") && bind(free, "curl_free");
  }
};

// The loaded library, or nullptr when libcurl.so.4 is missing or incomplete.
const CurlLibrary* curlLibrary() {
  static const CurlLibrary* const loaded = [] {
    static CurlLibrary library;
    return library.load() ? &library : nullptr;
  }();
  return loaded;
}

}  // namespace

extern "C" {

CURLcode curl_global_init(long flags) {
  auto* lib = curlLibrary();
  return lib ? lib->globalInit(flags) : CURLE_FAILED_INIT;
}

CURL* curl_easy_init() {
  auto* lib = curlLibrary();
  return lib ? lib->easyInit() : nullptr;
}

// The option's number says the type of its one argument (curl.h's CURLOPTTYPE_*
// bases): long, object pointer, function pointer, curl_off_t or blob pointer.
CURLcode curl_easy_setopt(CURL* curl, CURLoption option, ...) {
  auto* lib = curlLibrary();
  if (lib == nullptr || curl == nullptr) return CURLE_FAILED_INIT;
  std::va_list args;
  va_start(args, option);
  CURLcode code;
  if (option < CURLOPTTYPE_OBJECTPOINT) {
    code = lib->easySetopt(curl, option, va_arg(args, long));
  } else if (option < CURLOPTTYPE_FUNCTIONPOINT) {
    code = lib->easySetopt(curl, option, va_arg(args, void*));
  } else if (option < CURLOPTTYPE_OFF_T) {
    code = lib->easySetopt(curl, option, va_arg(args, void (*)()));
  } else if (option < CURLOPTTYPE_BLOB) {
    code = lib->easySetopt(curl, option, va_arg(args, curl_off_t));
  } else {
    code = lib->easySetopt(curl, option, va_arg(args, void*));
  }
  va_end(args);
  return code;
}

CURLcode curl_easy_perform(CURL* curl) {
  auto* lib = curlLibrary();
  return lib && curl ? lib->easyPerform(curl) : CURLE_FAILED_INIT;
}

// Every CURLINFO takes one pointer to where the answer goes.
CURLcode curl_easy_getinfo(CURL* curl, CURLINFO info, ...) {
  auto* lib = curlLibrary();
  if (lib == nullptr || curl == nullptr) return CURLE_FAILED_INIT;
  std::va_list args;
  va_start(args, info);
  CURLcode code = lib->easyGetinfo(curl, info, va_arg(args, void*));
  va_end(args);
  return code;
}

void curl_easy_cleanup(CURL* curl) {
  if (auto* lib = curlLibrary(); lib && curl) lib->easyCleanup(curl);
}

const char* curl_easy_strerror(CURLcode code) {
  auto* lib = curlLibrary();
  return lib ? lib->easyStrerror(code) : "libcurl.so.4 could not be loaded";
}

curl_slist* curl_slist_append(curl_slist* list, const char* line) {
  auto* lib = curlLibrary();
  return lib ? lib->slistAppend(list, line) : nullptr;
}

void curl_slist_free_all(curl_slist* list) {
  if (auto* lib = curlLibrary(); lib && list) lib->slistFreeAll(list);
}

CURLU* curl_url() {
  auto* lib = curlLibrary();
  return lib ? lib->url() : nullptr;
}

void curl_url_cleanup(CURLU* url) {
  if (auto* lib = curlLibrary(); lib && url) lib->urlCleanup(url);
}

CURLUcode curl_url_get(CURLU* url, CURLUPart part, char** text, unsigned int flags) {
  auto* lib = curlLibrary();
  return lib && url ? lib->urlGet(url, part, text, flags) : CURLUE_BAD_HANDLE;
}

CURLUcode curl_url_set(CURLU* url, CURLUPart part, const char* text, unsigned int flags) {
  auto* lib = curlLibrary();
  return lib && url ? lib->urlSet(url, part, text, flags) : CURLUE_BAD_HANDLE;
}

void curl_free(void* memory) {
  if (auto* lib = curlLibrary(); lib && memory) lib->free(memory);
}

}  // extern "C"
