#include "app/http/polite_http_client.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "core/util/url.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/fake_http_client.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;
using testing::FakeClock;
using testing::FakeHttpClient;

constexpr const char* kRss = "https://rss.arxiv.org/rss/cs.AI+cs.CL";
constexpr const char* kApi = "https://export.arxiv.org/api/query?id_list=2602.10965";

HttpRequest get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

std::vector<milliseconds> gaps(const std::vector<std::chrono::system_clock::time_point>& times) {
  std::vector<milliseconds> out;
  for (std::size_t i = 1; i < times.size(); ++i) {
    out.push_back(std::chrono::duration_cast<milliseconds>(times[i] - times[i - 1]));
  }
  return out;
}

class PoliteHttpClientTest : public ::testing::Test {
 protected:
  PoliteHttpClientTest() { http_.attach_clock(clock_); }

  // Seeded, so jitter is reproducible; no spacing unless a test asks for it.
  static PolitenessOptions no_spacing() {
    PolitenessOptions options;
    options.min_interval = milliseconds{0};
    options.jitter_seed = 42;
    return options;
  }

  FakeClock clock_;
  FakeHttpClient http_;
};

TEST_F(PoliteHttpClientTest, SpacesRequestsToOneHostByMinInterval) {
  http_.set_handler([](const HttpRequest&) { return testing::make_response(200, "<rss/>"); });
  PoliteHttpClient client(http_, clock_, PolitenessOptions{});
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(client.send(get(kRss)));
  }
  EXPECT_EQ(gaps(http_.request_times()),
            (std::vector<milliseconds>{milliseconds{3000}, milliseconds{3000}}));
  // The first request does not wait.
  EXPECT_EQ(clock_.sleeps(), (std::vector<milliseconds>{milliseconds{3000}, milliseconds{3000}}));
  EXPECT_EQ(client.stats().requests, 3U);
  EXPECT_EQ(client.stats().waited, milliseconds{6000});
}

TEST_F(PoliteHttpClientTest, ThePauseCountsFromWhenThePreviousRequestEnded) {
  // Each response takes 1 s; the next request still waits the whole 3 s after it, so the server
  // sees the pause whatever each request's way there took.
  http_.set_handler([this](const HttpRequest&) {
    clock_.advance(milliseconds{1000});
    return testing::make_response(200, "<rss/>");
  });
  PoliteHttpClient client(http_, clock_, PolitenessOptions{});
  ASSERT_OK(client.send(get(kRss)));
  ASSERT_OK(client.send(get(kRss)));
  EXPECT_EQ(clock_.sleeps(), std::vector<milliseconds>{milliseconds{3000}});
  EXPECT_EQ(gaps(http_.request_times()), std::vector<milliseconds>{milliseconds{4000}});
}

// A Clock whose first sleep ends 7 ms late, as a real one may.
class LateWakingClock final : public Clock {
 public:
  explicit LateWakingClock(FakeClock& clock) : clock_(clock) {}
  std::chrono::system_clock::time_point now() override { return clock_.now(); }
  void sleep(milliseconds duration) override {
    clock_.sleep(duration + (late_ ? milliseconds{7} : milliseconds{0}));
    late_ = false;
  }

 private:
  FakeClock& clock_;
  bool late_ = true;
};

TEST_F(PoliteHttpClientTest, ASleepThatEndsLateDoesNotShortenTheNextGap) {
  http_.set_handler([](const HttpRequest&) { return testing::make_response(200, "<rss/>"); });
  LateWakingClock late(clock_);
  PoliteHttpClient client(http_, late, PolitenessOptions{});
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(client.send(get(kRss)));
  }
  EXPECT_EQ(gaps(http_.request_times()),
            (std::vector<milliseconds>{milliseconds{3007}, milliseconds{3000}}));
}

