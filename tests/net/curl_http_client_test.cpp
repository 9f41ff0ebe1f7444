#include "net/curl_http_client.hpp"

#include <gmock/gmock.h>
#include <zlib.h>

#include <chrono>
#include <csignal>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fakes/fake_stop.hpp"
#include "support/loopback_server.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::net {
namespace {

using namespace std::chrono_literals;
using ::arxiv_digest::testing::Gate;
using ::arxiv_digest::testing::LoopbackServer;
using ::arxiv_digest::testing::RefusingPort;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kUserAgent[] = "arxiv-digest-test/1.0 (+https://example.org/contact)";

std::string gzip(const std::string& text) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

struct SeenRequest {
  std::string method;
  std::string path;
  httplib::Headers headers;
  std::string body;

  // First value of a header as the server received it ("" when absent); names compare
  // case-insensitively, as httplib::Headers does.
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class CurlHttpClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& svr = server_.server();
    svr.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("X-Custom-Header", "Custom Value");
      res.set_header("ETag", "\"v1\"");
      res.set_header("X-Dup", "first");
      res.set_header("X-Dup", "second");
      res.set_content("hello world", "text/plain");
    });
    svr.Get("/echo", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.set_content("ok", "text/plain");
    });
    svr.Post("/submit", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.status = 201;
      res.set_content("created", "text/plain");
    });
    svr.Delete("/thing/1", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.status = 204;
    });
    svr.Get("/status/404", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
      res.set_content("no such page", "text/plain");
    });
    svr.Get("/status/503", [](const httplib::Request&, httplib::Response& res) {
      res.status = 503;
      res.set_content("busy", "text/plain");
    });
    svr.Get("/rate-limited", [](const httplib::Request&, httplib::Response& res) {
      res.status = 429;
      res.set_header("Retry-After", "2");
      res.set_content("Rate exceeded.", "text/plain");
    });
    svr.Get("/gzip", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.set_header("Content-Encoding", "gzip");
      res.set_content(gzip(feed_), "application/atom+xml");
    });
    svr.Get("/old", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("X-Hop", "first");
      res.set_redirect("/new", 302);
    });
    svr.Get("/new", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("X-Final", "yes");
      res.set_content("arrived", "text/plain");
    });
    svr.Get("/loop", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/loop", 302);
    });
    svr.Get("/held", [this](const httplib::Request&, httplib::Response& res) {
      arrived_.open();
      gate_.wait(10s);
      res.set_content("too late", "text/plain");
    });
    svr.Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
      gate_.wait(10s);
      res.set_content("too late", "text/plain");
    });
    // Promises 1000 bytes, sends 100, then the server drops the connection.
    svr.Get("/drop", [](const httplib::Request&, httplib::Response& res) {
      res.set_content_provider(1000, "application/octet-stream",
                               [](size_t, size_t, httplib::DataSink& sink) {
                                 sink.write(std::string(100, 'x').data(), 100);
                                 return false;
                               });
    });
    svr.Get("/drop-chunked", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("application/octet-stream",
                                       [](size_t offset, httplib::DataSink& sink) {
                                         if (offset > 0) {
                                           return false;
                                         }
                                         sink.write(std::string(100, 'x').data(), 100);
                                         return true;
                                       });
    });
    svr.Get("/html", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kHtml, "text/html");
    });
    svr.Get("/truncated", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kTruncatedXml, "application/rss+xml");
    });
    server_.start();
  }

  void TearDown() override {
    gate_.open();
    server_.stop();
  }

  void record(const httplib::Request& req) {
    const std::lock_guard lock(mutex_);
    seen_.push_back(SeenRequest{req.method, req.path, req.headers, req.body});
  }
  std::vector<SeenRequest> seen() {
    const std::lock_guard lock(mutex_);
    return seen_;
  }

  HttpRequest get(const std::string& path, std::chrono::milliseconds timeout = 5s) const {
    HttpRequest request;
    request.url = server_.url(path);
    request.timeout = timeout;
    return request;
  }

  static constexpr char kHtml[] =
      "<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>";
  static constexpr char kTruncatedXml[] =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>Cut off";

  LoopbackServer server_;
  Gate gate_;
  Gate arrived_;  // opened when /held has a request
  std::mutex mutex_;
  std::vector<SeenRequest> seen_;
  std::string feed_ = [] {
    std::string text = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">";
    for (int i = 0; i < 200; ++i) {
      text += "<entry><id>oai:arXiv.org:2602." + std::to_string(10000 + i) + "</id></entry>";
    }
    return text + "</feed>";
  }();
  CurlHttpClient client_{
      CurlHttpClientOptions{.user_agent = kUserAgent, .connect_timeout = 2s, .max_redirects = 5}};
};

