#pragma once
// The fixture of the live-fetch integration tests: a cpp-httplib server on 127.0.0.1 whose
// /rss/, /atom/ and /api/ routes answer through a per-test handler (recording each request and
// the FakeClock time it arrived), the real libcurl client, the real file system in a temp dir,
// and `run` over them.

#include <gtest/gtest.h>
#include <httplib.h>

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "app/commands/run_command.hpp"
#include "db/sqlite_history_index.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/fake_mail_sender.hpp"
#include "fakes/fake_stop.hpp"
#include "io/real_file_system.hpp"
#include "net/curl_http_client.hpp"
#include "support/loopback_server.hpp"
#include "support/scoped_temp_dir.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {

using namespace std::chrono_literals;
using testing::FakeClock;
using testing::read_file;

constexpr char kUserAgent[] = "arxiv-digest-test/1.0 (+https://example.org/contact)";

struct SeenRequest {
  std::string path;
  std::map<std::string, std::string> headers;
  FakeClock::TimePoint at;
};

class LiveRun : public ::testing::Test {
 protected:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&, int attempt)>;

  testing::ScopedTempDir dir_;
  testing::LoopbackServer server_;
  net::CurlHttpClient http_{net::CurlHttpClientOptions{kUserAgent}};
  io::RealFileSystem fs_;
  FakeClock clock_{FakeClock::default_start() + 6h};
  db::SqliteHistoryIndex history_{clock_};
  testing::FakeMailSender mail_;
  testing::FakeStop stop_;
  Ports ports_{http_, fs_, clock_, history_, mail_, stop_};
  testing::Gate release_;

  std::mutex mutex_;
  Handler handler_;
  std::vector<SeenRequest> seen_;

  void SetUp() override {
    server_.server().Get(R"(/(rss|atom|api)/(.*))",
                         [this](const httplib::Request& req, httplib::Response& res) {
                           Handler handler;
                           int attempt = 0;
                           {
                             const std::lock_guard lock(mutex_);
                             SeenRequest seen{req.path, {}, clock_.now()};
                             for (const auto& [name, value] : req.headers) {
                               seen.headers[name] = value;
                             }
                             seen_.push_back(std::move(seen));
                             attempt = static_cast<int>(seen_.size());
                             handler = handler_;
                           }
                           handler(req, res, attempt);
                         });
    server_.start();
    write_config(R"("timeout_s": 5, "max_retries": 2)");
  }

  void TearDown() override {
    release_.open();
    server_.stop();
  }

  void serve(Handler handler) {
    const std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
    seen_.clear();
  }
  std::vector<SeenRequest> seen() {
    const std::lock_guard lock(mutex_);
    return seen_;
  }

  void write_config(const std::string& source_extra, const std::string& categories = "\"cs.CL\"") {
    const std::string config = R"({"categories": [)" + categories +
                               R"(], "keywords": ["LLM", "reasoning", "agent"],
      "source": {"base_url": ")" +
                               server_.url("") + "\", " + source_extra + "}}";
    ASSERT_OK(fs_.write_atomic(dir_ / "live/config.json", config));
    ASSERT_OK(fs_.write_atomic(dir_ / "offline/config.json", config));
  }

  ExitCode run_live(RunOptions options = {}) {
    options.config_path = dir_ / "live/config.json";
    options.env = [](const std::string&) { return std::nullopt; };
    return run(options, ports_);
  }

  std::string file(const std::string& relative) {
    auto bytes = fs_.read(dir_ / relative);
    return bytes ? *bytes : std::string("<missing>");
  }

  static void send_feed(httplib::Response& res, const std::string& body) {
    res.set_content(body, "application/rss+xml");
  }
};

inline std::string capture(const std::string& name) {
  const auto dir = testing::shared_data_dir();
  return dir ? read_file(*dir + "/arxiv/" + name) : std::string();
}

#define CAPTURE_OR_SKIP(name)                                                                     \
  [&] {                                                                                           \
    if (!testing::shared_data_dir()) {                                                            \
      return std::string();                                                                       \
    }                                                                                             \
    return capture(name);                                                                         \
  }();                                                                                            \
  if (!testing::shared_data_dir()) {                                                              \
    GTEST_SKIP() << "shared data folder not found (set ARXIV_DIGEST_DATA_DIR); needs " << (name); \
  }

}  // namespace arxiv_digest::app