TEST_F(PoliteHttpClientTest, DoesNotSpaceRequestsToDifferentHosts) {
  http_.set_handler([](const HttpRequest&) { return testing::make_response(200, "ok"); });
  PoliteHttpClient client(http_, clock_, PolitenessOptions{});
  ASSERT_OK(client.send(get(kRss)));
  ASSERT_OK(client.send(get(kApi)));
  EXPECT_TRUE(clock_.sleeps().empty());
  // The host is what counts: another port on the same host still waits.
  ASSERT_OK(client.send(get("http://127.0.0.1:8001/rss/cs.AI")));
  ASSERT_OK(client.send(get("http://127.0.0.1:8002/atom/cs.AI")));
  EXPECT_EQ(clock_.sleeps(), std::vector<milliseconds>{milliseconds{3000}});
}

TEST_F(PoliteHttpClientTest, Retries503ThenReturns200) {
  http_.push(503, "busy");
  http_.push(200, "<rss/>");
  PoliteHttpClient client(http_, clock_, no_spacing());
  const auto result = client.send(get(kRss));
  ASSERT_OK(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, "<rss/>");
  EXPECT_EQ(http_.request_count(), 2U);
  ASSERT_EQ(clock_.sleeps().size(), 1U);
  // Equal jitter on the first retry: between half and all of base_backoff (1 s).
  EXPECT_GE(clock_.sleeps()[0], milliseconds{500});
  EXPECT_LE(clock_.sleeps()[0], milliseconds{1000});
  EXPECT_EQ(client.stats().retries, 1U);
  EXPECT_EQ(client.stats().requests, 2U);
}

TEST_F(PoliteHttpClientTest, RetriesStillKeepTheSpacing) {
  http_.push(503, "busy");
  http_.push(200, "<rss/>");
  PolitenessOptions options;
  options.jitter_seed = 7;
  PoliteHttpClient client(http_, clock_, options);
  ASSERT_OK(client.send(get(kRss)));
  // The backoff (at most 1 s) is shorter than the 3 s interval, so the interval decides.
  EXPECT_EQ(gaps(http_.request_times()), std::vector<milliseconds>{milliseconds{3000}});
}

TEST_F(PoliteHttpClientTest, HonorsRetryAfterSeconds) {
  http_.push(429, "slow down", {{"Retry-After", "2"}});
  http_.push(200, "<rss/>");
  PolitenessOptions options = no_spacing();
  options.min_interval = milliseconds{1000};
  PoliteHttpClient client(http_, clock_, options);
  const auto result = client.send(get(kRss));
  ASSERT_OK(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(clock_.sleeps(), std::vector<milliseconds>{milliseconds{2000}});
}

TEST_F(PoliteHttpClientTest, HonorsRetryAfterHttpDate) {
  // FakeClock starts at 2026-02-12T00:00:00Z.
  http_.push(503, "maintenance", {{"Retry-After", "Thu, 12 Feb 2026 00:00:05 GMT"}});
  http_.push(200, "<rss/>");
  PoliteHttpClient client(http_, clock_, no_spacing());
  ASSERT_OK(client.send(get(kRss)));
  EXPECT_EQ(clock_.sleeps(), std::vector<milliseconds>{milliseconds{5000}});
}

TEST_F(PoliteHttpClientTest, IgnoresAnUnreadableRetryAfter) {
  http_.push(503, "busy", {{"Retry-After", "soon"}});
  http_.push(200, "<rss/>");
  PoliteHttpClient client(http_, clock_, no_spacing());
  ASSERT_OK(client.send(get(kRss)));
  ASSERT_EQ(clock_.sleeps().size(), 1U);
  EXPECT_GE(clock_.sleeps()[0], milliseconds{500});
  EXPECT_LE(clock_.sleeps()[0], milliseconds{1000});
}

TEST_F(PoliteHttpClientTest, TreatsRateExceededBodyAs429EvenWithStatus200) {
  http_.push(200, "Rate exceeded.\n", {{"Retry-After", "3"}});
  http_.push(200, "<feed/>");
  PoliteHttpClient client(http_, clock_, no_spacing());
  const auto result = client.send(get(kApi));
  ASSERT_OK(result);
  EXPECT_EQ(result->body, "<feed/>");
  EXPECT_EQ(clock_.sleeps(), std::vector<milliseconds>{milliseconds{3000}});
}

TEST_F(PoliteHttpClientTest, TreatsRateExceededWithoutItsPeriodTheSame) {
  http_.push(200, " Rate exceeded\r\n");
  http_.push(200, "<feed/>");
  PoliteHttpClient client(http_, clock_, no_spacing());
  const auto result = client.send(get(kApi));
  ASSERT_OK(result);
  EXPECT_EQ(result->body, "<feed/>");
  EXPECT_EQ(http_.request_count(), 2U);
}

TEST_F(PoliteHttpClientTest, RateExceededToTheEndIsAnErrorNotAFeed) {
  http_.set_handler(
      [](const HttpRequest&) { return testing::make_response(200, "Rate exceeded."); });
  PolitenessOptions options = no_spacing();
  options.max_retries = 2;
  PoliteHttpClient client(http_, clock_, options);
  const auto result = client.send(get(kApi));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::http_status);
  EXPECT_EQ(result.error().message,
            std::string("GET ") + kApi +
                ": arXiv answered \"Rate exceeded.\" (HTTP 200), gave up after 3 attempts");
  EXPECT_EQ(http_.request_count(), 3U);
}

