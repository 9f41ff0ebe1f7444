#pragma once
// The one retry policy of every HTTP client in app: PoliteHttpClient (arXiv) and ProviderClient
// (the LLM endpoint). It says which answers deserve another attempt, how long to wait before it
// and when to stop. It never waits itself: callers sleep on the Clock port, and keep what only
// they know (arXiv's spacing per host and its "Rate exceeded." body; the provider's 401 and quota
// errors).
//
// Retried: ErrorCode::timeout and ErrorCode::network, and the statuses 408, 409, 429 and every
// 5xx, for both servers. 408 and 429 mean "not now" by definition; 409 is how OpenAI-compatible
// endpoints report a lock held by a concurrent change to the same object (a file, a batch), and
// the vendors' own SDKs retry it; a 5xx is the server's trouble and says nothing against the
// request. One set for both servers, rather than a narrower one for arXiv, so that the same answer
// never means "try again" to one client and "give up" to the other: what it adds for arXiv (409,
// 501, 505-599) is rare there, and a retry that does not help costs at most max_retries polite
// attempts within the deadline.
//
// The wait before retry r (1-based) is what the server asked for, else backoff:
//   retry-after-ms  milliseconds, fractions rounded up (OpenAI); nan, inf and negative values
//                   are ignored, huge ones clamped to 10^12 ms (as Retry-After is, about 31 years)
//   retry-after     delta-seconds or an HTTP-date (parse_retry_after)
//   backoff         exponential with equal jitter: cap = min(max_backoff, base_backoff * 2^(r-1)),
//                   a uniform wait in [cap/2, cap]; never less than half the cap, so a retry
//                   always backs off, yet clients that failed together spread out
// A header that cannot be read falls through to the next source.
//
// Stopping (RetryBudget): after max_retries retries, or when a retry would start more than
// `deadline` after the first attempt started.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct RetryOptions {
  int max_retries = 4;  // retries after the first attempt; a negative count is 0
  std::chrono::milliseconds base_backoff{1000};
  std::chrono::milliseconds max_backoff{60000};
  // From the first attempt's start to the latest start of a retry; none: max_retries alone.
  std::optional<std::chrono::milliseconds> deadline;
};

using ResponseHeaders = std::map<std::string, std::string>;  // names lower-cased, as the port's

// 408, 409, 429 and 500-599.
bool is_retryable_status(int status);
// ErrorCode::timeout and ErrorCode::network: a later attempt may not meet the same trouble.
bool is_retryable_error(ErrorCode code);

// The wait the server asked for in `headers` (retry-after-ms, else retry-after) as of `now`;
// nullopt when neither is there and readable.
std::optional<std::chrono::milliseconds> requested_wait(const ResponseHeaders& headers,
                                                        std::chrono::system_clock::time_point now);

// The random source of backoff: seeded for reproducible tests (0 = seeded from
// std::random_device), shared by the threads of one client.
class Jitter {
 public:
  explicit Jitter(std::uint32_t seed);

  // A uniform draw in [low, high]. Thread-safe.
  std::chrono::milliseconds between(std::chrono::milliseconds low, std::chrono::milliseconds high);

 private:
  std::mutex mutex_;
  std::mt19937 engine_;
};

// min(max_backoff, base_backoff * 2^(retry-1)), never negative, without overflow for any retry.
std::chrono::milliseconds backoff_cap(int retry, const RetryOptions& options);
// A draw in [cap/2, cap] for backoff_cap(retry); a zero cap is 0 ms and draws nothing.
std::chrono::milliseconds backoff(int retry, const RetryOptions& options, Jitter& jitter);

// The wait before `retry` after `answer`: a response's requested_wait, else backoff (always
// after a transport error). Jitter is drawn only for backoff, so a seeded run's waits do not
// depend on which answers carried a Retry-After.
std::chrono::milliseconds retry_wait(const Result<HttpResponse>& answer,
                                     std::chrono::system_clock::time_point now, int retry,
                                     const RetryOptions& options, Jitter& jitter);

// The attempts of one request: how many were made, and whether another may start.
class RetryBudget {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  explicit RetryBudget(const RetryOptions& options);

  // Counts an attempt that starts at `start`; returns its number, 1 for the first.
  int begin_attempt(TimePoint start);
  int attempts() const { return attempts_; }
  int max_attempts() const { return max_attempts_; }
  // True once the attempts made leave no retry.
  bool out_of_retries() const { return attempts_ >= max_attempts_; }
  // True when a retry starting at `start` would be later than the deadline allows.
  bool past_deadline(TimePoint start) const;

 private:
  int max_attempts_;
  std::optional<std::chrono::milliseconds> deadline_;
  int attempts_ = 0;
  TimePoint first_start_{};
};

}  // namespace arxiv_digest::app
