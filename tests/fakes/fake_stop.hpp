#pragma once
// FakeStop: a StopRequest a test sets, as a signal handler would (from any thread).

#include <atomic>

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::testing {

class FakeStop final : public StopRequest {
 public:
  int signal() const override { return signal_.load(); }
  void request(int number) { signal_.store(number); }

 private:
  std::atomic<int> signal_{0};
};

}  // namespace arxiv_digest::testing