TEST_F(PoliteHttpClientTest, RetriesTimeoutsAndNetworkErrors) {
  http_.push(Error{ErrorCode::timeout, "GET x: timed out after 30000 ms"});
  http_.push(Error{ErrorCode::network, "GET x: connection reset"});
  http_.push(200, "<rss/>");
  PoliteHttpClient client(http_, clock_, no_spacing());
  const auto result = client.send(get(kRss));
  ASSERT_OK(result);
  EXPECT_EQ(http_.request_count(), 3U);
  EXPECT_EQ(client.stats().retries, 2U);
}

TEST_F(PoliteHttpClientTest, RetriesTheStatusesEveryClientRetries) {
  for (const int status : {408, 409, 429, 500, 501, 502, 503, 504, 599}) {
    FakeHttpClient http;
    FakeClock clock;
    http.push(status, "not now");
    http.push(200, "<rss/>");
    PoliteHttpClient client(http, clock, no_spacing());
    const auto result = client.send(get(kRss));
    ASSERT_OK(result);
    EXPECT_EQ(result->status, 200) << status;
    EXPECT_EQ(http.request_count(), 2U) << status;
  }
}

TEST_F(PoliteHttpClientTest, HonorsRetryAfterMsLikeTheProviderClient) {
  http_.push(503, "busy", {{"retry-after-ms", "1250"}, {"Retry-After", "9"}});
  http_.push(200, "<rss/>");
  PoliteHttpClient client(http_, clock_, no_spacing());
  ASSERT_OK(client.send(get(kRss)));
  EXPECT_EQ(clock_.sleeps(), std::vector<milliseconds>{milliseconds{1250}});
}

TEST_F(PoliteHttpClientTest, DoesNotRetryOtherClientErrors) {
  for (const int status : {400, 401, 403, 404}) {
    FakeHttpClient http;
    FakeClock clock;
    http.push(status, "no");
    PoliteHttpClient client(http, clock, no_spacing());
    const auto result = client.send(get(kApi));
    ASSERT_OK(result);
    EXPECT_EQ(result->status, status);
    EXPECT_EQ(http.request_count(), 1U);
    EXPECT_TRUE(clock.sleeps().empty());
  }
}

