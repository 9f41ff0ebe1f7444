// The provider client over FakeHttpClient and FakeClock: the request it sends, its retry policy
// and the waits it asks the clock for, the 401 message, and the key kept out of every message and
// of the log.

#include "app/http/provider_client.hpp"

#include <gmock/gmock.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "fakes/fake_clock.hpp"
#include "fakes/fake_http_client.hpp"
#include "support/log_capture.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;
using testing::FakeClock;
using testing::FakeHttpClient;
using testing::make_response;

constexpr const char* kKey = "sk-test-SECRET-0123456789";
constexpr const char* kUnauthorized =
    "the endpoint rejected the key in DASHSCOPE_API_KEY (HTTP 401); set DASHSCOPE_API_KEY to a "
    "valid key";

class ProviderClientTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  FakeHttpClient http_;
  ProviderOptions options_;
  testing::LogCapture log_;

  void SetUp() override {
    options_.base_url = "https://dashscope.aliyuncs.com/compatible-mode/v1";
    options_.api_key = kKey;
    options_.api_key_env = "DASHSCOPE_API_KEY";
    options_.jitter_seed = 7;
  }
  void TearDown() override {
    EXPECT_THAT(log_.text(), ::testing::Not(::testing::HasSubstr(kKey)))
        << "the key leaked into the log";
  }

  // One call on a fresh client; the returned error never holds the key.
  Result<HttpResponse> call(std::string_view method = "POST",
                            std::string_view path = "/chat/completions",
                            std::string body = R"({"model":"qwen-long"})",
                            CallTally* tally = nullptr) {
    ProviderClient client(http_, clock_, options_);
    auto result = client.call(method, path, std::move(body), "application/json", tally);
    if (!result) {
      EXPECT_THAT(result.error().message, ::testing::Not(::testing::HasSubstr(kKey)))
          << result.error().message;
    }
    return result;
  }
};

// ---- the request ----

TEST_F(ProviderClientTest, SendsTheKeyAsBearerToBaseUrlPlusPath) {
  http_.push(200, R"({"id":"chatcmpl-1"})", {{"x-request-id", "r-1"}});
  options_.timeout = milliseconds(45000);
  auto response = call("POST", "/chat/completions", R"({"model":"qwen-long"})");
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"id":"chatcmpl-1"})");
  EXPECT_EQ(response->headers.at("x-request-id"), "r-1");

  const auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 1u);
  const HttpRequest& request = requests[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions");
  EXPECT_EQ(request.body, R"({"model":"qwen-long"})");
  EXPECT_EQ(request.timeout, milliseconds(45000));
  const std::map<std::string, std::string> headers = {
      {"Authorization", std::string("Bearer ") + kKey},
      {"Accept", "application/json"},
      {"Content-Type", "application/json"}};
  EXPECT_EQ(request.headers, headers);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(ProviderClientTest, TrailingSlashesOfTheBaseUrlAreTrimmed) {
  options_.base_url = "http://127.0.0.1:8080/v1//";
  ProviderClient client(http_, clock_, options_);
  EXPECT_EQ(client.url("/files"), "http://127.0.0.1:8080/v1/files");
  EXPECT_EQ(client.options().base_url, "http://127.0.0.1:8080/v1");
  http_.push(200, "{}");
  ASSERT_TRUE(client.call("GET", "/files/file-1"));
  EXPECT_EQ(http_.requests()[0].url, "http://127.0.0.1:8080/v1/files/file-1");
}

TEST_F(ProviderClientTest, ContentTypeOnlyWithABody) {
  http_.push(200, "{}");
  http_.push(200, "{}");
  ProviderClient client(http_, clock_, options_);
  ASSERT_TRUE(client.call("GET", "/files/file-1"));
  ASSERT_TRUE(
      client.call("POST", "/files", "--b\r\n...", "multipart/form-data; boundary=b", nullptr));
  const auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].body, "");
  EXPECT_EQ(requests[0].headers.count("Content-Type"), 0u);
  EXPECT_EQ(requests[0].headers.at("Authorization"), std::string("Bearer ") + kKey);
  EXPECT_EQ(requests[1].headers.at("Content-Type"), "multipart/form-data; boundary=b");
  EXPECT_EQ(requests[1].body, "--b\r\n...");
}