TEST_F(CurlHttpClientTest, ReturnsStatusBodyAndLowerCasedHeaders) {
  const auto response = client_.send(get("/hello"));
  ASSERT_OK(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello world");
  EXPECT_EQ(response->headers.at("x-custom-header"), "Custom Value");
  EXPECT_EQ(response->headers.at("etag"), "\"v1\"");
  EXPECT_EQ(response->headers.at("content-type"), "text/plain");
  EXPECT_EQ(response->headers.at("x-dup"), "second");  // last value wins
  EXPECT_EQ(response->headers.count("X-Custom-Header"), 0U);
  EXPECT_GE(response->elapsed, 0ms);
}

TEST_F(CurlHttpClientTest, SendsUserAgentAndRequestHeaders) {
  HttpRequest request = get("/echo");
  request.headers = {{"If-None-Match", "\"v1\""}, {"X-Trace", "abc 123"}};
  ASSERT_OK(client_.send(request));
  const auto seen = this->seen();
  ASSERT_EQ(seen.size(), 1U);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].header("User-Agent"), kUserAgent);
  EXPECT_EQ(seen[0].header("If-None-Match"), "\"v1\"");
  EXPECT_EQ(seen[0].header("X-Trace"), "abc 123");
}

TEST_F(CurlHttpClientTest, RequestUserAgentHeaderOverridesTheDefault) {
  HttpRequest request = get("/echo");
  request.headers = {{"User-Agent", "special/2.0"}};
  ASSERT_OK(client_.send(request));
  ASSERT_EQ(seen().size(), 1U);
  EXPECT_EQ(seen()[0].header("User-Agent"), "special/2.0");
}

TEST_F(CurlHttpClientTest, PostSendsBodyAndContentType) {
  HttpRequest request = get("/submit");
  request.method = "POST";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = std::string(R"({"model":"qwen-long","input":")") + std::string(5000, 'a') + "\"}";
  const auto response = client_.send(request);
  ASSERT_OK(response);
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->body, "created");
  const auto seen = this->seen();
  ASSERT_EQ(seen.size(), 1U);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].body, request.body);
  EXPECT_EQ(seen[0].header("Content-Type"), "application/json");
  EXPECT_FALSE(seen[0].headers.count("Expect"));  // no 100-continue round trip
}

TEST_F(CurlHttpClientTest, DeleteAndHeadUseTheirMethods) {
  HttpRequest remove = get("/thing/1");
  remove.method = "DELETE";
  const auto deleted = client_.send(remove);
  ASSERT_OK(deleted);
  EXPECT_EQ(deleted->status, 204);
  ASSERT_EQ(seen().size(), 1U);
  EXPECT_EQ(seen()[0].method, "DELETE");

  HttpRequest head = get("/hello");
  head.method = "HEAD";
  const auto headed = client_.send(head);
  ASSERT_OK(headed);
  EXPECT_EQ(headed->status, 200);
  EXPECT_EQ(headed->body, "");
  EXPECT_EQ(headed->headers.at("x-custom-header"), "Custom Value");
}

