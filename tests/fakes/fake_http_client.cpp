#include "fakes/fake_http_client.hpp"

#include <cctype>
#include <utility>

namespace arxiv_digest::testing {

HttpResponse make_response(int status, std::string body,
                           const std::map<std::string, std::string>& headers) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  for (const auto& [name, value] : headers) {
    std::string lower = name;
    for (char& c : lower) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    response.headers[lower] = value;
  }
  return response;
}

FakeHttpClient::FakeHttpClient(Handler handler) : handler_(std::move(handler)) {}

Result<HttpResponse> FakeHttpClient::send(const HttpRequest& request) {
  Handler handler;
  {
    const std::lock_guard lock(mutex_);
    requests_.push_back(request);
    if (clock_ != nullptr) {
      request_times_.push_back(clock_->now());
    }
    if (!script_.empty()) {
      Result<HttpResponse> answer = std::move(script_.front());
      script_.pop_front();
      return answer;
    }
    handler = handler_;
  }
  if (handler) {
    return handler(request);
  }
  return Error{ErrorCode::network,
               "FakeHttpClient: no scripted answer for " + request.method + " " + request.url};
}

void FakeHttpClient::push(HttpResponse response) {
  const std::lock_guard lock(mutex_);
  script_.emplace_back(std::move(response));
}

void FakeHttpClient::push(int status, std::string body,
                          const std::map<std::string, std::string>& headers) {
  push(make_response(status, std::move(body), headers));
}

void FakeHttpClient::push(Error error) {
  const std::lock_guard lock(mutex_);
  script_.emplace_back(std::move(error));
}

void FakeHttpClient::set_handler(Handler handler) {
  const std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

void FakeHttpClient::attach_clock(Clock& clock) {
  const std::lock_guard lock(mutex_);
  clock_ = &clock;
}

std::vector<HttpRequest> FakeHttpClient::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<std::chrono::system_clock::time_point> FakeHttpClient::request_times() const {
  const std::lock_guard lock(mutex_);
  return request_times_;
}

std::size_t FakeHttpClient::request_count() const {
  const std::lock_guard lock(mutex_);
  return requests_.size();
}

std::size_t FakeHttpClient::pending() const {
  const std::lock_guard lock(mutex_);
  return script_.size();
}

}  // namespace arxiv_digest::testing
