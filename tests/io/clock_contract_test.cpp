// One contract for the Clock port, run on FakeClock and SystemClock, plus what only the fake does.

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <string>
#include <type_traits>
#include <vector>

#include "fakes/fake_clock.hpp"
#include "fakes/fake_stop.hpp"
#include "io/system_clock.hpp"

namespace arxiv_digest::testing {
namespace {

using namespace std::chrono_literals;

template <typename C>
class ClockContract : public ::testing::Test {
 protected:
  C clock_;
};

struct ClockNames {
  template <typename C>
  static std::string GetName(int) {
    return std::is_same_v<C, FakeClock> ? "Fake" : "System";
  }
};
using Clocks = ::testing::Types<FakeClock, io::SystemClock>;
TYPED_TEST_SUITE(ClockContract, Clocks, ClockNames);

TYPED_TEST(ClockContract, NowDoesNotGoBackwards) {
  const auto first = this->clock_.now();
  const auto second = this->clock_.now();
  EXPECT_LE(first, second);
}

TYPED_TEST(ClockContract, SleepAdvancesNowByAtLeastTheDuration) {
  const auto before = this->clock_.now();
  this->clock_.sleep(20ms);
  EXPECT_GE(this->clock_.now() - before, 20ms);
}

TYPED_TEST(ClockContract, ZeroAndNegativeSleepsReturnAtOnce) {
  const auto started = std::chrono::steady_clock::now();
  const auto before = this->clock_.now();
  this->clock_.sleep(0ms);
  this->clock_.sleep(-5000ms);
  EXPECT_GE(this->clock_.now(), before);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

TEST(SystemClock, ASleepEndsSoonAfterAStopRequest) {
  FakeStop stop;
  io::SystemClock clock(&stop);
  stop.request(SIGTERM);
  const auto started = std::chrono::steady_clock::now();
  clock.sleep(60s);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

TEST(FakeClock, StartsAtAFixedUtcDay) {
  const FakeClock::TimePoint expected =
      std::chrono::sys_days{std::chrono::year{2026} / std::chrono::February / 12};
  EXPECT_EQ(FakeClock().now(), expected);
}

TEST(FakeClock, RecordsEverySleepAndMovesTimeByThem) {
  FakeClock clock;
  const auto start = clock.now();
  clock.sleep(3000ms);
  clock.sleep(0ms);
  clock.sleep(1500ms);
  EXPECT_EQ(clock.sleeps(), (std::vector<std::chrono::milliseconds>{3000ms, 0ms, 1500ms}));
  EXPECT_EQ(clock.total_slept(), 4500ms);
  EXPECT_EQ(clock.now() - start, 4500ms);
}

TEST(FakeClock, SetNowAndAdvanceDoNotCountAsSleeps) {
  FakeClock clock;
  const auto later = clock.now() + std::chrono::hours(20);
  clock.set_now(later);
  clock.advance(250ms);
  EXPECT_EQ(clock.now(), later + 250ms);
  EXPECT_TRUE(clock.sleeps().empty());
}

}  // namespace
}  // namespace arxiv_digest::testing
