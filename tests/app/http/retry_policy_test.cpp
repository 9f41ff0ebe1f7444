// The retry policy both HTTP clients share, on its own: which answers are retried, the waits it
// asks for and when it stops. No clock: every "now" is a fixed time point.

#include "app/http/retry_policy.hpp"

#include <gmock/gmock.h>

#include <limits>
#include <vector>

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;
using ::testing::AllOf;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::Eq;
using ::testing::Ge;
using ::testing::Le;
using ::testing::Not;
using ::testing::Optional;

using namespace std::chrono_literals;

// Thu, 12 Feb 2026 00:00:00 GMT.
const std::chrono::system_clock::time_point kNow =
    std::chrono::sys_days{std::chrono::year{2026} / std::chrono::February / 12};

RetryOptions options(milliseconds base, milliseconds max) {
  RetryOptions options;
  options.base_backoff = base;
  options.max_backoff = max;
  return options;
}

HttpResponse response_with(ResponseHeaders headers) {
  HttpResponse response;
  response.status = 503;
  response.headers = std::move(headers);
  return response;
}

// ---- what is retried ----

TEST(RetryPolicy, RetriesTheSameStatusesForEveryServer) {
  std::vector<int> retried_below_500;
  std::vector<bool> five_hundreds;
  for (int status = 100; status < 700; ++status) {
    if (status >= 500 && status <= 599) {
      five_hundreds.push_back(is_retryable_status(status));
    } else if (is_retryable_status(status)) {
      retried_below_500.push_back(status);
    }
  }
  EXPECT_THAT(retried_below_500, ElementsAre(408, 409, 429));
  EXPECT_THAT(five_hundreds, Each(true));
  EXPECT_EQ(five_hundreds.size(), 100U);
}

TEST(RetryPolicy, RetriesOnlyTimeoutsAndNetworkErrors) {
  std::vector<ErrorCode> retried;
  for (const ErrorCode code :
       {ErrorCode::invalid_config, ErrorCode::malformed_input, ErrorCode::unsupported_format,
        ErrorCode::feed_error, ErrorCode::io, ErrorCode::network, ErrorCode::timeout,
        ErrorCode::http_status, ErrorCode::quota, ErrorCode::unauthorized, ErrorCode::not_found}) {
    if (is_retryable_error(code)) {
      retried.push_back(code);
    }
  }
  EXPECT_THAT(retried, ElementsAre(ErrorCode::network, ErrorCode::timeout));
}

// ---- what the server asked for ----

TEST(RequestedWait, RetryAfterMsWinsOverRetryAfter) {
  EXPECT_THAT(requested_wait({{"retry-after-ms", "1500"}, {"retry-after", "9"}}, kNow),
              Optional(1500ms));
  EXPECT_THAT(requested_wait({{"retry-after-ms", "2.25"}}, kNow), Optional(3ms));
  EXPECT_THAT(requested_wait({{"retry-after-ms", "0"}}, kNow), Optional(0ms));
}

TEST(RequestedWait, RetryAfterInSecondsOrAsAnHttpDate) {
  EXPECT_THAT(requested_wait({{"retry-after", "4"}}, kNow), Optional(4000ms));
  EXPECT_THAT(requested_wait({{"retry-after", "Thu, 12 Feb 2026 00:00:15 GMT"}}, kNow),
              Optional(15000ms));
  // A date already past asks for no wait at all.
  EXPECT_THAT(requested_wait({{"retry-after", "Wed, 11 Feb 2026 23:00:00 GMT"}}, kNow),
              Optional(0ms));
}

