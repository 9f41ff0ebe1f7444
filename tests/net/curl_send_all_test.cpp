// CurlHttpClient::send_all: the curl multi interface with a bound on transfers in flight.

#include <gmock/gmock.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "net/curl_http_client.hpp"
#include "support/loopback_server.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::net {
namespace {

using namespace std::chrono_literals;
using ::arxiv_digest::testing::Gate;
using ::arxiv_digest::testing::LoopbackServer;
using ::arxiv_digest::testing::RefusingPort;

class CurlSendAllTest : public ::testing::Test {
 protected:
  static constexpr int kLimit = 3;
  static constexpr int kRequests = 8;

  void SetUp() override {
    // Each handler holds its slot until kLimit are in flight at once (or a short wait passes),
    // so the client gets every chance to exceed the limit. Item 0 also waits for later items to
    // finish, so answers complete out of request order.
    server_.server().Get(
        R"(/item/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
          const int item = std::stoi(req.matches[1]);
          std::unique_lock lock(mutex_);
          ++in_flight_;
          max_in_flight_ = std::max(max_in_flight_, in_flight_);
          changed_.notify_all();
          changed_.wait_for(lock, 300ms, [this] { return in_flight_ >= hold_until_in_flight_; });
          if (item == 0) {
            changed_.wait_for(lock, 2s, [this] { return completed_ >= 3; });
          }
          --in_flight_;
          ++completed_;
          changed_.notify_all();
          res.set_content("item " + std::to_string(item), "text/plain");
        });
    server_.server().Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
      gate_.wait(10s);
      res.set_content("too late", "text/plain");
    });
    server_.server().Get("/status/500",
                         [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
    server_.start();
  }
  void TearDown() override {
    gate_.open();
    server_.stop();
  }

  HttpRequest get(const std::string& path, std::chrono::milliseconds timeout = 5s) const {
    HttpRequest request;
    request.url = server_.url(path);
    request.timeout = timeout;
    return request;
  }

  LoopbackServer server_;
  Gate gate_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int in_flight_ = 0;
  int max_in_flight_ = 0;
  int completed_ = 0;
  int hold_until_in_flight_ = kLimit;
  CurlHttpClient client_;
};

TEST_F(CurlSendAllTest, KeepsAtMostMaxInFlightAndAnswersInRequestOrder) {
  std::vector<HttpRequest> requests;
  for (int i = 0; i < kRequests; ++i) {
    requests.push_back(get("/item/" + std::to_string(i)));
  }
  const auto results = client_.send_all(requests, kLimit);
  ASSERT_EQ(results.size(), requests.size());
  for (int i = 0; i < kRequests; ++i) {
    ASSERT_OK(results[i]);
    EXPECT_EQ(results[i]->status, 200);
    EXPECT_EQ(results[i]->body, "item " + std::to_string(i));
  }
  const std::lock_guard lock(mutex_);
  EXPECT_EQ(completed_, kRequests);
  EXPECT_LE(max_in_flight_, kLimit);
  EXPECT_EQ(max_in_flight_, kLimit) << "requests never overlapped: the multi handle is unused";
}

TEST_F(CurlSendAllTest, OneAtATimeWhenLimitIsZeroOrOne) {
  hold_until_in_flight_ = 1;
  const std::vector<HttpRequest> requests = {get("/item/1"), get("/item/2"), get("/item/3")};
  for (const std::size_t limit : {0U, 1U}) {
    const auto results = client_.send_all(requests, limit);
    ASSERT_EQ(results.size(), 3U);
    EXPECT_EQ(results[2]->body, "item 3");
  }
  const std::lock_guard lock(mutex_);
  EXPECT_EQ(max_in_flight_, 1);
}

TEST_F(CurlSendAllTest, EachFailureStaysInItsOwnSlot) {
  const RefusingPort refusing;
  HttpRequest refused;
  refused.url = refusing.url("/nothing-listens-here");
  HttpRequest bad;
  bad.method = "bad method";
  bad.url = server_.url("/item/9");
  const auto results =
      client_.send_all({get("/item/1"), get("/slow", 200ms), refused, get("/status/500"), bad}, 4);
  ASSERT_EQ(results.size(), 5U);
  ASSERT_OK(results[0]);
  EXPECT_EQ(results[0]->body, "item 1");
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().code, ErrorCode::timeout);
  ASSERT_FALSE(results[2]);
  EXPECT_EQ(results[2].error().code, ErrorCode::network);
  ASSERT_OK(results[3]);
  EXPECT_EQ(results[3]->status, 500);
  ASSERT_FALSE(results[4]);
  EXPECT_EQ(results[4].error().code, ErrorCode::invalid_config);
}

TEST_F(CurlSendAllTest, NoRequestsNoResults) { EXPECT_TRUE(client_.send_all({}, 4).empty()); }

}  // namespace
}  // namespace arxiv_digest::net
