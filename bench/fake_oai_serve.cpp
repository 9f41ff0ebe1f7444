// fake_oai_serve: the tests' FakeOaiServer as a process, serving synthetic pages to a backfill
// benchmark.
//
//   fake_oai_serve --pages N --records M --first-date YYYY-MM-DD [--set SET]
//                  [--port-file PATH] [--log PATH]
//
// Generates N pages of M records (synthetic_oai_pages, its other options left as they are) and
// serves them at http://127.0.0.1:PORT/oai, on an ephemeral port, as the stream of SET (default
// "": any set). It prints that base URL on stdout and writes PORT to --port-file: to PATH.tmp,
// then renamed, so a script polling for the file never reads half a number. --log gets one line
// per request, written when it is answered and flushed at once:
//
//   <arrival, steady-clock milliseconds> <target as sent>
//
// steady_clock is CLOCK_MONOTONIC here, the clock of Python's time.monotonic(), so a benchmark
// can compare the spacing of the requests with its own times.
//
// Runs until SIGTERM or SIGINT (stdin is left alone, so it runs fine in the background), then
// stops the server and exits 0. Exit 2 for bad arguments, 1 when it cannot listen or write.

#include <pthread.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/fake_oai_server.hpp"
#include "support/oai_pages.hpp"

namespace {

constexpr const char* kUsage =
    "usage: fake_oai_serve --pages N --records M --first-date YYYY-MM-DD [--set SET]\n"
    "                      [--port-file PATH] [--log PATH]\n";

struct ServeOptions {
  int pages = 0;
  int records = 0;
  std::string first_date;
  std::string set;
  std::string port_file;
  std::string log;
};

bool parse_serve_options(int argc, char** argv, ServeOptions& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (i + 1 >= argc) {
      std::cerr << "fake_oai_serve: " << name << " needs a value\n";
      return false;
    }
    const std::string value = argv[++i];
    try {
      if (name == "--pages") {
        options.pages = std::stoi(value);
      } else if (name == "--records") {
        options.records = std::stoi(value);
      } else if (name == "--first-date") {
        options.first_date = value;
      } else if (name == "--set") {
        options.set = value;
      } else if (name == "--port-file") {
        options.port_file = value;
      } else if (name == "--log") {
        options.log = value;
      } else {
        std::cerr << "fake_oai_serve: unknown option " << name << "\n";
        return false;
      }
    } catch (const std::exception&) {
      std::cerr << "fake_oai_serve: " << name << " takes a number, not " << value << "\n";
      return false;
    }
  }
  if (options.pages < 1 || options.records < 1 || options.first_date.empty()) {
    std::cerr << "fake_oai_serve: --pages, --records and --first-date are required\n";
    return false;
  }
  return true;
}

bool write_port_file(const std::string& path, int port) {
  const std::string partial = path + ".tmp";
  {
    std::ofstream out(partial, std::ios::trunc);
    out << port << "\n";
    if (!out.flush()) {
      return false;
    }
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  return !error;
}

}  // namespace

int main(int argc, char** argv) {
  ServeOptions options;
  if (!parse_serve_options(argc, argv, options)) {
    std::cerr << kUsage;
    return 2;
  }

  // Blocked before any thread starts, so every server thread inherits the mask and the signal
  // waits for sigwait below instead of killing the process mid-answer.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  arxiv_digest::testing::SyntheticOaiOptions synthetic;
  synthetic.pages = options.pages;
  synthetic.records_per_page = options.records;
  synthetic.first_date = options.first_date;
  std::vector<std::string> pages;
  const auto started = std::chrono::steady_clock::now();
  try {
    pages = arxiv_digest::testing::synthetic_oai_pages(synthetic);
  } catch (const std::invalid_argument& error) {
    std::cerr << "fake_oai_serve: " << error.what() << "\n";
    return 2;
  }
  std::size_t bytes = 0;
  for (const std::string& page : pages) {
    bytes += page.size();
  }
  const auto generated = std::chrono::steady_clock::now();

  std::ofstream log;
  if (!options.log.empty()) {
    log.open(options.log, std::ios::trunc);
    if (!log) {
      std::cerr << "fake_oai_serve: cannot write " << options.log << "\n";
      return 1;
    }
  }
  std::mutex log_mutex;

  arxiv_digest::testing::FakeOaiServer server;
  server.set_stream(options.set, std::move(pages));
  if (log.is_open()) {
    server.on_request([&](const arxiv_digest::testing::OaiRequest& request) {
      const double ms =
          std::chrono::duration<double, std::milli>(request.arrived.time_since_epoch()).count();
      char stamp[32];
      std::snprintf(stamp, sizeof stamp, "%.3f", ms);
      const std::lock_guard lock(log_mutex);
      log << stamp << ' ' << request.target << '\n' << std::flush;
    });
  }
  server.start();
  if (server.port() <= 0) {
    std::cerr << "fake_oai_serve: cannot listen on 127.0.0.1\n";
    return 1;
  }
  std::cerr << "fake_oai_serve: " << options.pages << " pages of " << options.records
            << " records (" << bytes / (std::size_t{1024} * 1024) << " MB) generated in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(generated - started).count()
            << " ms, ready in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count()
            << " ms\n";
  if (!options.port_file.empty() && !write_port_file(options.port_file, server.port())) {
    std::cerr << "fake_oai_serve: cannot write " << options.port_file << "\n";
    return 1;
  }
  std::cout << server.base_url() << std::endl;

  int received = 0;
  while (sigwait(&stop_signals, &received) != 0) {
  }
  server.stop();
  std::cerr << "fake_oai_serve: stopped by signal " << received << " after "
            << server.request_count() << " requests\n";
  return 0;
}
