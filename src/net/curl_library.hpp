#pragma once
// CurlLibrary: libcurl, loaded with dlopen on first use instead of linked into the binary.
//
// Why: libcurl.so.4 pulls in 30+ shared libraries (OpenSSL, GnuTLS, nettle, krb5, LDAP, SASL,
// p11-kit, ssh2, rtmp, ...). Linked normally, the dynamic loader maps, relocates and initializes
// all of them on every start: measured on the 2-core dev machine, `arxiv-digest --version` took
// ~10.7 ms linked against libcurl and ~3 ms without it; a trivial program linked with -lcurl took
// ~7.7 ms against ~1 ms unlinked (LD_DEBUG=statistics: 85 % of the loader's time is symbol
// relocation across those libraries). Offline commands (rank, render, validate, run --offline)
// never touch the network, and DESIGN.md's performance target is measured per process, so they
// should not pay for it. Only the curl headers are used at build time (find_package(CURL)); the
// library is found at run time by its soname, exactly as the dynamic linker would.
//
// The table holds exactly the functions CurlHttpClient calls. Calls go through these pointers,
// never through curl's names: under GCC, <curl/curl.h> defines curl_easy_setopt/curl_easy_getinfo
// as type-checking macros over the real (unlinked) functions.

#include <curl/curl.h>

#include "arxiv_digest/result.hpp"

namespace arxiv_digest::net {

struct CurlApi {
  decltype(&::curl_global_init) global_init = nullptr;
  decltype(&::curl_version_info) version_info = nullptr;
  decltype(&::curl_easy_init) easy_init = nullptr;
  decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&::curl_easy_setopt) easy_setopt = nullptr;
  decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&::curl_easy_perform) easy_perform = nullptr;
  decltype(&::curl_easy_strerror) easy_strerror = nullptr;
  decltype(&::curl_slist_append) slist_append = nullptr;
  decltype(&::curl_slist_free_all) slist_free_all = nullptr;
  decltype(&::curl_multi_init) multi_init = nullptr;
  decltype(&::curl_multi_cleanup) multi_cleanup = nullptr;
  decltype(&::curl_multi_add_handle) multi_add_handle = nullptr;
  decltype(&::curl_multi_remove_handle) multi_remove_handle = nullptr;
  decltype(&::curl_multi_perform) multi_perform = nullptr;
  decltype(&::curl_multi_info_read) multi_info_read = nullptr;
  decltype(&::curl_multi_poll) multi_poll = nullptr;
  decltype(&::curl_multi_strerror) multi_strerror = nullptr;
};

// The process-wide libcurl: loaded, checked and curl_global_init'ed on the first call (thread-safe,
// exactly once; later calls return the same table or the same error, and the library is never
// unloaded). Errors are ErrorCode::network and name the library and the reason: dlopen's or
// dlsym's message, a libcurl older than 7.85.0 (CURLOPT_PROTOCOLS_STR), or curl_global_init's.
Result<const CurlApi*> curl_library();

// Loads `soname` into a fresh table, for curl_library() and tests; curl_global_init is not run.
Result<CurlApi> load_curl_library(const char* soname);

}  // namespace arxiv_digest::net