TEST_F(PoliteHttpClientTest, DoesNotRetryOtherErrors) {
  http_.push(Error{ErrorCode::invalid_config, "GET bad url: malformed"});
  PoliteHttpClient client(http_, clock_, no_spacing());
  const auto result = client.send(get("not a url"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), (Error{ErrorCode::invalid_config, "GET bad url: malformed"}));
  EXPECT_EQ(http_.request_count(), 1U);
}

TEST_F(PoliteHttpClientTest, DoesNotRetrySuccessOrNotModified) {
  http_.push(304, "");
  PoliteHttpClient client(http_, clock_, no_spacing());
  const auto result = client.send(get(kRss));
  ASSERT_OK(result);
  EXPECT_EQ(result->status, 304);
  EXPECT_EQ(http_.request_count(), 1U);
}

TEST_F(PoliteHttpClientTest, StopsAfterMaxRetriesAndReturnsTheLastResponse) {
  int count = 0;
  http_.set_handler([&count](const HttpRequest&) {
    return testing::make_response(502, "bad gateway " + std::to_string(++count));
  });
  PolitenessOptions options = no_spacing();
  options.max_retries = 2;
  PoliteHttpClient client(http_, clock_, options);
  const auto result = client.send(get(kRss));
  ASSERT_OK(result);
  EXPECT_EQ(result->status, 502);
  EXPECT_EQ(result->body, "bad gateway 3");
  EXPECT_EQ(http_.request_count(), 3U);
  EXPECT_EQ(client.stats().retries, 2U);
}

TEST_F(PoliteHttpClientTest, SaysHowManyAttemptsWereMadeWhenGivingUpOnAnError) {
  http_.set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return Error{ErrorCode::timeout, "GET u: timed out"};
  });
  PolitenessOptions options = no_spacing();
  options.max_retries = 4;
  PoliteHttpClient client(http_, clock_, options);
  const auto result = client.send(get(kRss));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(),
            (Error{ErrorCode::timeout, "GET u: timed out (gave up after 5 attempts)"}));
  EXPECT_EQ(http_.request_count(), 5U);
}

TEST_F(PoliteHttpClientTest, ZeroMaxRetriesMeansOneAttempt) {
  http_.set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return Error{ErrorCode::network, "GET u: refused"};
  });
  PolitenessOptions options = no_spacing();
  options.max_retries = 0;
  PoliteHttpClient client(http_, clock_, options);
  const auto result = client.send(get(kRss));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "GET u: refused (gave up after 1 attempt)");
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(PoliteHttpClientTest, StopsWhenTheNextWaitWouldPassTheDeadline) {
  http_.set_handler([](const HttpRequest&) {
    return testing::make_response(503, "busy", {{"Retry-After", "4"}});
  });
  PolitenessOptions options = no_spacing();
  options.max_retries = 10;
  options.deadline = milliseconds{10000};
  PoliteHttpClient client(http_, clock_, options);
  const auto result = client.send(get(kRss));
  ASSERT_OK(result);
  EXPECT_EQ(result->status, 503);
  // Attempts at 0 s, 4 s and 8 s; a fourth at 12 s would pass the 10 s deadline.
  EXPECT_EQ(http_.request_count(), 3U);
  EXPECT_EQ(clock_.total_slept(), milliseconds{8000});
}

