#include "io/system_clock.hpp"

#include <algorithm>
#include <thread>

namespace arxiv_digest::io {

std::chrono::system_clock::time_point SystemClock::now() {
  return std::chrono::system_clock::now();
}

void SystemClock::sleep(std::chrono::milliseconds duration) {
  constexpr std::chrono::milliseconds kSlice{100};
  const auto until = std::chrono::steady_clock::now() + duration;
  for (auto left = duration; left > std::chrono::milliseconds::zero();
       left =
           std::chrono::ceil<std::chrono::milliseconds>(until - std::chrono::steady_clock::now())) {
    if (stop_ != nullptr && stop_->signal() != 0) {
      return;
    }
    std::this_thread::sleep_for(std::min(left, kSlice));
  }
}

}  // namespace arxiv_digest::io
