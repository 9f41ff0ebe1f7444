#include "app/http/polite_http_client.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>
#include <utility>

#include "core/util/date.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;
using TimePoint = std::chrono::system_clock::time_point;

// arXiv's throttle answer: a plain-text body instead of a feed, sometimes with status 200.
bool is_rate_exceeded(const HttpResponse& response) {
  return trim(response.body) == "Rate exceeded.";
}

milliseconds ceil_ms(std::chrono::system_clock::duration duration) {
  return std::chrono::ceil<milliseconds>(duration);
}

std::string attempts_text(int attempts) {
  return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

// What one attempt's answer means for the loop.
struct Verdict {
  bool retry = false;
  std::string reason;                       // for logs: "429", "timeout", "200 \"Rate exceeded.\""
  std::optional<milliseconds> retry_after;  // from a valid Retry-After header
};

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

std::string url_host(std::string_view url) {
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
  }
  url = url.substr(0, url.find_first_of("/?#"));
  if (const auto at = url.rfind('@'); at != std::string_view::npos) {
    url.remove_prefix(at + 1);
  }
  if (!url.empty() && url.front() == '[') {
    url = url.substr(0, url.find(']') + 1);
  } else {
    url = url.substr(0, url.find(':'));
  }
  std::string host(url);
  for (char& c : host) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return host;
}

PoliteHttpClient::PoliteHttpClient(HttpClient& inner, Clock& clock, PolitenessOptions options)
    : inner_(inner),
      clock_(clock),
      options_(std::move(options)),
      jitter_(options_.jitter_seed != 0 ? options_.jitter_seed : std::random_device{}()) {}

const PoliteHttpClient::Stats& PoliteHttpClient::stats() const { return stats_; }

TimePoint PoliteHttpClient::next_slot_locked(const std::string& host, TimePoint earliest) const {
  const auto last = last_start_.find(host);
  if (last == last_start_.end()) {
    return earliest;
  }
  return std::max(earliest, last->second + options_.min_interval);
}

TimePoint PoliteHttpClient::wait_for_slot(const std::string& host, TimePoint earliest) {
  TimePoint start;
  {
    const std::lock_guard lock(mutex_);
    start = next_slot_locked(host, earliest);
    last_start_[host] = start;
  }
  const TimePoint now = clock_.now();
  if (start > now) {
    const milliseconds wait = ceil_ms(start - now);
    clock_.sleep(wait);
    const std::lock_guard lock(mutex_);
    stats_.waited += wait;
  }
  return start;
}

milliseconds PoliteHttpClient::backoff(int retry) {
  // cap = base * 2^(retry-1), doubled step by step so a large retry count cannot overflow.
  milliseconds cap = std::max(options_.base_backoff, milliseconds::zero());
  for (int i = 1; i < retry && cap < options_.max_backoff; ++i) {
    cap *= 2;
  }
  cap = std::min(cap, options_.max_backoff);
  if (cap <= milliseconds::zero()) {
    return milliseconds::zero();
  }
  // Equal jitter: never less than half the cap, so a retry always backs off, yet clients that
  // failed together spread out.
  std::uniform_int_distribution<milliseconds::rep> pick(cap.count() / 2, cap.count());
  const std::lock_guard lock(mutex_);
  return milliseconds{pick(jitter_)};
}

Result<HttpResponse> PoliteHttpClient::send(const HttpRequest& request) {
  const std::string host = url_host(request.url);
  const int max_attempts = std::max(0, options_.max_retries) + 1;
  TimePoint earliest = clock_.now();
  std::optional<TimePoint> first_start;

  for (int attempt = 1;; ++attempt) {
    const TimePoint start = wait_for_slot(host, earliest);
    if (!first_start) {
      first_start = start;
    }
    Result<HttpResponse> answer = inner_.send(request);
    const TimePoint end = clock_.now();
    {
      const std::lock_guard lock(mutex_);
      ++stats_.requests;
      if (attempt > 1) {
        ++stats_.retries;
      }
    }
    log_attempt(request, answer, ceil_ms(end - start));

    Verdict verdict;
    if (!answer) {
      const ErrorCode code = answer.error().code;
      verdict.retry = code == ErrorCode::timeout || code == ErrorCode::network;
      verdict.reason = std::string(to_string(code));
    } else {
      const bool rate_exceeded = is_rate_exceeded(*answer);
      verdict.retry = rate_exceeded || options_.retry_statuses.count(answer->status) > 0;
      verdict.reason = std::to_string(answer->status);
      if (rate_exceeded) {
        verdict.reason += " \"Rate exceeded.\"";
      }
      if (const auto header = answer->headers.find("retry-after");
          verdict.retry && header != answer->headers.end()) {
        verdict.retry_after = parse_retry_after(header->second, end);
      }
    }
    if (!verdict.retry) {
      return answer;
    }

    // Draw jitter only when it is used, so a seeded run's waits do not depend on Retry-After.
    const TimePoint retry_at =
        end + (verdict.retry_after ? *verdict.retry_after : backoff(attempt));
    TimePoint planned;
    {
      const std::lock_guard lock(mutex_);
      planned = next_slot_locked(host, retry_at);
    }
    const bool out_of_retries = attempt >= max_attempts;
    const bool past_deadline = planned - *first_start > options_.deadline;
    if (out_of_retries || past_deadline) {
      spdlog::warn(
          "giving up on {} {} after {}{}: {}", request.method, request.url, attempts_text(attempt),
          past_deadline && !out_of_retries ? " (the next retry would pass the deadline)" : "",
          verdict.reason);
      if (!answer) {
        return Error{answer.error().code,
                     answer.error().message + " (gave up after " + attempts_text(attempt) + ")"};
      }
      if (is_rate_exceeded(*answer)) {
        return Error{ErrorCode::http_status, request.method + " " + request.url +
                                                 ": arXiv answered \"Rate exceeded.\" (HTTP " +
                                                 std::to_string(answer->status) +
                                                 "), gave up after " + attempts_text(attempt)};
      }
      return answer;
    }
    const milliseconds wait = std::max(milliseconds::zero(), ceil_ms(planned - clock_.now()));
    spdlog::warn("retrying in {:.1f} s (attempt {} of {}): {}",
                 static_cast<double>(wait.count()) / 1000.0, attempt + 1, max_attempts,
                 verdict.reason);
    earliest = retry_at;
  }
}

PolitenessOptions arxiv_politeness(const SourceConfig& source) {
  PolitenessOptions options;
  options.min_interval = std::chrono::milliseconds(source.min_interval_ms);
  options.max_retries = source.max_retries;
  return options;
}

}  // namespace arxiv_digest::app