TEST_F(ProviderClientTest, A2xxWithAnErrorEnvelopeIsAnError) {
  http_.push(200, R"({"error":{"message":"bad file","code":"invalid_file"}})");
  auto response = call();
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::http_status);
  EXPECT_EQ(response.error().message, "HTTP 200: bad file (invalid_file)");
  EXPECT_EQ(http_.request_count(), 1u);
}

TEST_F(ProviderClientTest, A2xxThatIsNotJsonIsReturnedAsIs) {
  http_.push(200, "{\"custom_id\":\"a\"}\n{\"custom_id\":\"b\"}\n");
  auto response = call("GET", "/files/file-1/content", "");
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "{\"custom_id\":\"a\"}\n{\"custom_id\":\"b\"}\n");
}

// ---- retries ----

TEST_F(ProviderClientTest, RetriesEveryTransientFailureWithBackoff) {
  http_.push(408, "");
  http_.push(409, R"({"error":{"message":"conflict","code":"conflict"}})");
  http_.push(429, R"({"error":{"message":"slow down","code":"rate_limit_exceeded"}})");
  http_.push(500, "{}");
  http_.push(503, "Service Unavailable");
  http_.push(Error{ErrorCode::timeout, "POST https://x/chat/completions: timed out"});
  http_.push(Error{ErrorCode::network, "POST https://x/chat/completions: connection refused"});
  http_.push(599, "");
  http_.push(200, R"({"id":"ok"})");
  options_.max_retries = 8;
  options_.base_backoff = milliseconds(1000);
  options_.max_backoff = milliseconds(30000);
  CallTally tally;
  auto response = call("POST", "/chat/completions", "{}", &tally);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, R"({"id":"ok"})");
  EXPECT_EQ(tally.requests, 9u);
  EXPECT_EQ(tally.retries, 8u);
  EXPECT_EQ(http_.pending(), 0u);
  // Every attempt resends the same request.
  const auto requests = http_.requests();
  for (const auto& request : requests) {
    EXPECT_EQ(request, requests[0]);
  }
  // Equal jitter: retry r waits within [cap/2, cap], cap = min(30 s, 1 s * 2^(r-1)).
  const auto sleeps = clock_.sleeps();
  ASSERT_EQ(sleeps.size(), 8u);
  for (std::size_t r = 1; r <= sleeps.size(); ++r) {
    const long long cap = std::min(30000LL, 1000LL << (r - 1));
    EXPECT_GE(sleeps[r - 1].count(), cap / 2) << r;
    EXPECT_LE(sleeps[r - 1].count(), cap) << r;
  }
}

TEST_F(ProviderClientTest, BackoffIsReproducibleWithAFixedSeed) {
  options_.max_retries = 5;
  const auto sleeps_with_seed = [&](std::uint32_t seed) {
    options_.jitter_seed = seed;
    FakeClock clock;
    FakeHttpClient http(
        [](const HttpRequest&) -> Result<HttpResponse> { return make_response(503, ""); });
    ProviderClient client(http, clock, options_);
    EXPECT_FALSE(client.call("GET", "/files"));
    return clock.sleeps();
  };
  const auto first = sleeps_with_seed(7);
  EXPECT_EQ(first.size(), 5u);
  EXPECT_EQ(sleeps_with_seed(7), first);
  EXPECT_NE(sleeps_with_seed(8), first);
}

TEST_F(ProviderClientTest, BackoffIsCappedByMaxBackoff) {
  options_.max_retries = 6;
  options_.base_backoff = milliseconds(400);
  options_.max_backoff = milliseconds(2000);
  http_.set_handler(
      [](const HttpRequest&) -> Result<HttpResponse> { return make_response(502, ""); });
  ASSERT_FALSE(call());
  const auto sleeps = clock_.sleeps();
  ASSERT_EQ(sleeps.size(), 6u);
  const long long caps[] = {400, 800, 1600, 2000, 2000, 2000};
  for (std::size_t r = 0; r < sleeps.size(); ++r) {
    EXPECT_GE(sleeps[r].count(), caps[r] / 2) << r;
    EXPECT_LE(sleeps[r].count(), caps[r]) << r;
  }
}

