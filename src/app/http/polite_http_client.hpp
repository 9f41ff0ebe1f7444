#pragma once
// PoliteHttpClient: an HttpClient decorator that adds arXiv's politeness rule and a retry policy
// over any other HttpClient (DESIGN "Inputs": at most one request every 3 s per client).
//
// Spacing: a request to a host (case-insensitive, port ignored) starts at least min_interval
// after the previous one to that host ended (its answer or its error arrived) on the Clock, and
// after it really started (a sleep that ends late never shortens the next gap). Counting from the
// end is what makes the server see the gap: counted from starts, a request that took longer to
// arrive than the next one left the server a gap a little short of the interval. The first
// request to a host does not wait, and different hosts never wait for each other. Retries count
// as requests for spacing.
//
// Retries (retry_policy.hpp, the policy shared with the provider client): on a retryable status
// (408, 409, 429, 5xx), on ErrorCode::timeout and ErrorCode::network, and on a body that is
// arXiv's plain-text "Rate exceeded." (any status; treated as a 429). The wait before a retry is
// the server's Retry-After (or retry-after-ms) when it carries a valid one, else exponential
// backoff with equal jitter up to max_backoff. Spacing then still applies on top of that wait.
// Other statuses (200, 304, 404, ...) and other errors (invalid_config, ...) are returned at
// once, as they are.
//
// Giving up: after max_retries retries, or when the next attempt would start more than
// `deadline` after the first attempt started (a long Retry-After included). Then the last answer
// is returned: a response as it is (the caller sees its status), an error with
// " (gave up after N attempts)" appended to its message. A last answer that is "Rate exceeded."
// becomes ErrorCode::http_status naming the URL, the status and the attempts, so it is never
// mistaken for a feed.
//
// All waiting is Clock::sleep. Logs (spdlog): one info line per attempt
// ("GET URL -> 200, 689312 bytes, 412 ms", "GET URL -> 304 (not modified), 12 ms",
// "GET URL -> timeout: ...") and one warn line per retry ("retrying in 2.0 s (attempt 2 of 5):
// 429"). URLs are logged as given: put no secret in a URL sent through this client.
//
// Thread-safe: concurrent send() calls reserve their start slots under a lock, so spacing holds
// across threads. `inner` and `clock` must outlive this object.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "app/http/retry_policy.hpp"
#include "arxiv_digest/config.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct PolitenessOptions {
  std::chrono::milliseconds min_interval{3000};  // between request starts to one host
  int max_retries = 4;                           // retries after the first attempt
  std::chrono::milliseconds base_backoff{1000};
  std::chrono::milliseconds max_backoff{60000};
  std::chrono::milliseconds deadline{std::chrono::minutes(5)};  // from the first attempt
  std::uint32_t jitter_seed = 0;  // 0 = seeded from std::random_device
};

// The politeness config.json asks for when talking to arXiv (source.min_interval_ms, max_retries).
PolitenessOptions arxiv_politeness(const SourceConfig& source);

// A GET of `url` from arXiv as config.json asks: source.timeout_s, and source.user_agent when
// set (else the HTTP adapter's own arxiv-digest User-Agent).
HttpRequest arxiv_request(const std::string& url, const SourceConfig& source);

class PoliteHttpClient final : public HttpClient {
 public:
  struct Stats {
    std::size_t requests = 0;             // attempts sent to the inner client
    std::size_t retries = 0;              // attempts that were retries
    std::chrono::milliseconds waited{0};  // total Clock::sleep (spacing and backoff)
  };

  PoliteHttpClient(HttpClient& inner, Clock& clock, PolitenessOptions options);

  Result<HttpResponse> send(const HttpRequest& request) override;

  // Totals over every send() so far. Read it when no send() is running.
  const Stats& stats() const;

 private:
  // Reserves the earliest start for `host` at or after `earliest`, sleeps until then (and longer
  // when the request before began late) and returns the start time.
  std::chrono::system_clock::time_point wait_for_slot(
      const std::string& host, std::chrono::system_clock::time_point earliest);
  // The start `host` would get at or after `earliest`; mutex_ held.
  std::chrono::system_clock::time_point next_slot_locked(
      const std::string& host, std::chrono::system_clock::time_point earliest) const;
  // next_slot_locked under the lock: where a retry at `earliest` would start.
  std::chrono::system_clock::time_point planned_slot(
      const std::string& host, std::chrono::system_clock::time_point earliest) const;
  // The next request to `host` waits min_interval from `end`, when this one ended.
  void note_ended(const std::string& host, std::chrono::system_clock::time_point end);
  void count_attempt(int attempt);
  // When the retry after `answer` (which ended at `end`) may start at the earliest, spacing
  // aside, or nullopt when the budget allows none. Logs the retry or the giving up.
  std::optional<std::chrono::system_clock::time_point> plan_retry(
      const HttpRequest& request, const RetryBudget& budget, const Result<HttpResponse>& answer,
      std::chrono::system_clock::time_point end, std::string_view reason);

  HttpClient& inner_;
  Clock& clock_;
  PolitenessOptions options_;
  RetryOptions retry_;
  mutable std::mutex mutex_;
  std::map<std::string, std::chrono::system_clock::time_point> last_start_;  // by host: reserved
  std::map<std::string, std::chrono::system_clock::time_point> started_;     // by host: begun/ended
  Jitter jitter_;
  Stats stats_;
};

}  // namespace arxiv_digest::app
