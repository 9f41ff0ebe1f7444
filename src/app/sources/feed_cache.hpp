#pragma once
// FeedCache: conditional GET for feeds. It remembers, per URL, the validators
// (ETag, Last-Modified) of the last 200 response and that response's body, so the next request
// can ask "changed since?" and a 304 Not Modified reuses the stored body without downloading.
//
// Storage, under `state_dir` (all writes atomic, body before index, so the index never names a
// body that was not written):
//   STATE/http_cache.json   {"URL": {"etag", "last_modified", "file", "fetched_at"}, ...}
//                           file is relative to STATE; fetched_at is the response's Date header
//                           as sent by the server ("" when it had none)
//   STATE/feeds/NAME.xml    the body; NAME is the URL made file-name safe plus a hash of it
// Only 200 responses that carry an ETag or a Last-Modified are stored (a body without a
// validator can never be revalidated); non-2xx bodies and arXiv's "Rate exceeded." body never are.
//
// The index is read once, on first use; an unreadable or corrupt index is logged (warn) and
// treated as empty, so the next 200 rewrites it. Not thread-safe. `fs` must outlive this.

#include <map>
#include <optional>
#include <string>

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

class FeedCache {
 public:
  FeedCache(FileSystem& fs, std::string state_dir);

  // Adds If-None-Match (stored ETag) and If-Modified-Since (stored Last-Modified) when a
  // validator and its body are stored for request.url. Headers the request already has (any
  // case) are left alone.
  void prepare(HttpRequest& request);

  // After send():
  //   304 → the stored body. Error (ErrorCode::http_status) when nothing is stored for the URL;
  //         ErrorCode::io when the stored body cannot be read.
  //   200 → stores body and validators, returns nullopt: use response.body. A failed write is an
  //         ErrorCode::io error; response.body is still good, the cache just did not keep it.
  //   anything else → nullopt; nothing stored, nothing forgotten.
  Result<std::optional<std::string>> resolve(const HttpRequest& request,
                                             const HttpResponse& response);

  // Drops what is stored for `url` (e.g. a 200 body that then failed to parse, so the next run
  // downloads it again instead of getting 304 for it). No entry: nothing to do.
  Result<void> forget(const std::string& url);

  std::string index_path() const;  // STATE/http_cache.json

 private:
  struct Entry {
    std::string etag;
    std::string last_modified;
    std::string file;  // relative to state_dir_
    std::string fetched_at;
  };

  std::map<std::string, Entry>& entries();
  Result<void> save();
  std::string full_path(const std::string& relative) const;

  FileSystem& fs_;
  std::string state_dir_;
  std::optional<std::map<std::string, Entry>> entries_;  // loaded on first use
};

// "feeds/rss.arxiv.org_rss_cs.AI+cs.CL-1f2e3d4c5b6a7988.xml": the URL without its scheme, every
// character outside [A-Za-z0-9.+-] as '_', at most 80 characters, then a 64-bit FNV-1a hash of
// the whole URL (distinct URLs never share a file, whatever the cut and the replacements).
std::string feed_cache_file(const std::string& url);

}  // namespace arxiv_digest::app
