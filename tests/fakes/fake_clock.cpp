#include "fakes/fake_clock.hpp"

namespace arxiv_digest::testing {

FakeClock::TimePoint FakeClock::default_start() {
  using namespace std::chrono;
  return sys_days{year{2026} / February / 12};
}

FakeClock::FakeClock(TimePoint start) : now_(start) {}

FakeClock::TimePoint FakeClock::now() {
  const std::lock_guard lock(mutex_);
  return now_;
}

void FakeClock::sleep(std::chrono::milliseconds duration) {
  const std::lock_guard lock(mutex_);
  sleeps_.push_back(duration);
  if (duration > std::chrono::milliseconds::zero()) {
    now_ += duration;
  }
}

void FakeClock::set_now(TimePoint time) {
  const std::lock_guard lock(mutex_);
  now_ = time;
}

void FakeClock::advance(std::chrono::milliseconds duration) {
  const std::lock_guard lock(mutex_);
  now_ += duration;
}

std::vector<std::chrono::milliseconds> FakeClock::sleeps() const {
  const std::lock_guard lock(mutex_);
  return sleeps_;
}

std::chrono::milliseconds FakeClock::total_slept() const {
  const std::lock_guard lock(mutex_);
  std::chrono::milliseconds total{0};
  for (const auto d : sleeps_) {
    if (d > std::chrono::milliseconds::zero()) {
      total += d;
    }
  }
  return total;
}

}  // namespace arxiv_digest::testing
