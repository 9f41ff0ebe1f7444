#include "app/http/polite_http_client.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "arxiv_digest/feed.hpp"
#include "core/util/url.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;
using TimePoint = std::chrono::system_clock::time_point;

milliseconds ceil_ms(std::chrono::system_clock::duration duration) {
  return std::chrono::ceil<milliseconds>(duration);
}

std::string attempts_text(int attempts) {
  return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

// What one attempt's answer means for the loop.
struct Verdict {
  bool retry = false;
  std::string reason;  // for logs: "429", "timeout", "200 \"Rate exceeded.\""
};

Verdict judge(const Result<HttpResponse>& answer) {
  if (!answer) {
    const ErrorCode code = answer.error().code;
    return {is_retryable_error(code), std::string(to_string(code))};
  }
  if (is_rate_exceeded_body(answer->body)) {
    return {true, std::to_string(answer->status) + " \"Rate exceeded.\""};
  }
  return {is_retryable_status(answer->status), std::to_string(answer->status)};
}

// The last answer once no retry follows: an error says how many attempts it took, and a
// "Rate exceeded." body becomes an error so that it is never mistaken for a feed.
Result<HttpResponse> final_answer(const HttpRequest& request, Result<HttpResponse> answer,
                                  int attempts) {
  if (!answer) {
    return Error{answer.error().code,
                 answer.error().message + " (gave up after " + attempts_text(attempts) + ")"};
  }
  if (is_rate_exceeded_body(answer->body)) {
    return Error{ErrorCode::http_status, request.method + " " + request.url +
                                             ": arXiv answered \"Rate exceeded.\" (HTTP " +
                                             std::to_string(answer->status) + "), gave up after " +
                                             attempts_text(attempts)};
  }
  return answer;
}

void log_attempt(const HttpRequest& request, const Result<HttpResponse>& answer,
                 milliseconds measured) {
  if (!answer) {
    spdlog::info("{} {} -> {}: {}", request.method, request.url, to_string(answer.error().code),
                 answer.error().message);
    return;
  }
  const milliseconds elapsed = answer->elapsed > milliseconds::zero() ? answer->elapsed : measured;
  if (answer->status == 304) {
    spdlog::info("{} {} -> 304 (not modified), {} ms", request.method, request.url,
                 elapsed.count());
    return;
  }
  spdlog::info("{} {} -> {}, {} bytes, {} ms", request.method, request.url, answer->status,
               answer->body.size(), elapsed.count());
}

}  // namespace

PoliteHttpClient::PoliteHttpClient(HttpClient& inner, Clock& clock, PolitenessOptions options)
    : inner_(inner),
      clock_(clock),
      options_(options),
      retry_{options_.max_retries, options_.base_backoff, options_.max_backoff, options_.deadline},
      jitter_(options_.jitter_seed) {}

const PoliteHttpClient::Stats& PoliteHttpClient::stats() const { return stats_; }

TimePoint PoliteHttpClient::next_slot_locked(const std::string& host, TimePoint earliest) const {
  const auto last = last_start_.find(host);
  if (last == last_start_.end()) {
    return earliest;
  }
  return std::max(earliest, last->second + options_.min_interval);
}

TimePoint PoliteHttpClient::wait_for_slot(const std::string& host, TimePoint earliest) {
  TimePoint slot;
  {
    const std::lock_guard lock(mutex_);
    slot = next_slot_locked(host, earliest);
    last_start_[host] = slot;
  }
  for (;;) {
    const TimePoint before = clock_.now();
    if (slot > before) {
      const milliseconds wait = ceil_ms(slot - before);
      clock_.sleep(wait);
      const std::lock_guard lock(mutex_);
      stats_.waited += wait;
    }
    const std::lock_guard lock(mutex_);
    const TimePoint now = clock_.now();
    // A sleep may end late, so the request before may have started after its slot: the
    // interval counts from when it really started.
    const auto previous = started_.find(host);
    if (previous == started_.end() || now >= previous->second + options_.min_interval) {
      started_[host] = now;
      last_start_[host] = std::max(last_start_[host], now);
      return now;
    }
    slot = previous->second + options_.min_interval;
  }
}

void PoliteHttpClient::note_ended(const std::string& host, TimePoint end) {
  const std::lock_guard lock(mutex_);
  started_[host] = std::max(started_[host], end);
  last_start_[host] = std::max(last_start_[host], end);
}

void PoliteHttpClient::count_attempt(int attempt) {
  const std::lock_guard lock(mutex_);
  ++stats_.requests;
  if (attempt > 1) {
    ++stats_.retries;
  }
}

TimePoint PoliteHttpClient::planned_slot(const std::string& host, TimePoint earliest) const {
  const std::lock_guard lock(mutex_);
  return next_slot_locked(host, earliest);
}

std::optional<TimePoint> PoliteHttpClient::plan_retry(const HttpRequest& request,
                                                      const RetryBudget& budget,
                                                      const Result<HttpResponse>& answer,
                                                      TimePoint end, std::string_view reason) {
  const int attempt = budget.attempts();
  // Checked before the wait is drawn: jitter spent on a retry that never comes would shift the
  // waits of later requests.
  if (budget.out_of_retries()) {
    spdlog::warn("giving up on {} {} after {}: {}", request.method, request.url,
                 attempts_text(attempt), reason);
    return std::nullopt;
  }
  const TimePoint retry_at = end + retry_wait(answer, end, attempt, retry_, jitter_);
  const TimePoint planned = planned_slot(url_host(request.url), retry_at);
  if (budget.past_deadline(planned)) {
    spdlog::warn("giving up on {} {} after {} (the next retry would pass the deadline): {}",
                 request.method, request.url, attempts_text(attempt), reason);
    return std::nullopt;
  }
  const milliseconds wait = std::max(milliseconds::zero(), ceil_ms(planned - clock_.now()));
  spdlog::warn("retrying in {:.1f} s (attempt {} of {}): {}",
               static_cast<double>(wait.count()) / 1000.0, attempt + 1, budget.max_attempts(),
               reason);
  return retry_at;
}

Result<HttpResponse> PoliteHttpClient::send(const HttpRequest& request) {
  const std::string host = url_host(request.url);
  RetryBudget budget(retry_);
  TimePoint earliest = clock_.now();
  for (;;) {
    const TimePoint start = wait_for_slot(host, earliest);
    const int attempt = budget.begin_attempt(start);
    Result<HttpResponse> answer = inner_.send(request);
    const TimePoint end = clock_.now();
    note_ended(host, end);
    count_attempt(attempt);
    log_attempt(request, answer, ceil_ms(end - start));

    const Verdict verdict = judge(answer);
    if (!verdict.retry) {
      return answer;
    }
    const auto retry_at = plan_retry(request, budget, answer, end, verdict.reason);
    if (!retry_at) {
      return final_answer(request, std::move(answer), attempt);
    }
    earliest = *retry_at;
  }
}

PolitenessOptions arxiv_politeness(const SourceConfig& source) {
  PolitenessOptions options;
  options.min_interval = std::chrono::milliseconds(source.min_interval_ms);
  options.max_retries = source.max_retries;
  return options;
}

HttpRequest arxiv_request(const std::string& url, const SourceConfig& source) {
  HttpRequest request;
  request.url = url;
  request.timeout = std::chrono::seconds(source.timeout_s);
  if (!source.user_agent.empty()) {
    request.headers["User-Agent"] = source.user_agent;
  }
  return request;
}

}  // namespace arxiv_digest::app
