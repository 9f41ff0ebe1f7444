#include "net/curl_library.hpp"

#include <dlfcn.h>

#include <string>

namespace arxiv_digest::net {
namespace {

// The soname the linker would have recorded for -lcurl (stable since libcurl 7.16, 2006).
constexpr const char* kLibcurlSoname = "libcurl.so.4";

// CURLOPT_PROTOCOLS_STR and CURLOPT_REDIR_PROTOCOLS_STR, which keep transfers on http/https:
// an older libcurl would ignore them (CURLE_UNKNOWN_OPTION), so it is refused.
constexpr unsigned int kMinimumVersion = 0x075500;  // 7.85.0

std::string dl_error() {
  const char* message = dlerror();
  return message != nullptr ? message : "unknown error";
}

// Resolves `name` into `slot`, whose type is the declared type of that curl function.
template <typename Function>
bool resolve(void* library, const char* name, Function& slot, std::string& missing) {
  void* symbol = dlsym(library, name);
  if (symbol == nullptr) {
    missing = name;
    return false;
  }
  // POSIX guarantees a function pointer round-trips through dlsym's void*.
  slot = reinterpret_cast<Function>(symbol);
  return true;
}

Result<const CurlApi*> load_once() {
  auto loaded = load_curl_library(kLibcurlSoname);
  if (!loaded) {
    return loaded.error();
  }
  static const CurlApi api = *loaded;
  if (const CURLcode code = api.global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK) {
    return Error{ErrorCode::network,
                 std::string("curl_global_init failed: ") + api.easy_strerror(code)};
  }
  return &api;
}

}  // namespace

Result<CurlApi> load_curl_library(const char* soname) {
  const auto failed = [&](const std::string& why) {
    return Error{ErrorCode::network, "cannot load " + std::string(soname) + ": " + why};
  };
  (void)dlerror();  // clear a stale message
  // Never closed: handles and curl's global state live until the process exits.
  void* library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    return failed(dl_error());
  }
  CurlApi api;
  std::string missing;
  const bool complete =
      resolve(library, "curl_global_init", api.global_init, missing) &&
      resolve(library, "curl_version_info", api.version_info, missing) &&
      resolve(library, "curl_easy_init", api.easy_init, missing) &&
      resolve(library, "curl_easy_cleanup", api.easy_cleanup, missing) &&
      resolve(library, "curl_easy_setopt", api.easy_setopt, missing) &&
      resolve(library, "curl_easy_getinfo", api.easy_getinfo, missing) &&
      resolve(library, "curl_easy_perform", api.easy_perform, missing) &&
      resolve(library, "curl_easy_strerror", api.easy_strerror, missing) &&
      resolve(library, "curl_slist_append", api.slist_append, missing) &&
      resolve(library, "curl_slist_free_all", api.slist_free_all, missing) &&
      resolve(library, "curl_multi_init", api.multi_init, missing) &&
      resolve(library, "curl_multi_cleanup", api.multi_cleanup, missing) &&
      resolve(library, "curl_multi_add_handle", api.multi_add_handle, missing) &&
      resolve(library, "curl_multi_remove_handle", api.multi_remove_handle, missing) &&
      resolve(library, "curl_multi_perform", api.multi_perform, missing) &&
      resolve(library, "curl_multi_info_read", api.multi_info_read, missing) &&
      resolve(library, "curl_multi_poll", api.multi_poll, missing) &&
      resolve(library, "curl_multi_strerror", api.multi_strerror, missing);
  if (!complete) {
    return failed("missing " + missing + " (" + dl_error() + ")");
  }
  const curl_version_info_data* info = api.version_info(CURLVERSION_NOW);
  if (info == nullptr || info->version_num < kMinimumVersion) {
    return failed("libcurl " + std::string(info != nullptr ? info->version : "of unknown version") +
                  " is older than 7.85.0");
  }
  return api;
}

Result<const CurlApi*> curl_library() {
  static const Result<const CurlApi*> library = load_once();
  return library;
}

}  // namespace arxiv_digest::net
