#include "app/http/provider_client.hpp"

#include <spdlog/spdlog.h>

#include <optional>
#include <utility>

#include "app/secrets.hpp"
#include "arxiv_digest/chat_codec.hpp"

namespace arxiv_digest::app {

using std::chrono::milliseconds;

ProviderClient::ProviderClient(HttpClient& http, Clock& clock, ProviderOptions options)
    : http_(http),
      clock_(clock),
      options_(std::move(options)),
      retry_{options_.max_retries, options_.base_backoff, options_.max_backoff, std::nullopt},
      jitter_(options_.jitter_seed) {
  while (!options_.base_url.empty() && options_.base_url.back() == '/') {
    options_.base_url.pop_back();
  }
}

std::string ProviderClient::url(std::string_view path) const {
  return options_.base_url + std::string(path);
}

std::string ProviderClient::redact(std::string text) const {
  return app::redact(std::move(text), {options_.api_key});
}

std::optional<Error> ProviderClient::transient_failure(Result<HttpResponse>& answer,
                                                       bool data_body) const {
  if (!answer) {
    Error error{answer.error().code, redact(answer.error().message)};
    if (is_retryable_error(error.code)) {
      return error;
    }
    answer = std::move(error);
    return std::nullopt;
  }
  const int status = answer->status;
  const bool ok = status >= 200 && status < 300;
  auto failure = data_body && ok ? std::nullopt : provider_failure(status, answer->body);
  if (!failure) {
    return std::nullopt;
  }
  if (status == 401) {
    const std::string& env = options_.api_key_env;
    answer = Error{ErrorCode::unauthorized, "the endpoint rejected the key in " + env +
                                                " (HTTP 401); set " + env + " to a valid key"};
    return std::nullopt;
  }
  Error error{failure->code, redact(failure->message)};
  // Quota is gone until someone pays, whatever the status says.
  if (error.code != ErrorCode::quota && is_retryable_status(status)) {
    return error;
  }
  answer = std::move(error);
  return std::nullopt;
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
  RetryBudget budget(retry_);
  for (;;) {
    const int attempt = budget.begin_attempt(clock_.now());
    ++counts.requests;
    auto answer = http_.send(request);
    auto failure = transient_failure(answer, data_body);
    if (!failure) {
      return answer;
    }
    if (budget.out_of_retries()) {
      failure->message += " (gave up after " + std::to_string(attempt) + " attempts)";
      return *std::move(failure);
    }
    const milliseconds delay = retry_wait(answer, clock_.now(), attempt, retry_, jitter_);
    spdlog::warn("{} {}: {}; retrying in {:.1f} s (attempt {} of {})", method, path,
                 failure->message, static_cast<double>(delay.count()) / 1000.0, attempt + 1,
                 budget.max_attempts());
    ++counts.retries;
    clock_.sleep(delay);
  }
}

}  // namespace arxiv_digest::app
