#pragma once
// What both libcurl adapters (HTTP and SMTP) share: owning handles, and libcurl's one global
// initialization.

#include <curl/curl.h>

#include <memory>
#include <string>

namespace arxiv_digest::net {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using StringList = std::unique_ptr<curl_slist, SlistDeleter>;

// curl_global_init, once per process, before any handle (thread-safe in the libcurl Debian
// ships, >= 7.84): "" when it worked, else why not.
inline const std::string& curl_init_error() {
  static const std::string error = [] {
    const CURLcode initialized = curl_global_init(CURL_GLOBAL_DEFAULT);
    return initialized == CURLE_OK ? std::string() : std::string(curl_easy_strerror(initialized));
  }();
  return error;
}

}  // namespace arxiv_digest::net
