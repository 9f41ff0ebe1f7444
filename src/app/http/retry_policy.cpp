#include "app/http/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <system_error>

#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;

std::optional<milliseconds> retry_after_ms(const ResponseHeaders& headers) {
  const auto it = headers.find("retry-after-ms");
  if (it == headers.end()) {
    return std::nullopt;
  }
  double value = 0;
  const std::string& text = it->second;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // nan and inf are refused and huge values clamped: converting them to an integer is undefined
  // behaviour.
  if (ec != std::errc() || end != text.data() + text.size() || !(value >= 0) ||
      value == std::numeric_limits<double>::infinity()) {
    return std::nullopt;
  }
  constexpr double kMaxMs = 1e12;
  return milliseconds(static_cast<milliseconds::rep>(std::min(value, kMaxMs) + 0.999));
}

}  // namespace

bool is_retryable_status(int status) {
  return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
}

bool is_retryable_error(ErrorCode code) {
  return code == ErrorCode::timeout || code == ErrorCode::network;
}

std::optional<milliseconds> requested_wait(const ResponseHeaders& headers,
                                           std::chrono::system_clock::time_point now) {
  if (auto wait = retry_after_ms(headers)) {
    return wait;
  }
  const auto it = headers.find("retry-after");
  if (it == headers.end()) {
    return std::nullopt;
  }
  return parse_retry_after(it->second, now);
}

Jitter::Jitter(std::uint32_t seed) : engine_(seed != 0 ? seed : std::random_device{}()) {}

milliseconds Jitter::between(milliseconds low, milliseconds high) {
  std::uniform_int_distribution<milliseconds::rep> pick(low.count(), high.count());
  const std::lock_guard lock(mutex_);
  return milliseconds{pick(engine_)};
}

milliseconds backoff_cap(int retry, const RetryOptions& options) {
  const milliseconds ceiling = std::max(options.max_backoff, milliseconds::zero());
  milliseconds cap = std::clamp(options.base_backoff, milliseconds::zero(), ceiling);
  // Doubled step by step, and only while it can still grow, so no retry count overflows it.
  for (int i = 1; i < retry && cap > milliseconds::zero() && cap < ceiling; ++i) {
    cap = cap > ceiling / 2 ? ceiling : cap * 2;
  }
  return cap;
}

milliseconds backoff(int retry, const RetryOptions& options, Jitter& jitter) {
  const milliseconds cap = backoff_cap(retry, options);
  if (cap == milliseconds::zero()) {
    return cap;
  }
  return jitter.between(cap / 2, cap);
}

milliseconds retry_wait(const Result<HttpResponse>& answer,
                        std::chrono::system_clock::time_point now, int retry,
                        const RetryOptions& options, Jitter& jitter) {
  if (answer) {
    if (const auto requested = requested_wait(answer->headers, now)) {
      return *requested;
    }
  }
  return backoff(retry, options, jitter);
}

RetryBudget::RetryBudget(const RetryOptions& options)
    // Clamped below INT_MAX so that the first attempt plus the retries still fit an int.
    : max_attempts_(std::clamp(options.max_retries, 0, std::numeric_limits<int>::max() - 1) + 1),
      deadline_(options.deadline) {}

int RetryBudget::begin_attempt(TimePoint start) {
  if (attempts_ == 0) {
    first_start_ = start;
  }
  return ++attempts_;
}

bool RetryBudget::past_deadline(TimePoint start) const {
  return deadline_.has_value() && attempts_ > 0 && start - first_start_ > *deadline_;
}

}  // namespace arxiv_digest::app