TEST_F(ProviderClientTest, RetryAfterMsWinsThenRetryAfterSecondsThenHttpDate) {
  // FakeClock starts at Thu, 12 Feb 2026 00:00:00 GMT; waits add up as the clock moves.
  http_.push(429, R"({"error":{"message":"slow down","code":"rate_limit_exceeded"}})",
             {{"retry-after-ms", "1500"}, {"retry-after", "9"}});
  http_.push(503, "", {{"retry-after", "4"}});                              // at 00:00:01.5
  http_.push(503, "", {{"retry-after", "Thu, 12 Feb 2026 00:00:15 GMT"}});  // at 00:00:05.5
  http_.push(503, "", {{"retry-after", "Thu, 12 Feb 2026 00:00:01 GMT"}});  // in the past
  http_.push(429, "", {{"retry-after-ms", "2.25"}});                        // rounded up
  http_.push(200, "{}");
  options_.max_retries = 5;
  CallTally tally;
  ASSERT_TRUE(call("POST", "/chat/completions", "{}", &tally));
  EXPECT_EQ(clock_.sleeps(),
            (std::vector<milliseconds>{milliseconds(1500), milliseconds(4000), milliseconds(9500),
                                       milliseconds(0), milliseconds(3)}));
  EXPECT_EQ(tally.retries, 5u);
}

TEST_F(ProviderClientTest, UnreadableRetryAfterFallsBackToTheNextSource) {
  http_.push(503, "", {{"retry-after-ms", "soon"}, {"retry-after", "2"}});
  http_.push(503, "", {{"retry-after-ms", "-5"}, {"retry-after", "3"}});
  http_.push(503, "", {{"retry-after", "later"}});  // backoff
  http_.push(200, "{}");
  options_.max_retries = 3;
  options_.base_backoff = milliseconds(1000);
  ASSERT_TRUE(call());
  const auto sleeps = clock_.sleeps();
  ASSERT_EQ(sleeps.size(), 3u);
  EXPECT_EQ(sleeps[0], milliseconds(2000));
  EXPECT_EQ(sleeps[1], milliseconds(3000));
  EXPECT_GE(sleeps[2], milliseconds(2000));  // retry 3: cap 4 s
  EXPECT_LE(sleeps[2], milliseconds(4000));
}

TEST_F(ProviderClientTest, AbsurdRetryAfterMsIsClampedNotOverflowed) {
  http_.push(503, "", {{"retry-after-ms", "1e300"}});
  http_.push(503, "", {{"retry-after-ms", "inf"}, {"retry-after", "6"}});
  http_.push(503, "", {{"retry-after-ms", "nan"}, {"retry-after", "7"}});
  http_.push(200, "{}");
  options_.max_retries = 3;
  ASSERT_TRUE(call());
  const auto sleeps = clock_.sleeps();
  ASSERT_EQ(sleeps.size(), 3u);
  // At most about 31 years, as parse_retry_after clamps `retry-after`; never negative.
  EXPECT_EQ(sleeps[0], milliseconds(1'000'000'000'000LL));
  EXPECT_EQ(sleeps[1], milliseconds(6000));  // not a number of milliseconds
  EXPECT_EQ(sleeps[2], milliseconds(7000));
}

