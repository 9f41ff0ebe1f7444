#pragma once
// FakeHttpClient: a scripted HttpClient that records every request (ninja's FakeCommandRunner).
// send() answers from the queue of scripted responses/errors first (first in, first out), then
// from the handler; with neither it returns an ErrorCode::network error naming the URL, so an
// unexpected request fails the code under test loudly. Thread-safe: the summarizer may call
// send() from several threads; the handler then runs under no lock and must be thread-safe.

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::testing {

// A response with the given status and body; header names are lower-cased as the port promises.
HttpResponse make_response(int status, std::string body,
                           const std::map<std::string, std::string>& headers = {});

class FakeHttpClient final : public HttpClient {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;

  FakeHttpClient() = default;
  explicit FakeHttpClient(Handler handler);

  Result<HttpResponse> send(const HttpRequest& request) override;

  void push(HttpResponse response);
  void push(int status, std::string body, const std::map<std::string, std::string>& headers = {});
  void push(Error error);
  void set_handler(Handler handler);
  // With a clock attached, each recorded request also gets clock.now() in request_times(), so
  // tests can assert the spacing a politeness policy produced. The clock must outlive this.
  void attach_clock(Clock& clock);

  std::vector<HttpRequest> requests() const;  // every request, in call order
  std::vector<std::chrono::system_clock::time_point> request_times() const;
  std::size_t request_count() const;
  std::size_t pending() const;  // scripted answers not consumed yet

 private:
  mutable std::mutex mutex_;
  std::deque<Result<HttpResponse>> script_;
  Handler handler_;
  Clock* clock_ = nullptr;
  std::vector<HttpRequest> requests_;
  std::vector<std::chrono::system_clock::time_point> request_times_;
};

}  // namespace arxiv_digest::testing
