#pragma once
// A workspace in memory for app tests: config.json, feeds, and the fakes behind Ports.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/history/history_store.hpp"
#include "arxiv_digest/ports.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/fake_http_client.hpp"
#include "fakes/fake_mail_sender.hpp"
#include "fakes/fake_stop.hpp"
#include "fakes/memory_file_system.hpp"
#include "fakes/memory_history_index.hpp"
#include "support/feed_builder.hpp"

namespace arxiv_digest::testing {

// Keywords "LLM", "inference", "kv cache"; categories cs.AI, cs.LG; days_back 3.
std::string basic_config_json();

class AppTest : public ::testing::Test {
 protected:
  MemoryFileSystem fs_;
  FakeClock clock_;
  FakeHttpClient http_;
  MemoryHistoryIndex history_;
  testing::FakeMailSender mail_;
  testing::FakeStop stop_;
  Ports ports_{http_, fs_, clock_, history_, mail_, stop_};
  const std::string root_ = "/work";

  void SetUp() override;
  std::string path(const std::string& relative) const { return root_ + "/" + relative; }
  std::string file(const std::string& relative) const;  // contents or "" (fails the test)
  // The history store of the workspace at config.json, as a command opens it (fails the test
  // and is empty when it cannot be opened).
  std::optional<app::HistoryStore> open_history_store();
};

}  // namespace arxiv_digest::testing
