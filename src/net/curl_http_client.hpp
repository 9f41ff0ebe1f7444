#pragma once
// CurlHttpClient: the HttpClient port over libcurl. Built in main only.
//
// Every request gets its own easy handle: TLS verification on, http/https only (redirects too),
// gzip/deflate/brotli accepted and decoded transparently, redirects followed up to
// max_redirects, a total time limit of HttpRequest::timeout (zero or negative: none). Response
// header names are lower-cased; the last value of a repeated header wins; after redirects only
// the final response's headers are kept.
//
// Any HTTP status (404, 429, 503, ...) is a response, never an error, and nothing is retried here:
// retry and politeness policies live in app. Errors: ErrorCode::timeout when the time limit or
// connect timeout passes; ErrorCode::network for refused, reset or dropped connections, DNS and
// TLS failures, truncated bodies and too many redirects; ErrorCode::invalid_config for a request
// that cannot be sent as given (malformed URL, a method or header with control characters);
// ErrorCode::interrupted once the options' StopRequest is set.
// Messages name the method, the URL with secrets removed (see redact_url) and curl's reason.
//
// Thread-safe: send() may run concurrently on one instance (one easy handle per request).

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::net {

struct CurlHttpClientOptions {
  // Sent unless a request carries its own User-Agent header. arXiv asks for a contact URL:
  // "arxiv-digest/0.1.0 (+https://github.com/OWNER/REPO)".
  std::string user_agent = "arxiv-digest";
  std::chrono::milliseconds connect_timeout{10000};
  int max_redirects = 5;  // 0: redirects are not followed and come back as 3xx responses
  // Once it is set, transfers in flight are aborted (within about a second: libcurl's progress
  // callback) and new ones are not started; both fail with ErrorCode::interrupted. None: no
  // stopping.
  const StopRequest* stop = nullptr;
};

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(CurlHttpClientOptions options = {});

  Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  CurlHttpClientOptions options_;
  std::string init_error_;  // curl_global_init's failure, if any
};

// The URL fit for logs and error messages: userinfo ("user:pass@") and the fragment removed, and
// the value of every query parameter whose name ends in key, token, secret, password, signature,
// sig, auth, credential(s) or session (any case) replaced by "REDACTED".
std::string redact_url(std::string_view url);

}  // namespace arxiv_digest::net
