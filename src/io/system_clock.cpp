#include "io/system_clock.hpp"

#include <thread>

namespace arxiv_digest::io {

std::chrono::system_clock::time_point SystemClock::now() {
  return std::chrono::system_clock::now();
}

void SystemClock::sleep(std::chrono::milliseconds duration) {
  if (duration > std::chrono::milliseconds::zero()) {
    std::this_thread::sleep_for(duration);
  }
}

}  // namespace arxiv_digest::io