TEST_F(CurlHttpClientTest, ErrorStatusesAreResponsesNotErrors) {
  const auto missing = client_.send(get("/status/404"));
  ASSERT_OK(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->body, "no such page");

  const auto busy = client_.send(get("/status/503"));
  ASSERT_OK(busy);
  EXPECT_EQ(busy->status, 503);
  EXPECT_EQ(busy->body, "busy");
}

TEST_F(CurlHttpClientTest, RateLimitedResponseKeepsRetryAfter) {
  const auto response = client_.send(get("/rate-limited"));
  ASSERT_OK(response);
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(response->headers.at("retry-after"), "2");
  EXPECT_EQ(response->body, "Rate exceeded.");
}

TEST_F(CurlHttpClientTest, GzipBodyIsDecoded) {
  const auto response = client_.send(get("/gzip"));
  ASSERT_OK(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->headers.at("content-encoding"), "gzip");
  EXPECT_EQ(response->body, feed_);
  ASSERT_EQ(seen().size(), 1U);
  EXPECT_THAT(seen()[0].header("Accept-Encoding"), HasSubstr("gzip"));
}

TEST_F(CurlHttpClientTest, RedirectIsFollowedAndOnlyFinalHeadersKept) {
  const auto response = client_.send(get("/old"));
  ASSERT_OK(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "arrived");
  EXPECT_EQ(response->headers.at("x-final"), "yes");
  EXPECT_EQ(response->headers.count("x-hop"), 0U);
  EXPECT_EQ(response->headers.count("location"), 0U);
}

TEST_F(CurlHttpClientTest, TooManyRedirectsIsANetworkError) {
  const auto response = client_.send(get("/loop"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::network);
  EXPECT_THAT(response.error().message, HasSubstr(server_.url("/loop")));
}

TEST_F(CurlHttpClientTest, RedirectsAreReturnedWhenFollowingIsOff) {
  CurlHttpClient no_follow(CurlHttpClientOptions{.max_redirects = 0});
  const auto response = no_follow.send(get("/old"));
  ASSERT_OK(response);
  EXPECT_EQ(response->status, 302);
  EXPECT_EQ(response->headers.at("location"), "/new");
}

TEST_F(CurlHttpClientTest, SlowResponseIsATimeout) {
  const auto started = std::chrono::steady_clock::now();
  const auto response = client_.send(get("/slow", 200ms));
  const auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::timeout);
  EXPECT_THAT(response.error().message, HasSubstr("GET " + server_.url("/slow") + ": "));
  EXPECT_THAT(response.error().message, HasSubstr("Timeout was reached"));
  EXPECT_LT(waited, 3s);
}

TEST_F(CurlHttpClientTest, AStopRequestAbortsTheTransferInFlightAndSendsNoMore) {
  ::arxiv_digest::testing::FakeStop stop;
  CurlHttpClient client{CurlHttpClientOptions{
      .user_agent = kUserAgent, .connect_timeout = 2s, .max_redirects = 5, .stop = &stop}};
  std::thread signal_handler([&] {
    if (arrived_.wait(10s)) {
      stop.request(SIGTERM);
    }
  });
  const auto started = std::chrono::steady_clock::now();
  const auto held = client.send(get("/held", 10s));
  const auto waited = std::chrono::steady_clock::now() - started;
  signal_handler.join();
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().code, ErrorCode::interrupted);
  EXPECT_EQ(held.error().message, "GET " + server_.url("/held") + ": interrupted by SIGTERM");
  EXPECT_LT(waited, 3s);

  const auto next = client.send(get("/echo"));
  ASSERT_FALSE(next);
  EXPECT_EQ(next.error().code, ErrorCode::interrupted);
  EXPECT_THAT(next.error().message, HasSubstr("not sent: interrupted by SIGTERM"));
  EXPECT_TRUE(seen().empty());
}

TEST_F(CurlHttpClientTest, ConnectionDroppedMidBodyIsANetworkError) {
  for (const char* path : {"/drop", "/drop-chunked"}) {
    const auto response = client_.send(get(path));
    ASSERT_FALSE(response) << path << " returned " << response->body.size() << " bytes";
    EXPECT_EQ(response.error().code, ErrorCode::network) << response.error().message;
    EXPECT_THAT(response.error().message, HasSubstr(server_.url(path) + ": "));
  }
}

