#pragma once
// A workspace in memory for app tests: config.json, feeds, and the fakes behind Ports.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "arxiv_digest/ports.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/fake_http_client.hpp"
#include "fakes/memory_file_system.hpp"

namespace arxiv_digest::testing {

struct FeedItem {
  std::string id;  // without version
  int version = 1;
  std::string title;
  std::string abstract;
  std::vector<std::string> categories{"cs.LG"};
  std::string announce_type = "new";
  std::string authors = "Ada Lovelace, Alan Turing";
};

// An RSS 2.0 feed in rss.arxiv.org's exact layout (text must already be XML-escaped).
std::string rss_feed(const std::string& category, const std::string& rfc822_day,
                     const std::vector<FeedItem>& items);

// Keywords "LLM", "inference", "kv cache"; categories cs.AI, cs.LG; days_back 3.
std::string basic_config_json();

class AppTest : public ::testing::Test {
 protected:
  MemoryFileSystem fs_;
  FakeClock clock_;
  FakeHttpClient http_;
  Ports ports_{http_, fs_, clock_};
  const std::string root_ = "/work";

  void SetUp() override;
  std::string path(const std::string& relative) const { return root_ + "/" + relative; }
  std::string file(const std::string& relative) const;  // contents or "" (fails the test)
};

}  // namespace arxiv_digest::testing
