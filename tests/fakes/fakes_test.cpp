// The fakes' own behavior beyond the port contracts: scripting, logs and failure injection.

#include <gmock/gmock.h>

#include <thread>
#include <vector>

#include "fakes/fake_clock.hpp"
#include "fakes/fake_http_client.hpp"
#include "fakes/memory_file_system.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::testing {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

HttpRequest get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

TEST(FakeHttpClient, AnswersFromTheScriptInOrderThenFromTheHandler) {
  FakeHttpClient http([](const HttpRequest& request) -> Result<HttpResponse> {
    return make_response(200, "handled " + request.url);
  });
  http.push(429, "Rate exceeded.", {{"Retry-After", "2"}});
  http.push(Error{ErrorCode::timeout, "slow"});

  const auto first = http.send(get("https://a"));
  ASSERT_OK(first);
  EXPECT_EQ(first->status, 429);
  EXPECT_EQ(first->headers.at("retry-after"), "2");  // lower-cased like the real client
  const auto second = http.send(get("https://b"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::timeout);
  const auto third = http.send(get("https://c"));
  ASSERT_OK(third);
  EXPECT_EQ(third->body, "handled https://c");
  EXPECT_EQ(http.pending(), 0U);
}

TEST(FakeHttpClient, UnscriptedRequestIsANetworkErrorNamingTheUrl) {
  FakeHttpClient http;
  const auto response = http.send(get("https://rss.arxiv.org/rss/cs.AI"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::network);
  EXPECT_THAT(response.error().message, HasSubstr("GET https://rss.arxiv.org/rss/cs.AI"));
}

TEST(FakeHttpClient, RecordsEveryRequestWithTheClockTime) {
  FakeClock clock;
  FakeHttpClient http(
      [](const HttpRequest&) -> Result<HttpResponse> { return make_response(200, ""); });
  http.attach_clock(clock);
  HttpRequest post = get("https://api/files");
  post.method = "POST";
  post.body = "{}";
  (void)http.send(get("https://api/a"));
  clock.sleep(3000ms);
  (void)http.send(post);
  EXPECT_EQ(http.requests(), (std::vector<HttpRequest>{get("https://api/a"), post}));
  ASSERT_EQ(http.request_times().size(), 2U);
  EXPECT_EQ(http.request_times()[1] - http.request_times()[0], 3000ms);
  EXPECT_EQ(http.request_count(), 2U);
}

TEST(FakeHttpClient, IsSafeToCallFromSeveralThreads) {
  FakeHttpClient http(
      [](const HttpRequest&) -> Result<HttpResponse> { return make_response(200, "ok"); });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        (void)http.send(get("https://x"));
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(http.request_count(), 200U);
}

TEST(MemoryFileSystem, LogsReadsAndSuccessfulWrites) {
  MemoryFileSystem fs;
  fs.add_file("config.json", "{}");
  (void)fs.read("config.json");
  (void)fs.read("missing.json");
  ASSERT_OK(fs.write_atomic("out/README.md", "digest"));
  EXPECT_EQ(fs.files_read(), (std::vector<std::string>{"config.json", "missing.json"}));
  EXPECT_EQ(fs.files_written(), std::vector<std::string>{"out/README.md"});
  EXPECT_EQ(fs.contents("out/README.md"), "digest");
  EXPECT_EQ(fs.contents("nope"), std::nullopt);
  EXPECT_EQ(fs.files().size(), 2U);
}

TEST(MemoryFileSystem, FailWriteAtCountsWritesFromNow) {
  MemoryFileSystem fs;
  ASSERT_OK(fs.write_atomic("a", "1"));
  fs.fail_write_at(2);
  ASSERT_OK(fs.write_atomic("b", "2"));
  const auto failed = fs.write_atomic("c", "3");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error(), (Error{ErrorCode::io, "write c: Input/output error"}));
  ASSERT_OK(fs.write_atomic("c", "3"));  // only that one write fails
  EXPECT_EQ(fs.write_attempts(), 4U);
  EXPECT_EQ(fs.files_written(), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(MemoryFileSystem, ListReturnsPathsJoinedToTheFolderAsGiven) {
  MemoryFileSystem fs;
  fs.add_file("data/b.jsonl", "");
  fs.add_file("data/a.jsonl", "");
  EXPECT_EQ(fs.list("data/", ".jsonl").value_or(std::vector<std::string>{}),
            (std::vector<std::string>{"data/a.jsonl", "data/b.jsonl"}));
  EXPECT_EQ(fs.list("./data", ".jsonl").value_or(std::vector<std::string>{}),
            (std::vector<std::string>{"./data/a.jsonl", "./data/b.jsonl"}));
}

}  // namespace
}  // namespace arxiv_digest::testing
