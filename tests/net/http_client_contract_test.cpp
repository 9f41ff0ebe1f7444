// One contract for the HttpClient port, run on the scripted fake and on libcurl against a
// cpp-httplib server on 127.0.0.1, so that what the app's tests script into FakeHttpClient is
// what CurlHttpClient really answers: statuses as responses, lower-cased header names, requests
// that arrive as sent, and timeouts and dropped connections as errors naming the request.

#include <gmock/gmock.h>

#include <cctype>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fakes/fake_http_client.hpp"
#include "net/curl_http_client.hpp"
#include "support/loopback_server.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::testing {
namespace {

using namespace std::chrono_literals;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Each;
using ::testing::HasSubstr;
using ::testing::Key;
using ::testing::Pair;
using ::testing::Truly;

// Long enough for a loopback request under load, short enough that the timeout case stays far
// below the 300 ms a test may spend waiting for real.
constexpr auto kShortTimeout = 150ms;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// What a path answers: a response, or a failure of the connection.
struct Route {
  enum class Kind { respond, time_out, drop };
  Kind kind = Kind::respond;
  int status = 404;
  std::map<std::string, std::string> headers;  // names as the server sends them
  std::string body = "no route";
};

// The setup both environments offer: what each path answers. Thread-safe, since the loopback
// server answers on its own threads.
class Routes {
 public:
  void serve(const std::string& path, int status, std::map<std::string, std::string> headers,
             std::string body) {
    set(path, Route{Route::Kind::respond, status, std::move(headers), std::move(body)});
  }
  void time_out(const std::string& path) { set(path, Route{Route::Kind::time_out, 0, {}, {}}); }
  void drop(const std::string& path) { set(path, Route{Route::Kind::drop, 0, {}, {}}); }

 protected:
  Route find(const std::string& path) const {
    const std::lock_guard lock(mutex_);
    const auto it = routes_.find(path);
    return it == routes_.end() ? Route{} : it->second;
  }

 private:
  void set(const std::string& path, Route route) {
    const std::lock_guard lock(mutex_);
    routes_[path] = std::move(route);
  }

  mutable std::mutex mutex_;
  std::map<std::string, Route> routes_;
};

// A request as the server received it; header names lower-cased, since HTTP ignores their case.
struct Seen {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;
  std::string body;

  std::string header(std::string_view name) const {
    const auto it = headers.find(lower(name));
    return it == headers.end() ? "" : it->second;
  }
};

// The environments the contract runs in: a client under test, URLs for paths, what each path
// answers (Routes) and the requests that arrived.

// FakeHttpClient over the routes: what a test of the app would script, failures included.
class FakeEnv : public Routes {
 public:
  static constexpr char kName[] = "Fake";

  FakeEnv() {
    http_.set_handler([this](const HttpRequest& request) { return answer(request); });
  }
  HttpClient& http() { return http_; }
  std::string url(std::string_view path) const { return kBase + std::string(path); }
  std::vector<Seen> seen() const {
    std::vector<Seen> out;
    for (const HttpRequest& request : http_.requests()) {
      Seen seen{request.method, request.url.substr(kBase.size()), {}, request.body};
      for (const auto& [name, value] : request.headers) {
        seen.headers[lower(name)] = value;
      }
      out.push_back(std::move(seen));
    }
    return out;
  }

 private:
  inline static const std::string kBase = "http://fake.invalid";

  Result<HttpResponse> answer(const HttpRequest& request) const {
    const Route route = find(request.url.substr(kBase.size()));
    const std::string where = request.method + " " + request.url + ": ";
    switch (route.kind) {
      case Route::Kind::time_out:
        return Error{ErrorCode::timeout, where + "Timeout was reached"};
      case Route::Kind::drop:
        return Error{ErrorCode::network, where + "Transferred a partial file"};
      case Route::Kind::respond:
        break;
    }
    return make_response(route.status, route.body, route.headers);
  }

  FakeHttpClient http_;
};

// CurlHttpClient against a loopback server that answers from the routes.
class CurlEnv : public Routes {
 public:
  static constexpr char kName[] = "Curl";

  CurlEnv() {
    const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      answer(req, res);
    };
    auto& svr = server_.server();
    svr.Get(".*", handler);
    svr.Post(".*", handler);
    svr.Put(".*", handler);
    svr.Delete(".*", handler);
    server_.start();
  }
  CurlEnv(const CurlEnv&) = delete;
  CurlEnv& operator=(const CurlEnv&) = delete;
  ~CurlEnv() {
    gate_.open();  // releases a handler still holding a timed-out request
    server_.stop();
  }

  HttpClient& http() { return client_; }
  std::string url(std::string_view path) const { return server_.url(path); }
  std::vector<Seen> seen() const {
    const std::lock_guard lock(seen_mutex_);
    return seen_;
  }

 private:
  void answer(const httplib::Request& req, httplib::Response& res) {
    record(req);
    const Route route = find(req.path);
    switch (route.kind) {
      case Route::Kind::time_out:
        gate_.wait(10s);  // the client gives up long before
        return;
      case Route::Kind::drop:
        // Promises 1000 bytes, sends 100, then closes the connection.
        res.set_content_provider(1000, "application/octet-stream",
                                 [](size_t, size_t, httplib::DataSink& sink) {
                                   sink.write(std::string(100, 'x').data(), 100);
                                   return false;
                                 });
        return;
      case Route::Kind::respond:
        break;
    }
    res.status = route.status;
    for (const auto& [name, value] : route.headers) {
      res.set_header(name, value);
    }
    res.set_content(route.body, "text/plain");
  }