TEST(RequestedWait, AnUnreadableHeaderFallsThroughToTheNext) {
  for (const char* bad : {"soon", "-5", "nan", "inf", "", "1.5s"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(requested_wait({{"retry-after-ms", bad}, {"retry-after", "3"}}, kNow),
                Optional(3000ms));
  }
  EXPECT_EQ(requested_wait({{"retry-after", "later"}}, kNow), std::nullopt);
  EXPECT_EQ(requested_wait({}, kNow), std::nullopt);
  // Only lower-cased names count: the port lower-cases them.
  EXPECT_EQ(requested_wait({{"Retry-After", "3"}}, kNow), std::nullopt);
}

TEST(RequestedWait, AHugeRetryAfterMsIsClampedNotOverflowed) {
  EXPECT_THAT(requested_wait({{"retry-after-ms", "1e300"}}, kNow),
              Optional(milliseconds(1'000'000'000'000LL)));
}

// ---- backoff ----

TEST(Backoff, TheCapDoublesFromTheBaseUpToTheMax) {
  const RetryOptions o = options(1000ms, 4000ms);
  std::vector<milliseconds> caps;
  for (int retry = 1; retry <= 5; ++retry) {
    caps.push_back(backoff_cap(retry, o));
  }
  EXPECT_THAT(caps, ElementsAre(1000ms, 2000ms, 4000ms, 4000ms, 4000ms));
}

TEST(Backoff, TheCapNeverOverflowsNorGoesNegative) {
  const milliseconds huge = milliseconds::max();
  EXPECT_EQ(backoff_cap(std::numeric_limits<int>::max(), options(1000ms, huge)), huge);
  EXPECT_EQ(backoff_cap(std::numeric_limits<int>::max(), options(1000ms, 30000ms)), 30000ms);
  EXPECT_EQ(backoff_cap(1, options(90000ms, 30000ms)), 30000ms);  // a base above the max
  EXPECT_EQ(backoff_cap(std::numeric_limits<int>::max(), options(0ms, 30000ms)), 0ms);
  EXPECT_EQ(backoff_cap(3, options(-5ms, 30000ms)), 0ms);
  EXPECT_EQ(backoff_cap(3, options(1000ms, -1ms)), 0ms);
}

TEST(Backoff, EqualJitterStaysBetweenHalfTheCapAndTheCap) {
  const RetryOptions o = options(400ms, 2000ms);
  Jitter jitter(7);
  for (int retry = 1; retry <= 6; ++retry) {
    SCOPED_TRACE(retry);
    const milliseconds cap = backoff_cap(retry, o);
    std::vector<milliseconds> waits(200);
    for (milliseconds& wait : waits) {
      wait = backoff(retry, o, jitter);
    }
    EXPECT_THAT(waits, Each(AllOf(Ge(cap / 2), Le(cap))));
    EXPECT_THAT(waits, Not(Each(Eq(waits.front())))) << "no jitter";
  }
}

TEST(Backoff, IsReproducibleWithASeed) {
  const auto draws = [](std::uint32_t seed) {
    const RetryOptions o = options(1000ms, 60000ms);
    Jitter jitter(seed);
    std::vector<milliseconds> waits;
    for (int retry = 1; retry <= 6; ++retry) {
      waits.push_back(backoff(retry, o, jitter));
    }
    return waits;
  };
  EXPECT_EQ(draws(1234), draws(1234));
  EXPECT_NE(draws(1234), draws(5678));
}

TEST(Backoff, AZeroCapIsNoWaitAndDrawsNothing) {
  Jitter used(42);
  EXPECT_EQ(backoff(3, options(0ms, 30000ms), used), 0ms);
  Jitter fresh(42);
  EXPECT_EQ(used.between(0ms, 1'000'000ms), fresh.between(0ms, 1'000'000ms));
}

TEST(Jitter, DrawsWithinTheBoundsGiven) {
  Jitter jitter(0);  // from std::random_device
  EXPECT_EQ(jitter.between(250ms, 250ms), 250ms);
  EXPECT_THAT(jitter.between(10ms, 20ms), AllOf(Ge(10ms), Le(20ms)));
}

// ---- the wait before a retry ----

TEST(RetryWait, TheServersWishElseBackoff) {
  const RetryOptions o = options(1000ms, 1000ms);
  Jitter jitter(42);
  EXPECT_EQ(retry_wait(response_with({{"retry-after", "2"}}), kNow, 1, o, jitter), 2000ms);
  EXPECT_THAT(retry_wait(response_with({}), kNow, 1, o, jitter), AllOf(Ge(500ms), Le(1000ms)));
  // A transport error has no headers to honor.
  EXPECT_THAT(retry_wait(Error{ErrorCode::timeout, "GET u: timed out"}, kNow, 1, o, jitter),
              AllOf(Ge(500ms), Le(1000ms)));
}

TEST(RetryWait, ARequestedWaitDrawsNoJitter) {
  const RetryOptions o = options(1000ms, 60000ms);
  Jitter honored(9);
  (void)retry_wait(response_with({{"retry-after-ms", "10"}}), kNow, 1, o, honored);
  Jitter fresh(9);
  EXPECT_EQ(retry_wait(response_with({}), kNow, 4, o, honored),
            retry_wait(response_with({}), kNow, 4, o, fresh));
}

// ---- when to stop ----

TEST(RetryBudget, AllowsTheFirstAttemptPlusMaxRetries) {
  RetryOptions o;
  o.max_retries = 2;
  RetryBudget budget(o);
  EXPECT_EQ(budget.max_attempts(), 3);
  std::vector<bool> out_of_retries;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(budget.begin_attempt(kNow), i + 1);
    out_of_retries.push_back(budget.out_of_retries());
  }
  EXPECT_THAT(out_of_retries, ElementsAre(false, false, true));
  EXPECT_EQ(budget.attempts(), 3);
}

TEST(RetryBudget, ZeroOrNegativeRetriesMeanOneAttempt) {
  for (const int max_retries : {0, -3, std::numeric_limits<int>::min()}) {
    SCOPED_TRACE(max_retries);
    RetryOptions o;
    o.max_retries = max_retries;
    RetryBudget budget(o);
    EXPECT_EQ(budget.max_attempts(), 1);
    budget.begin_attempt(kNow);
    EXPECT_TRUE(budget.out_of_retries());
  }
}

TEST(RetryBudget, TheLargestRetryCountDoesNotOverflow) {
  RetryOptions o;
  o.max_retries = std::numeric_limits<int>::max();
  EXPECT_EQ(RetryBudget(o).max_attempts(), std::numeric_limits<int>::max());
}

TEST(RetryBudget, TheDeadlineCountsFromTheFirstAttemptsStart) {
  RetryOptions o;
  o.max_retries = 10;
  o.deadline = 10s;
  RetryBudget budget(o);
  budget.begin_attempt(kNow);
  budget.begin_attempt(kNow + 8s);  // later attempts do not move the start
  EXPECT_FALSE(budget.past_deadline(kNow + 10s));
  EXPECT_TRUE(budget.past_deadline(kNow + 10s + 1ms));
}

TEST(RetryBudget, WithoutADeadlineOnlyTheCountStops) {
  RetryBudget budget(RetryOptions{});
  budget.begin_attempt(kNow);
  EXPECT_FALSE(budget.past_deadline(kNow + std::chrono::hours(24 * 365)));
}

}  // namespace
}  // namespace arxiv_digest::app
