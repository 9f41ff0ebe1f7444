#pragma once
// SystemClock: the Clock port over std::chrono::system_clock (UTC) and a real sleep. Built in
// main only. Thread-safe.

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::io {

class SystemClock final : public Clock {
 public:
  // With `stop`, a sleep ends early (within 100 ms) once it is set: a Retry-After of a minute
  // must not hold up a Ctrl-C.
  explicit SystemClock(const StopRequest* stop = nullptr) : stop_(stop) {}

  std::chrono::system_clock::time_point now() override;
  // Blocks the calling thread for at least `duration` unless stopped; zero or negative returns
  // at once.
  void sleep(std::chrono::milliseconds duration) override;

 private:
  const StopRequest* stop_;
};

}  // namespace arxiv_digest::io
