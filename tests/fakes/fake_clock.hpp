#pragma once
// FakeClock: a Clock whose time moves only when told (ninja's VirtualFileSystem::Tick, leveldb's
// test Env). sleep(d) returns at once, advances now() by d and records d, so tests assert on the
// waits a policy asked for (spacing, backoff) without waiting. Thread-safe.

#include <chrono>
#include <mutex>
#include <vector>

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::testing {

class FakeClock final : public Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  // 2026-02-12T00:00:00Z, a weekday with real arXiv captures.
  static TimePoint default_start();

  explicit FakeClock(TimePoint start = default_start());

  TimePoint now() override;
  // Advances now() by `duration` (zero or negative: no change) and records it in sleeps().
  void sleep(std::chrono::milliseconds duration) override;

  void set_now(TimePoint time);
  // Moves time on without recording a sleep (time passing while "work" happens).
  void advance(std::chrono::milliseconds duration);

  // Every duration passed to sleep(), in call order, as given (negative ones included).
  std::vector<std::chrono::milliseconds> sleeps() const;
  std::chrono::milliseconds total_slept() const;

 private:
  mutable std::mutex mutex_;
  TimePoint now_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace arxiv_digest::testing
