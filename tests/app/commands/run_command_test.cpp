#include "app/commands/run_command.hpp"

#include <gmock/gmock.h>

#include "app/app_fixture.hpp"
#include "arxiv_digest/archive.hpp"
#include "support/log_capture.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using testing::FeedItem;
using testing::rss_feed;

constexpr const char* kThursday = "Thu, 12 Feb 2026 00:00:00 -0500";
constexpr const char* kFriday = "Fri, 13 Feb 2026 00:00:00 -0500";

class RunCommand : public testing::AppTest {
 protected:
  std::map<std::string, std::string> env_;

  RunOptions options(const std::string& feeds = "feeds") {
    RunOptions o;
    o.config_path = path("config.json");
    o.offline_dir = path(feeds);
    o.env = [this](const std::string& name) -> std::optional<std::string> {
      const auto it = env_.find(name);
      return it == env_.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    return o;
  }

  void add_thursday_feeds() {
    fs_.add_file(
        path("feeds/1_cs.AI.xml"),
        rss_feed(
            "cs.AI", kThursday,
            {{"2602.00001", 1, "Fast LLM inference", "We speed up inference.", {"cs.AI"}, "new"},
             {"2602.00002", 1, "A survey of LLM agents", "A survey.", {"cs.AI"}},
             {"2602.00003",
              1,
              "Cross-listed kv cache paper",
              "KV-cache compression.",
              {"cs.LG", "cs.AI"},
              "cross"}}));
    fs_.add_file(
        path("feeds/2_cs.LG.xml"),
        rss_feed("cs.LG", kThursday,
                 {{"2602.00003",
                   1,
                   "Cross-listed kv cache paper",
                   "KV-cache compression.",
                   {"cs.LG", "cs.AI"},
                   "new"},
                  {"2602.00004", 1, "Unrelated topology", "Nothing relevant.", {"cs.LG"}}}));
  }
};

TEST_F(RunCommand, WritesDigestArchiveAndStatus) {
  add_thursday_feeds();
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);

  const std::string readme = file("README.md");
  EXPECT_THAT(readme, ::testing::HasSubstr("- **Last Updated**: 2026-02-12 06:46:51 UTC"));
  EXPECT_THAT(readme, ::testing::HasSubstr(
                          "### 1. [Fast LLM inference](https://arxiv.org/abs/2602.00001)"));
  EXPECT_THAT(readme, ::testing::HasSubstr("**Score**: 4.5  "));  // LLM 1.5 + inference 2×1.5
  EXPECT_THAT(readme, ::testing::HasSubstr("### 2. [Cross-listed kv cache paper]"));
  EXPECT_THAT(readme, ::testing::Not(::testing::HasSubstr("survey of LLM")));
  EXPECT_THAT(readme,
              ::testing::HasSubstr("summaries skipped: set DASHSCOPE_API_KEY to summarize"));

  const auto records = parse_archive(file("data/2026-02-12.jsonl"), "archive");
  ASSERT_OK(records);
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1].paper.announce_type, "new");  // DESIGN difference 1
  EXPECT_EQ((*records)[1].paper.categories, (std::vector<std::string>{"cs.LG", "cs.AI"}));
  EXPECT_FALSE((*records)[0].paper.matches.empty());
  EXPECT_THAT(file("state/last_run.json"), ::testing::HasSubstr("\"outcome\": \"ok\""));
}

TEST_F(RunCommand, OutputOptionChoosesTheReadmePath) {
  add_thursday_feeds();
  auto o = options();
  o.output = "/elsewhere/digest.md";
  ASSERT_EQ(run(o, ports_), ExitCode::ok);
  EXPECT_TRUE(fs_.contents("/elsewhere/digest.md").has_value());
  EXPECT_FALSE(fs_.contents(path("README.md")).has_value());
}

