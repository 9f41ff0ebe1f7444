#include "app/http/provider_client.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>

#include "arxiv_digest/chat_codec.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;

bool retryable_status(int status) {
  return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
}

std::optional<milliseconds> retry_after_ms(const HttpResponse& response) {
  const auto it = response.headers.find("retry-after-ms");
  if (it == response.headers.end()) {
    return std::nullopt;
  }
  double value = 0;
  const std::string& text = it->second;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // nan and inf are refused and huge values clamped, as parse_retry_after clamps `retry-after`
  // (about 31 years): converting them to an integer is undefined behaviour.
  if (ec != std::errc() || end != text.data() + text.size() || !(value >= 0) ||
      value == std::numeric_limits<double>::infinity()) {
    return std::nullopt;
  }
  constexpr double kMaxMs = 1e12;
  return milliseconds(static_cast<long long>(std::min(value, kMaxMs) + 0.999));
}

// The provider's wait: `retry-after-ms` first (OpenAI), then `retry-after`.
std::optional<milliseconds> requested_wait(const HttpResponse& response,
                                           std::chrono::system_clock::time_point now) {
  if (auto wait = retry_after_ms(response)) {
    return wait;
  }
  const auto it = response.headers.find("retry-after");
  if (it == response.headers.end()) {
    return std::nullopt;
  }
  return parse_retry_after(it->second, now);
}

}  // namespace

ProviderClient::ProviderClient(HttpClient& http, Clock& clock, ProviderOptions options)
    : http_(http),
      clock_(clock),
      options_(std::move(options)),
      jitter_(options_.jitter_seed != 0 ? options_.jitter_seed : std::random_device{}()) {
  while (!options_.base_url.empty() && options_.base_url.back() == '/') {
    options_.base_url.pop_back();
  }
}

std::string ProviderClient::url(std::string_view path) const {
  return options_.base_url + std::string(path);
}

std::string ProviderClient::redact(std::string text) const {
  const std::string& key = options_.api_key;
  if (key.empty()) {
    return text;
  }
  constexpr std::string_view kMarker = "[REDACTED]";
  // Search on after the marker: a key that occurs in it would otherwise be found forever.
  for (auto at = text.find(key); at != std::string::npos;
       at = text.find(key, at + kMarker.size())) {
    text.replace(at, key.size(), kMarker);
  }
  return text;
}

milliseconds ProviderClient::backoff(int retry) {
  const auto cap = std::min<long long>(options_.max_backoff.count(),
                                       options_.base_backoff.count() << std::min(retry - 1, 20));
  const std::lock_guard lock(jitter_mutex_);
  std::uniform_int_distribution<long long> pick(cap / 2, cap);
  return milliseconds(pick(jitter_));
}

Result<HttpResponse> ProviderClient::call(std::string_view method, std::string_view path,
                                          std::string body, std::string_view content_type,
                                          CallTally* tally) {
  return send(method, path, std::move(body), content_type, tally, false);
}

Result<HttpResponse> ProviderClient::download(std::string_view path, CallTally* tally) {
  return send("GET", path, {}, {}, tally, true);
}

Result<HttpResponse> ProviderClient::send(std::string_view method, std::string_view path,
                                          std::string body, std::string_view content_type,
                                          CallTally* tally, bool data_body) {
  HttpRequest request;
  request.method = std::string(method);
  request.url = url(path);
  request.headers = {{"Authorization", "Bearer " + options_.api_key},
                     {"Accept", "application/json"}};
  if (!body.empty()) {
    request.headers.emplace("Content-Type", std::string(content_type));
  }
  request.body = std::move(body);
  request.timeout = options_.timeout;
  CallTally ignored;
  CallTally& counts = tally != nullptr ? *tally : ignored;
  for (int attempt = 0;; ++attempt) {
    ++counts.requests;
    auto response = http_.send(request);
    std::optional<milliseconds> wait;
    Error error;
    if (!response) {
      error = response.error();
      if (error.code != ErrorCode::timeout && error.code != ErrorCode::network) {
        return Error{error.code, redact(error.message)};
      }
    } else {
      const bool ok = response->status >= 200 && response->status < 300;
      auto failure =
          data_body && ok ? std::nullopt : provider_failure(response->status, response->body);
      if (!failure) {
        return response;
      }
      if (response->status == 401) {
        const std::string& env = options_.api_key_env;
        return Error{ErrorCode::unauthorized, "the endpoint rejected the key in " + env +
                                                  " (HTTP 401); set " + env + " to a valid key"};
      }
      error = std::move(*failure);
      if (error.code == ErrorCode::quota || !retryable_status(response->status)) {
        return Error{error.code, redact(error.message)};
      }
      wait = requested_wait(*response, clock_.now());
    }
    error.message = redact(error.message);
    if (attempt >= options_.max_retries) {
      error.message += " (gave up after " + std::to_string(attempt + 1) + " attempts)";
      return error;
    }
    const milliseconds delay = wait ? *wait : backoff(attempt + 1);
    spdlog::warn("{} {}: {}; retrying in {:.1f} s (attempt {} of {})", method, path, error.message,
                 delay.count() / 1000.0, attempt + 2, options_.max_retries + 1);
    ++counts.retries;
    clock_.sleep(delay);
  }
}

}  // namespace arxiv_digest::app
