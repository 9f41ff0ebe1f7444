#pragma once
// SignalStop: the StopRequest port over SIGINT and SIGTERM. Built in main only, once.
//
// The constructor installs handlers for both signals that only record the signal's number (an
// atomic store, async-signal-safe; SA_RESTART, so reads and writes go on); the work notices it
// through signal() and winds down. The handlers reset themselves on first use (SA_RESETHAND), so a
// second Ctrl-C ends the process at once, as the user expects of a program that does not stop fast
// enough.

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::io {

class SignalStop final : public StopRequest {
 public:
  SignalStop();
  ~SignalStop() override;
  SignalStop(const SignalStop&) = delete;
  SignalStop& operator=(const SignalStop&) = delete;

  int signal() const override;
};

}  // namespace arxiv_digest::io