TEST_F(RunCommand, SameDayRerunIsIdentical) {
  add_thursday_feeds();
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);
  const std::string readme = file("README.md");
  const std::string archive = file("data/2026-02-12.jsonl");
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);
  EXPECT_EQ(file("README.md"), readme);
  EXPECT_EQ(file("data/2026-02-12.jsonl"), archive);
}

TEST_F(RunCommand, MalformedFeedFailsAndChangesNothing) {
  add_thursday_feeds();
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);
  const std::string readme = file("README.md");
  const std::string archive = file("data/2026-02-12.jsonl");
  const std::string good = rss_feed("cs.LG", kFriday, {{"2602.00009", 1, "LLM", "LLM."}});
  fs_.add_file(path("feeds/3_truncated.xml"), good.substr(0, good.size() / 2));

  EXPECT_EQ(run(options(), ports_), ExitCode::failed);
  EXPECT_EQ(file("README.md"), readme);
  EXPECT_EQ(file("data/2026-02-12.jsonl"), archive);
  EXPECT_THAT(file("state/last_run.json"), ::testing::HasSubstr("3_truncated.xml"));
  EXPECT_THAT(file("state/last_run.json"), ::testing::HasSubstr("\"outcome\": \"failed\""));
}

TEST_F(RunCommand, HtmlPageInsteadOfFeedFails) {
  fs_.add_file(path("feeds/page.xml"),
               "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head></html>");
  EXPECT_EQ(run(options(), ports_), ExitCode::failed);
  EXPECT_FALSE(fs_.contents(path("README.md")).has_value());
}

TEST_F(RunCommand, WriteFailureLeavesTheOldReadme) {
  add_thursday_feeds();
  fs_.add_file(path("README.md"), "old digest");
  fs_.fail_write_at(6);  // archive and the four digest files succeed, README write fails
  testing::LogCapture log;
  EXPECT_EQ(run(options(), ports_), ExitCode::failed);
  EXPECT_EQ(file("README.md"), "old digest");
  // The message says what did change rather than claiming nothing did.
  EXPECT_THAT(log.text(),
              ::testing::HasSubstr("run failed after writing " + path("data/2026-02-12.jsonl")))
      << log.text();
}

TEST_F(RunCommand, AFailureBeforeAnyWriteSaysNothingChanged) {
  add_thursday_feeds();
  fs_.fail_write_at(1);  // the archive, the first output written
  testing::LogCapture log;
  EXPECT_EQ(run(options(), ports_), ExitCode::failed);
  EXPECT_THAT(log.text(), ::testing::HasSubstr("README and archive were left as they were"));
}

TEST_F(RunCommand, NothingNewKeepsPreviousDigestAndUpdatesOnlyStatus) {
  add_thursday_feeds();
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);
  const std::string thursday = file("README.md");

  // Friday: arXiv re-serves Thursday's list (one paper bumped to v2, still "new").
  fs_.add_file(
      path("friday/cs.AI.xml"),
      rss_feed("cs.AI", kFriday,
               {{"2602.00001", 2, "Fast LLM inference", "We speed up inference.", {"cs.AI"}}}));
  clock_.advance(std::chrono::hours(24));
  ASSERT_EQ(run(options("friday"), ports_), ExitCode::ok);

  const std::string friday = file("README.md");
  EXPECT_NE(friday, thursday);
  const auto papers_start = thursday.find("## 📚 Recent Papers");
  EXPECT_EQ(friday.substr(friday.find("## 📚 Recent Papers")), thursday.substr(papers_start));
  EXPECT_THAT(friday, ::testing::HasSubstr("2026-02-13: 1 item from 1 source"));
  EXPECT_THAT(friday, ::testing::HasSubstr("1 already shown earlier"));
  EXPECT_THAT(friday, ::testing::HasSubstr("the previous digest was kept"));
  EXPECT_THAT(file("state/last_run.json"), ::testing::HasSubstr("\"outcome\": \"nothing_new\""));
  EXPECT_FALSE(fs_.contents(path("data/2026-02-13.jsonl")).has_value());
}

