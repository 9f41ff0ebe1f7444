// The history index as a run uses it, over the real file system and SQLite: an index rebuilt
// from the archive (missing, damaged) gives byte for byte the outputs of one kept up to date
// day by day. Feeds: the bundled offline sample (examples/feeds), two real announcement days.

#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "app/commands/run_command.hpp"
#include "db/sqlite_history_index.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/fake_http_client.hpp"
#include "fakes/fake_mail_sender.hpp"
#include "fakes/fake_stop.hpp"
#include "io/real_file_system.hpp"
#include "support/scoped_temp_dir.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

namespace fs = std::filesystem;
using testing::FakeClock;
using ::testing::HasSubstr;

constexpr char kDayOne[] = "rss_cs.AI+cs.CL+cs.DC+cs.LG_2025-12-25.xml";
constexpr char kDayTwo[] = "rss_cs.AI+cs.CL+cs.DC+cs.LG_2026-02-12.xml";

const std::vector<std::string> kOutputs = {
    "README.md", "data/2026-02-12.jsonl", "digests/2026-02-12.md", "digests/2026-02-12.cards.md",
    "feed.xml",  "digest.json",
};

// One fork's folder with its own index, run the way main() runs it.
class Fork {
 public:
  explicit Fork(const std::string& root) : root_(root) {
    fs::create_directories(root_);
    std::ofstream(root_ + "/config.json") << R"({
      "categories": ["cs.AI", "cs.CL", "cs.LG", "cs.DC"],
      "keywords": ["LLM", "agent", "reasoning", "inference", "benchmark"],
      "max_papers": 30,
      "output": {"daily_digest_enabled": true, "cards_enabled": true, "feed_enabled": true}
    })";
  }

  ExitCode run_day(const std::string& feed) {
    const std::string feeds = root_ + "/feeds-" + feed;
    fs::create_directories(feeds);
    fs::copy_file(std::string(ARXIV_DIGEST_SOURCE_DIR) + "/examples/feeds/" + feed,
                  feeds + "/" + feed, fs::copy_options::overwrite_existing);
    testing::FakeHttpClient http;  // offline: never asked
    io::RealFileSystem files;
    FakeClock clock;
    db::SqliteHistoryIndex history(clock);
    testing::FakeMailSender mail;
    testing::FakeStop stop;
    Ports ports{http, files, clock, history, mail, stop};
    RunOptions options;
    options.config_path = root_ + "/config.json";
    options.offline_dir = feeds;
    options.env = [](const std::string&) { return std::optional<std::string>(); };
    return run(options, ports);
  }

  std::string file(const std::string& relative) const {
    auto bytes = testing::read_file(root_ + "/" + relative);
    return bytes.empty() ? "<missing " + relative + ">" : bytes;
  }
  std::string index_path() const { return root_ + "/state/index/history.sqlite"; }
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

class HistoryIndexRun : public ::testing::Test {
 protected:
  testing::ScopedTempDir dir_;

  // Day one, then day two, each run updating the index.
  Fork day_by_day(const std::string& name) {
    Fork fork(dir_ / name);
    EXPECT_EQ(fork.run_day(kDayOne), ExitCode::ok);
    EXPECT_TRUE(fs::exists(fork.index_path()));
    return fork;
  }

  // Byte for byte, but for the README's status line noting `warning` (compared unprinted: the
  // files are long).
  void expect_same_outputs(const Fork& expected, const Fork& actual,
                           const std::string& warning = "") {
    for (const auto& output : kOutputs) {
      std::string bytes = actual.file(output);
      if (const auto at = bytes.find(warning); output == "README.md" && !warning.empty()) {
        ASSERT_NE(at, std::string::npos) << "README status line lacks: " << warning;
        bytes.erase(at, warning.size());
      }
      EXPECT_TRUE(bytes == expected.file(output)) << output << " differs in " << actual.root();
    }
  }
};

TEST_F(HistoryIndexRun, AnIndexRebuiltFromTheArchiveGivesTheSameDigestAsOneKeptDayByDay) {
  Fork kept = day_by_day("kept");
  ASSERT_EQ(kept.run_day(kDayTwo), ExitCode::ok);

  // A fresh clone: the archive of day one, no index (it is not committed).
  Fork clone = day_by_day("clone");
  fs::remove_all(clone.root() + "/state/index");
  ASSERT_EQ(clone.run_day(kDayTwo), ExitCode::ok);
  EXPECT_TRUE(fs::exists(clone.index_path()));
  expect_same_outputs(kept, clone);
  EXPECT_THAT(kept.file("digests/2026-02-12.cards.md"), HasSubstr("Related papers"));
}

TEST_F(HistoryIndexRun, ADamagedIndexIsRebuiltWithAWarningAndTheSameDigest) {
  Fork kept = day_by_day("kept");
  ASSERT_EQ(kept.run_day(kDayTwo), ExitCode::ok);

  Fork truncated = day_by_day("truncated");
  fs::resize_file(truncated.index_path(), fs::file_size(truncated.index_path()) / 3);
  Fork garbage = day_by_day("garbage");
  {
    std::mt19937 random(7);
    std::ofstream out(garbage.index_path(), std::ios::binary | std::ios::trunc);
    for (int i = 0; i < 65536; ++i) {
      out.put(static_cast<char>(random() & 0xFF));
    }
  }
  for (Fork* damaged : {&truncated, &garbage}) {
    ASSERT_EQ(damaged->run_day(kDayTwo), ExitCode::ok) << damaged->root();
    expect_same_outputs(kept, *damaged, "; 1 warning (see state/last_run.json)");
    EXPECT_THAT(damaged->file("state/last_run.json"),
                HasSubstr("history.sqlite: not a sound index"))
        << damaged->root();
  }
}

}  // namespace
}  // namespace arxiv_digest::app