TEST_F(CurlHttpClientTest, ConnectionRefusedIsANetworkError) {
  const RefusingPort refusing;
  HttpRequest request;
  request.url = refusing.url("/rss/cs.AI");
  const auto response = client_.send(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::network);
  EXPECT_THAT(response.error().message, HasSubstr(request.url));
  EXPECT_THAT(response.error().message, HasSubstr("Couldn't connect to server"));
}

TEST_F(CurlHttpClientTest, HtmlAndTruncatedBodiesAreReturnedAsIs) {
  const auto html = client_.send(get("/html"));
  ASSERT_OK(html);
  EXPECT_EQ(html->status, 200);
  EXPECT_EQ(html->body, kHtml);
  EXPECT_EQ(html->headers.at("content-type"), "text/html");

  const auto truncated = client_.send(get("/truncated"));
  ASSERT_OK(truncated);
  EXPECT_EQ(truncated->status, 200);
  EXPECT_EQ(truncated->body, kTruncatedXml);
}

TEST_F(CurlHttpClientTest, ErrorMessagesHideCredentialsAndSecretQueryValues) {
  HttpRequest request = get("/slow", 200ms);
  request.url = "http://reader:hunter2@127.0.0.1:" + std::to_string(server_.port()) +
                "/slow?api_key=SECRET1&q=cs.AI&access_token=SECRET2";
  const auto response = client_.send(request);
  ASSERT_FALSE(response);
  const std::string& message = response.error().message;
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));
  EXPECT_THAT(message, Not(HasSubstr("SECRET1")));
  EXPECT_THAT(message, Not(HasSubstr("SECRET2")));
  EXPECT_THAT(message, HasSubstr("/slow?api_key=REDACTED&q=cs.AI&access_token=REDACTED"));
}

TEST_F(CurlHttpClientTest, InvalidRequestsAreRejectedBeforeSending) {
  HttpRequest bad_method = get("/echo");
  bad_method.method = "GET /x HTTP/1.1\r\n";
  const auto method = client_.send(bad_method);
  ASSERT_FALSE(method);
  EXPECT_EQ(method.error().code, ErrorCode::invalid_config);

  HttpRequest bad_header = get("/echo");
  bad_header.headers = {{"X-Injected", "a\r\nX-Evil: 1"}};
  const auto header = client_.send(bad_header);
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().code, ErrorCode::invalid_config);

  HttpRequest bad_url;
  bad_url.url = "http://[::1";
  const auto url = client_.send(bad_url);
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().code, ErrorCode::invalid_config);
  EXPECT_TRUE(seen().empty());
}

TEST(RedactUrl, RemovesUserinfoFragmentAndSecretQueryValues) {
  EXPECT_EQ(redact_url("https://rss.arxiv.org/rss/cs.AI+cs.CL"),
            "https://rss.arxiv.org/rss/cs.AI+cs.CL");
  EXPECT_EQ(redact_url("https://user:pw@example.org/v1/files?purpose=batch"),
            "https://example.org/v1/files?purpose=batch");
  EXPECT_EQ(redact_url("https://example.org/x?key=a&apiKey=b&X-Amz-Signature=c&sig=d&start=0"),
            "https://example.org/x?key=REDACTED&apiKey=REDACTED&X-Amz-Signature=REDACTED&"
            "sig=REDACTED&start=0");
  EXPECT_EQ(redact_url("https://example.org/cb#access_token=abc"), "https://example.org/cb");
  EXPECT_EQ(redact_url("http://example.org/q?keywords=llm&token"),
            "http://example.org/q?keywords=llm&token");
  EXPECT_EQ(redact_url("http://example.org/mail@home?password=x"),
            "http://example.org/mail@home?password=REDACTED");
}

}  // namespace
}  // namespace arxiv_digest::net