TEST_F(PoliteHttpClientTest, ALongRetryAfterIsCappedByTheDeadline) {
  http_.push(429, "later", {{"Retry-After", "3600"}});
  PolitenessOptions options = no_spacing();
  PoliteHttpClient client(http_, clock_, options);
  const auto result = client.send(get(kRss));
  ASSERT_OK(result);
  EXPECT_EQ(result->status, 429);
  EXPECT_EQ(http_.request_count(), 1U);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(PoliteHttpClientTest, PassesRequestsThroughUnchanged) {
  HttpRequest request;
  request.method = "POST";
  request.url = kApi;
  request.headers = {{"User-Agent", "arxiv-digest/0.1.0 (+https://example.org)"},
                     {"If-None-Match", "\"abc\""}};
  request.body = "payload";
  request.timeout = milliseconds{1234};
  http_.push(500, "oops");
  http_.push(200, "ok");
  PoliteHttpClient client(http_, clock_, no_spacing());
  ASSERT_OK(client.send(request));
  EXPECT_EQ(http_.requests(), (std::vector<HttpRequest>{request, request}));
}

TEST_F(PoliteHttpClientTest, BackoffGrowsExponentiallyUpToMaxBackoff) {
  http_.set_handler([](const HttpRequest&) { return testing::make_response(503, "busy"); });
  PolitenessOptions options = no_spacing();
  options.max_retries = 4;
  options.base_backoff = milliseconds{1000};
  options.max_backoff = milliseconds{4000};
  PoliteHttpClient client(http_, clock_, options);
  ASSERT_OK(client.send(get(kRss)));
  const auto sleeps = clock_.sleeps();
  ASSERT_EQ(sleeps.size(), 4U);
  const std::vector<std::pair<long, long>> bounds = {
      {500, 1000}, {1000, 2000}, {2000, 4000}, {2000, 4000}};
  for (std::size_t i = 0; i < sleeps.size(); ++i) {
    EXPECT_GE(sleeps[i].count(), bounds[i].first) << "retry " << i + 1;
    EXPECT_LE(sleeps[i].count(), bounds[i].second) << "retry " << i + 1;
  }
  EXPECT_EQ(client.stats().waited, clock_.total_slept());
}

TEST_F(PoliteHttpClientTest, JitterIsDeterministicWithASeed) {
  const auto run = [](std::uint32_t seed) {
    FakeHttpClient http;
    FakeClock clock;
    http.set_handler([](const HttpRequest&) { return testing::make_response(503, "busy"); });
    PolitenessOptions options;
    options.min_interval = milliseconds{0};
    options.max_retries = 6;
    options.jitter_seed = seed;
    PoliteHttpClient client(http, clock, options);
    (void)client.send(get(kRss));
    return clock.sleeps();
  };
  EXPECT_EQ(run(1234), run(1234));
  EXPECT_NE(run(1234), run(5678));
}

TEST_F(PoliteHttpClientTest, RetryAfterDrawsNoJitter) {
  // max_backoff = base_backoff: every retry draws from the same range, [500, 1000] ms.
  PolitenessOptions options = no_spacing();
  options.max_backoff = options.base_backoff;
  http_.push(429, "later", {{"Retry-After", "2"}});
  http_.push(503, "busy");
  http_.push(200, "ok");
  PoliteHttpClient client(http_, clock_, options);
  ASSERT_OK(client.send(get(kRss)));

  FakeHttpClient plain;
  FakeClock clock;
  plain.push(503, "busy");
  plain.push(200, "ok");
  PoliteHttpClient reference(plain, clock, options);
  ASSERT_OK(reference.send(get(kRss)));

  ASSERT_EQ(clock_.sleeps().size(), 2U);
  EXPECT_EQ(clock_.sleeps()[0], milliseconds{2000});
  // Same seed: the first backoff drawn is the same one, Retry-After or not.
  EXPECT_EQ(std::vector<milliseconds>{clock_.sleeps()[1]}, clock.sleeps());
}

TEST(UrlHost, IsTheLowerCasedHostWithoutPortOrUserinfo) {
  EXPECT_EQ(url_host("https://rss.arxiv.org/rss/cs.AI"), "rss.arxiv.org");
  EXPECT_EQ(url_host("https://User:pw@EXPORT.arxiv.org:443/api/query?x=1"), "export.arxiv.org");
  EXPECT_EQ(url_host("http://127.0.0.1:8080"), "127.0.0.1");
  EXPECT_EQ(url_host("http://[::1]:8080/x"), "[::1]");
  EXPECT_EQ(url_host("http://example.org?q=a@b"), "example.org");
}

}  // namespace
}  // namespace arxiv_digest::app