  void record(const httplib::Request& req) {
    Seen seen{req.method, req.path, {}, req.body};
    for (const auto& [name, value] : req.headers) {
      seen.headers.emplace(lower(name), value);
    }
    const std::lock_guard lock(seen_mutex_);
    seen_.push_back(std::move(seen));
  }

  mutable std::mutex seen_mutex_;
  std::vector<Seen> seen_;
  Gate gate_;
  LoopbackServer server_;
  net::CurlHttpClient client_{net::CurlHttpClientOptions{.connect_timeout = 2s}};
};

template <typename Env>
class HttpClientContract : public ::testing::Test {
 protected:
  Result<HttpResponse> send(const std::string& method, const std::string& path,
                            std::chrono::milliseconds timeout = 5s) {
    HttpRequest request;
    request.method = method;
    request.url = env_.url(path);
    request.timeout = timeout;
    return env_.http().send(request);
  }

  Env env_;
};

struct EnvNames {
  template <typename Env>
  static std::string GetName(int) {
    return Env::kName;
  }
};
using Envs = ::testing::Types<FakeEnv, CurlEnv>;
TYPED_TEST_SUITE(HttpClientContract, Envs, EnvNames);

TYPED_TEST(HttpClientContract, EveryStatusIsAResponseWithItsBody) {
  for (const int status : {200, 404, 429, 503}) {
    SCOPED_TRACE(status);
    const std::string path = "/status/" + std::to_string(status);
    const std::string body = "body of " + std::to_string(status);
    this->env_.serve(path, status, {}, body);
    const auto response = this->send("GET", path);
    ASSERT_OK(response);
    EXPECT_EQ(response->status, status);
    EXPECT_EQ(response->body, body);
  }
}

TYPED_TEST(HttpClientContract, ResponseHeaderNamesAreLowerCased) {
  this->env_.serve("/rate-limited", 429,
                   {{"Retry-After", "2"}, {"X-Custom-Header", "Custom Value"}, {"ETag", "\"v1\""}},
                   "Rate exceeded.");
  const auto response = this->send("GET", "/rate-limited");
  ASSERT_OK(response);
  EXPECT_THAT(response->headers, AllOf(Contains(Pair("retry-after", "2")),
                                       Contains(Pair("x-custom-header", "Custom Value")),
                                       Contains(Pair("etag", "\"v1\""))));
  EXPECT_THAT(response->headers,
              Each(Key(Truly([](const std::string& name) { return name == lower(name); }))));
}

TYPED_TEST(HttpClientContract, MethodHeadersAndBodyReachTheServer) {
  this->env_.serve("/submit", 201, {}, "created");
  std::map<std::string, std::string> sent;  // body by method
  for (const char* method : {"GET", "POST", "PUT", "DELETE"}) {
    HttpRequest request;
    request.method = method;
    request.url = this->env_.url("/submit");
    request.headers = {{"X-Trace", "abc 123"}, {"If-None-Match", "\"v1\""}};
    if (request.method != "GET") {
      request.headers.emplace("Content-Type", "application/json");
      request.body =
          R"({"method":")" + request.method + R"(","input":")" + std::string(3000, 'a') + "\"}";
    }
    sent[method] = request.body;
    const auto response = this->env_.http().send(request);
    ASSERT_OK(response);
    EXPECT_EQ(response->status, 201);
  }
  const auto seen = this->env_.seen();
  std::map<std::string, std::string> received;
  for (const Seen& request : seen) {
    SCOPED_TRACE(request.method);
    received[request.method] = request.body;
    EXPECT_EQ(request.path, "/submit");
    EXPECT_EQ(request.header("X-Trace"), "abc 123");
    EXPECT_EQ(request.header("If-None-Match"), "\"v1\"");
    EXPECT_EQ(request.header("Content-Type"), request.method == "GET" ? "" : "application/json");
  }
  EXPECT_EQ(seen.size(), 4U);
  EXPECT_EQ(received, sent);
}

TYPED_TEST(HttpClientContract, ASlowAnswerIsATimeout) {
  this->env_.time_out("/slow");
  const auto started = std::chrono::steady_clock::now();
  const auto response = this->send("GET", "/slow", kShortTimeout);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::timeout);
}

TYPED_TEST(HttpClientContract, ADroppedConnectionIsANetworkError) {
  this->env_.drop("/drop");
  const auto response = this->send("GET", "/drop");
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::network);
}

TYPED_TEST(HttpClientContract, ErrorMessagesNameTheMethodAndTheUrl) {
  this->env_.time_out("/slow");
  this->env_.drop("/drop");
  const auto timed_out = this->send("POST", "/slow", kShortTimeout);
  ASSERT_FALSE(timed_out);
  EXPECT_THAT(timed_out.error().message, HasSubstr("POST " + this->env_.url("/slow") + ": "));
  const auto dropped = this->send("DELETE", "/drop");
  ASSERT_FALSE(dropped);
  EXPECT_THAT(dropped.error().message, HasSubstr("DELETE " + this->env_.url("/drop") + ": "));
}

}  // namespace
}  // namespace arxiv_digest::testing