TEST_F(RunCommand, EmptyWeekendFeedKeepsPreviousDigest) {
  fs_.add_file(path("README.md"), "not ours");
  fs_.add_file(path("feeds/cs.AI.xml"), rss_feed("cs.AI", "Sat, 14 Feb 2026 00:00:00 -0500", {}));
  EXPECT_EQ(run(options(), ports_), ExitCode::ok);
  EXPECT_EQ(file("README.md"), "not ours");  // no status markers: left as it was
}

TEST_F(RunCommand, EmptyFeedOnFirstRunWritesAPageThatSaysSo) {
  fs_.add_file(path("feeds/cs.AI.xml"), rss_feed("cs.AI", "Sat, 14 Feb 2026 00:00:00 -0500", {}));
  EXPECT_EQ(run(options(), ports_), ExitCode::ok);
  EXPECT_THAT(file("README.md"),
              ::testing::HasSubstr("No papers matched the criteria on 2026-02-14."));
}

TEST_F(RunCommand, BadConfigIsAUsageError) {
  fs_.add_file(path("config.json"), R"({"categories": [], "max_papers": -1, "keywrods": []})");
  add_thursday_feeds();
  EXPECT_EQ(run(options(), ports_), ExitCode::usage);
  EXPECT_FALSE(fs_.contents(path("README.md")).has_value());
}

TEST_F(RunCommand, MissingConfigIsAnErrorNotADefault) {
  add_thursday_feeds();
  auto o = options();
  o.config_path = path("nope.json");
  EXPECT_EQ(run(o, ports_), ExitCode::usage);
}

TEST_F(RunCommand, BadDateIsAUsageError) {
  auto o = options();
  o.date = "12/02/2026";
  EXPECT_EQ(run(o, ports_), ExitCode::usage);
}

TEST_F(RunCommand, DaysBackCountsFromTheChosenDate) {
  add_thursday_feeds();
  auto o = options();
  o.date = "2026-02-20";  // 8 days later, days_back 3
  ASSERT_EQ(run(o, ports_), ExitCode::ok);
  EXPECT_THAT(file("README.md"),
              ::testing::HasSubstr("No papers matched the criteria on 2026-02-20."));
}

TEST_F(RunCommand, TemplatesNextToConfigOverrideBuiltIns) {
  add_thursday_feeds();
  fs_.add_file(path("templates/README.md.mustache"), "custom {{paper_count}}\n{{status}}\n");
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);
  EXPECT_EQ(file("README.md").rfind("custom 2\n", 0), 0u);
}

TEST_F(RunCommand, SummariesAlreadyInTodaysArchiveAreReused) {
  add_thursday_feeds();
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);
  auto records = parse_archive(file("data/2026-02-12.jsonl"), "archive");
  ASSERT_OK(records);
  (*records)[0].summary =
      Summary{"A cached **summary**.", std::nullopt, "qwen-long", "h", "abstract", {10, 5},
              "2026-02-12T06:00:00Z"};
  fs_.add_file(path("data/2026-02-12.jsonl"), write_archive(*records));

  ASSERT_EQ(run(options(), ports_), ExitCode::ok);
  const std::string readme = file("README.md");
  EXPECT_THAT(readme, ::testing::HasSubstr("🤖 AI Summary (by qwen-long)"));
  EXPECT_THAT(readme, ::testing::HasSubstr("A cached **summary**."));
}

TEST_F(RunCommand, DisabledSummariesAreSaidSo) {
  fs_.add_file(path("config.json"), R"({"categories": ["cs.AI"], "keywords": ["LLM"],
                                        "ai_summary": {"enabled": false}})");
  add_thursday_feeds();
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);
  EXPECT_THAT(file("README.md"), ::testing::HasSubstr("summaries disabled"));
}

}  // namespace
}  // namespace arxiv_digest::app
