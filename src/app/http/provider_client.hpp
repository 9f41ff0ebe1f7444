#pragma once
// An OpenAI-compatible endpoint (DESIGN "Summarizer") over the HttpClient port: every call of the
// summarizer, PDF document mode and the Batch API goes through here, so they share one retry
// policy and one way of keeping the key secret.
//
// Retries (retry_policy.hpp, the policy shared with the arXiv client): 408, 409, 429, 5xx,
// ErrorCode::timeout and ErrorCode::network, up to max_retries times; the wait is
// `retry-after-ms`, else `retry-after` (seconds or HTTP-date), else exponential backoff with
// equal jitter; all waits are Clock::sleep. Never retried: other statuses (400/401/403/404, ...)
// and quota errors (insufficient_quota, Arrearage), whatever their status.
//
// The key is sent only as `Authorization: Bearer KEY`; every message produced here has the key
// removed, and a 401's provider message (it may echo a masked key) is not repeated: the Error
// (ErrorCode::unauthorized) names the environment variable to set instead.
//
// Thread-safe: the summarizer's workers share one client.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/http/retry_policy.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct ProviderOptions {
  std::string base_url;     // e.g. https://dashscope.aliyuncs.com/compatible-mode/v1
  std::string api_key;      // never logged
  std::string api_key_env;  // named in the 401 message
  std::chrono::milliseconds timeout{120000};
  int max_retries = 4;
  std::chrono::milliseconds base_backoff{1000};
  std::chrono::milliseconds max_backoff{30000};
  std::uint32_t jitter_seed = 0;  // 0 = seeded from std::random_device
};

// What calls cost, summed by the caller: requests sent (retries included) and retries.
struct CallTally {
  std::size_t requests = 0;
  std::size_t retries = 0;
};

class ProviderClient {
 public:
  ProviderClient(HttpClient& http, Clock& clock, ProviderOptions options);

  // `method` on base_url + `path` ("/chat/completions") with the key and `body`. Returns the
  // 2xx response, or why there is none (provider_failure's Error, network/timeout, unauthorized)
  // after the retries the policy allows.
  Result<HttpResponse> call(std::string_view method, std::string_view path, std::string body = {},
                            std::string_view content_type = "application/json",
                            CallTally* tally = nullptr);

  // GET `path` whose 2xx body is data, not an API answer (a batch's output or error file): the
  // same retries and key handling as call(), but a 2xx body is never read as an error envelope,
  // since a one-line error file is itself an object with an `error` member.
  Result<HttpResponse> download(std::string_view path, CallTally* tally = nullptr);

  // `text` with every occurrence of the key replaced by [REDACTED].
  std::string redact(std::string text) const;

  const ProviderOptions& options() const { return options_; }
  std::string url(std::string_view path) const;

 private:
  // Why `answer` may deserve another attempt (key removed), or nullopt when it is final; then
  // `answer` is what the call returns: the 2xx response or the failure as the caller sees it.
  std::optional<Error> transient_failure(Result<HttpResponse>& answer, bool data_body) const;
  Result<HttpResponse> send(std::string_view method, std::string_view path, std::string body,
                            std::string_view content_type, CallTally* tally, bool data_body);

  HttpClient& http_;
  Clock& clock_;
  ProviderOptions options_;
  RetryOptions retry_;
  Jitter jitter_;
};

}  // namespace arxiv_digest::app
