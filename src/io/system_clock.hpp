#pragma once
// SystemClock: the Clock port over std::chrono::system_clock (UTC) and a real sleep. Built in
// main only. Stateless and thread-safe.

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::io {

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() override;
  // Blocks the calling thread for at least `duration`; zero or negative returns at once.
  void sleep(std::chrono::milliseconds duration) override;
};

}  // namespace arxiv_digest::io