TEST_F(ProviderClientTest, NoRetryOn400403404) {
  for (const int status : {400, 403, 404, 422}) {
    SCOPED_TRACE(status);
    http_.push(status, R"({"error":{"message":"no","code":"bad"}})", {{"retry-after-ms", "10"}});
    CallTally tally;
    auto response = call("POST", "/files", "x", &tally);
    ASSERT_FALSE(response);
    EXPECT_EQ(response.error().code, ErrorCode::http_status);
    EXPECT_EQ(response.error().message, "HTTP " + std::to_string(status) + ": no (bad)");
    EXPECT_EQ(tally.requests, 1u);
    EXPECT_EQ(tally.retries, 0u);
  }
  EXPECT_EQ(http_.request_count(), 4u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(ProviderClientTest, NoRetryOnQuota) {
  http_.push(429,
             R"({"error":{"message":"You exceeded your current quota.",)"
             R"("type":"insufficient_quota","code":"insufficient_quota"}})",
             {{"retry-after-ms", "10"}});
  http_.push(400, R"({"code":"Arrearage","message":"Access denied.","request_id":"x"})");
  auto openai = call();
  ASSERT_FALSE(openai);
  EXPECT_EQ(openai.error().code, ErrorCode::quota);
  EXPECT_EQ(openai.error().message,
            "HTTP 429: You exceeded your current quota. (insufficient_quota)");
  auto dashscope = call();
  ASSERT_FALSE(dashscope);
  EXPECT_EQ(dashscope.error().code, ErrorCode::quota);
  EXPECT_EQ(dashscope.error().message, "HTTP 400: Access denied. (Arrearage)");
  EXPECT_EQ(http_.request_count(), 2u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(ProviderClientTest, OtherPortErrorsAreNotRetried) {
  http_.push(Error{ErrorCode::io, std::string("cannot open CA bundle for key ") + kKey});
  CallTally tally;
  auto response = call("POST", "/files", "x", &tally);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::io);
  EXPECT_EQ(response.error().message, "cannot open CA bundle for key [REDACTED]");
  EXPECT_EQ(tally.requests, 1u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

// ---- 401 and the key ----

TEST_F(ProviderClientTest, A401NamesTheVariableNotTheKeyNorTheProviderMessage) {
  http_.push(401, R"({"error":{"message":"Incorrect API key provided: )" + std::string(kKey) +
                      R"(","code":"invalid_api_key"}})");
  http_.push(401, "<html>401 Authorization Required</html>");
  http_.push(401,
             R"({"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"r"})");
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    CallTally tally;
    auto response = call("POST", "/chat/completions", "{}", &tally);
    ASSERT_FALSE(response);
    EXPECT_EQ(response.error().code, ErrorCode::unauthorized);
    EXPECT_EQ(response.error().message, kUnauthorized);
    EXPECT_EQ(tally.requests, 1u);
  }
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(ProviderClientTest, TheKeyIsRedactedFromEveryMessageAndTheLog) {
  const std::string echo = std::string("bad key ") + kKey + " and again " + kKey;
  http_.push(400, R"({"error":{"message":")" + echo + R"(","code":"bad"}})");
  auto client_error = call();
  ASSERT_FALSE(client_error);
  EXPECT_EQ(client_error.error().message,
            "HTTP 400: bad key [REDACTED] and again [REDACTED] (bad)");

  // Retried failures: the message of every retry is logged, the last one returned.
  http_.push(500, R"({"error":{"message":")" + echo + R"(","type":"server_error"}})");
  http_.push(Error{ErrorCode::network, std::string("https://x/?key=") + kKey + ": refused"});
  http_.push(Error{ErrorCode::timeout, std::string("https://x/?key=") + kKey + ": timed out"});
  options_.max_retries = 2;
  auto gave_up = call();
  ASSERT_FALSE(gave_up);
  EXPECT_EQ(gave_up.error().code, ErrorCode::timeout);
  EXPECT_EQ(gave_up.error().message,
            "https://x/?key=[REDACTED]: timed out (gave up after 3 attempts)");

  const std::string log = log_.text();
  EXPECT_THAT(log, ::testing::HasSubstr(
                       "POST /chat/completions: HTTP 500: bad key [REDACTED] and again [REDACTED] "
                       "(server_error); retrying in"))
      << log;
  EXPECT_THAT(log, ::testing::HasSubstr("https://x/?key=[REDACTED]: refused; retrying in")) << log;
  // TearDown checks the key itself never reached the log.
}

TEST_F(ProviderClientTest, RedactReplacesEveryOccurrence) {
  ProviderClient client(http_, clock_, options_);
  EXPECT_EQ(client.redact(std::string(kKey) + kKey + " x " + kKey),
            "[REDACTED][REDACTED] x [REDACTED]");
  EXPECT_EQ(client.redact("nothing secret"), "nothing secret");

  options_.api_key = "";
  ProviderClient keyless(http_, clock_, options_);
  EXPECT_EQ(keyless.redact("nothing secret"), "nothing secret");
}

TEST_F(ProviderClientTest, RedactTerminatesWhenTheKeyOccursInTheMarker) {
  // A key that is part of "[REDACTED]" must not be found again inside its own replacement.
  for (const char* key : {"RED", "E", "[REDACTED]", "D]"}) {
    SCOPED_TRACE(key);
    options_.api_key = key;
    ProviderClient client(http_, clock_, options_);
    const std::string redacted = client.redact(std::string("a ") + key + " b " + key);
    EXPECT_EQ(redacted, "a [REDACTED] b [REDACTED]");
  }
}

TEST_F(ProviderClientTest, TheRetryIsLoggedWithItsWaitAndAttempt) {
  http_.push(503, R"({"error":{"message":"busy","code":"ServiceUnavailable"}})",
             {{"retry-after", "2"}});
  http_.push(200, "{}");
  ASSERT_TRUE(call("GET", "/files/file-1", ""));
  EXPECT_THAT(log_.text(), ::testing::HasSubstr(
                               "GET /files/file-1: HTTP 503: busy (ServiceUnavailable); retrying "
                               "in 2.0 s (attempt 2 of 5)"))
      << log_.text();
}

// ---- giving up ----

TEST_F(ProviderClientTest, GivesUpAfterMaxRetriesAndSaysSo) {
  http_.set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return make_response(500, R"({"error":{"message":"boom","type":"server_error"}})");
  });
  options_.max_retries = 2;
  CallTally tally;
  auto response = call("POST", "/chat/completions", "{}", &tally);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::http_status);
  EXPECT_EQ(response.error().message, "HTTP 500: boom (server_error) (gave up after 3 attempts)");
  EXPECT_EQ(tally.requests, 3u);
  EXPECT_EQ(tally.retries, 2u);
  EXPECT_EQ(clock_.sleeps().size(), 2u);
}

