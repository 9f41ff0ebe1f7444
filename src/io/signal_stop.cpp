#include "io/signal_stop.hpp"

#include <atomic>
#include <csignal>

namespace arxiv_digest::io {
namespace {

std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "stored from a signal handler");

extern "C" void record_stop_signal(int number) {
  g_stop_signal.store(number, std::memory_order_relaxed);
}

void set_handler(int number, void (*handler)(int), int flags) {
  struct sigaction action {};
  action.sa_handler = handler;
  action.sa_flags = flags;
  sigemptyset(&action.sa_mask);
  sigaction(number, &action, nullptr);
}

}  // namespace

SignalStop::SignalStop() {
  set_handler(SIGINT, record_stop_signal, SA_RESETHAND | SA_RESTART);
  set_handler(SIGTERM, record_stop_signal, SA_RESETHAND | SA_RESTART);
}

SignalStop::~SignalStop() {
  set_handler(SIGINT, SIG_DFL, 0);
  set_handler(SIGTERM, SIG_DFL, 0);
}

int SignalStop::signal() const { return g_stop_signal.load(std::memory_order_relaxed); }

}  // namespace arxiv_digest::io