TEST_F(ProviderClientTest, NetworkErrorsGiveUpWithTheirCode) {
  http_.set_handler([](const HttpRequest& request) -> Result<HttpResponse> {
    return Error{ErrorCode::network, request.url + ": connection refused"};
  });
  options_.max_retries = 4;
  CallTally tally;
  auto response = call("GET", "/files", "", &tally);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::network);
  EXPECT_EQ(response.error().message,
            "https://dashscope.aliyuncs.com/compatible-mode/v1/files: connection refused (gave up "
            "after 5 attempts)");
  EXPECT_EQ(tally.requests, 5u);
  EXPECT_EQ(tally.retries, 4u);
}

TEST_F(ProviderClientTest, ZeroRetriesMeansOneAttempt) {
  http_.push(503, "busy");
  options_.max_retries = 0;
  CallTally tally;
  auto response = call("POST", "/chat/completions", "{}", &tally);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().message, "HTTP 503: \"busy\" (gave up after 1 attempts)");
  EXPECT_EQ(tally.requests, 1u);
  EXPECT_EQ(tally.retries, 0u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(ProviderClientTest, TheTallyAddsUpAcrossCalls) {
  http_.push(429, "", {{"retry-after", "1"}});
  http_.push(200, "{}");
  http_.push(200, "{}");
  http_.push(404, "");
  CallTally tally{10, 3};
  ProviderClient client(http_, clock_, options_);
  ASSERT_TRUE(client.call("GET", "/files/a", {}, {}, &tally));
  ASSERT_TRUE(client.call("GET", "/files/b", {}, {}, &tally));
  ASSERT_FALSE(client.call("GET", "/files/c", {}, {}, &tally));
  EXPECT_EQ(tally.requests, 14u);
  EXPECT_EQ(tally.retries, 4u);
  // Without a tally nothing is counted anywhere, and the call still works.
  http_.push(200, "{}");
  EXPECT_TRUE(client.call("GET", "/files/d"));
}

}  // namespace
}  // namespace arxiv_digest::app
