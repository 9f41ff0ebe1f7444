// DESIGN.md "Deliberate differences from the original Python bot": one end-to-end test per fix,
// through `arxiv-digest run` over fakes, named for the difference it pins.
#include <gmock/gmock.h>

#include "app/app_fixture.hpp"
#include "app/commands/run_command.hpp"
#include "arxiv_digest/archive.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using testing::FeedItem;
using testing::rss_feed;

constexpr const char* kThursday = "Thu, 12 Feb 2026 00:00:00 -0500";

class DeliberateDifference : public testing::AppTest {
 protected:
  ExitCode run_feeds(const std::string& folder = "feeds") {
    RunOptions options;
    options.config_path = path("config.json");
    options.offline_dir = path(folder);
    options.env = [](const std::string&) { return std::nullopt; };
    return run(options, ports_);
  }
  std::vector<ArchiveRecord> archive(const std::string& date = "2026-02-12") {
    auto records = parse_archive(file("data/" + date + ".jsonl"), "archive");
    EXPECT_TRUE(records.has_value());
    return records.value_or(std::vector<ArchiveRecord>{});
  }
};

TEST_F(DeliberateDifference, D1_CrossListedPaperSeenFirstAsCrossIsNotLost) {
  const FeedItem cross{"2602.00010", 1, "LLM serving", "LLM.", {"cs.LG", "cs.AI"}, "cross"};
  FeedItem fresh = cross;
  fresh.announce_type = "new";
  fs_.add_file(path("feeds/a_cs.AI.xml"), rss_feed("cs.AI", kThursday, {cross}));
  fs_.add_file(path("feeds/b_cs.LG.xml"), rss_feed("cs.LG", kThursday, {fresh}));
  ASSERT_EQ(run_feeds(), ExitCode::ok);
  const auto records = archive();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].paper.announce_type, "new");
  EXPECT_EQ(records[0].paper.categories, (std::vector<std::string>{"cs.LG", "cs.AI"}));
}

TEST_F(DeliberateDifference, D2_WholeMultiParagraphAbstractIsScoredAndShown) {
  fs_.add_file(
      path("feeds/cs.AI.xml"),
      rss_feed(
          "cs.AI", kThursday,
          {{"2602.00011", 1, "A title", "First paragraph.\n  Then LLM inference.", {"cs.AI"}}}));
  ASSERT_EQ(run_feeds(), ExitCode::ok);
  EXPECT_EQ(archive()[0].paper.score, 3.0);  // LLM 1 + inference 2, both in paragraph two
  EXPECT_THAT(file("README.md"), ::testing::HasSubstr("First paragraph.\n  Then LLM inference."));
}

TEST_F(DeliberateDifference, D3_MalformedItemIsSkippedAndReportedNotFatal) {
  std::string feed =
      rss_feed("cs.AI", kThursday,
               {{"2602.00012", 1, "LLM one", "LLM."}, {"2602.00013", 1, "LLM two", "LLM."}});
  const auto prefix = feed.find("arXiv:2602.00013v1 Announce Type: new \nAbstract: ");
  feed.replace(prefix, std::string("arXiv:2602.00013v1 Announce Type: new \nAbstract: ").size(),
               "");
  fs_.add_file(path("feeds/cs.AI.xml"), feed);
  ASSERT_EQ(run_feeds(), ExitCode::ok);
  EXPECT_EQ(archive().size(), 1u);
  EXPECT_THAT(file("README.md"), ::testing::HasSubstr("1 malformed item skipped"));
  EXPECT_THAT(file("state/last_run.json"), ::testing::HasSubstr("2602.00013"));
}

TEST_F(DeliberateDifference, D4_MinScoreIsHonoredAndMissingConfigIsAnError) {
  fs_.add_file(path("config.json"),
               R"({"categories": ["cs.AI"], "keywords": ["LLM", "inference"], "min_score": 2})");
  fs_.add_file(path("feeds/cs.AI.xml"),
               rss_feed("cs.AI", kThursday,
                        {{"2602.00014", 1, "LLM inference", "x"}, {"2602.00015", 1, "x", "LLM"}}));
  ASSERT_EQ(run_feeds(), ExitCode::ok);
  const auto records = archive();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].paper.id, "2602.00014");

  RunOptions missing;
  missing.config_path = path("missing.json");
  missing.offline_dir = path("feeds");
  EXPECT_EQ(run(missing, ports_), ExitCode::usage);
}

TEST_F(DeliberateDifference, D5_LastUpdatedIsRealUtc) {
  fs_.add_file(path("feeds/cs.AI.xml"),
               rss_feed("cs.AI", kThursday, {{"2602.00016", 1, "LLM", "x"}}));
  ASSERT_EQ(run_feeds(), ExitCode::ok);
  EXPECT_THAT(file("README.md"),
              ::testing::HasSubstr("- **Last Updated**: 2026-02-12 06:46:51 UTC"));
}

TEST_F(DeliberateDifference, D6_TextIsDecodedOnceAndAngleBracketsShowAsWritten) {
  fs_.add_file(
      path("feeds/cs.AI.xml"),
      rss_feed("cs.AI", kThursday,
               {{"2602.00017", 1, "LLM R&amp;D", "Stop at *&lt;/think&gt;* when $2&lt;N$."}}));
  ASSERT_EQ(run_feeds(), ExitCode::ok);
  const std::string readme = file("README.md");
  EXPECT_THAT(readme, ::testing::HasSubstr("[LLM R&D]"));
  EXPECT_THAT(readme, ::testing::HasSubstr("Stop at *&lt;/think&gt;* when $2&lt;N$."));
  EXPECT_EQ(archive()[0].paper.title, "LLM R&D");
}

TEST_F(DeliberateDifference, D7_TexAccentsInAuthorNamesBecomeUnicode) {
  FeedItem item{"2602.00018", 1, "LLM", "x"};
  item.authors = R"(G\"ul Sena Alt{\i}nta\c{s}, Michael F\"arber)";
  fs_.add_file(path("feeds/cs.AI.xml"), rss_feed("cs.AI", kThursday, {item}));
  ASSERT_EQ(run_feeds(), ExitCode::ok);
  EXPECT_THAT(file("README.md"),
              ::testing::HasSubstr("**Authors**: Gül Sena Altıntaş, Michael Färber  "));
}

TEST_F(DeliberateDifference, D8_PaperWithEmptyCreatorIsKept) {
  FeedItem item{"2602.00019", 1, "LLM", "x"};
  item.authors = "";
  fs_.add_file(path("feeds/cs.AI.xml"), rss_feed("cs.AI", kThursday, {item}));
  ASSERT_EQ(run_feeds(), ExitCode::ok);
  EXPECT_THAT(file("README.md"), ::testing::HasSubstr("**Authors**: Unknown  "));
}

TEST_F(DeliberateDifference, D9_ZeroPapersKeepTheLastDigestWithAStatusLine) {
  fs_.add_file(path("feeds/cs.AI.xml"),
               rss_feed("cs.AI", kThursday, {{"2602.00020", 1, "LLM", "x"}}));
  ASSERT_EQ(run_feeds(), ExitCode::ok);
  const std::string before = file("README.md");
  fs_.add_file(path("weekend/cs.AI.xml"), rss_feed("cs.AI", "Sat, 14 Feb 2026 00:00:00 -0500", {}));
  ASSERT_EQ(run_feeds("weekend"), ExitCode::ok);
  const std::string after = file("README.md");
  EXPECT_THAT(after, ::testing::HasSubstr("### 1. [LLM](https://arxiv.org/abs/2602.00020)"));
  EXPECT_THAT(after, ::testing::HasSubstr("2026-02-14: 0 items from 1 source"));
  EXPECT_NE(after, before);
}

TEST_F(DeliberateDifference, D10_ReservedListIsNotShownAgainAsNew) {
  fs_.add_file(path("feeds/cs.AI.xml"),
               rss_feed("cs.AI", kThursday, {{"2602.00021", 1, "LLM", "x"}}));
  ASSERT_EQ(run_feeds(), ExitCode::ok);
  fs_.add_file(path("friday/cs.AI.xml"), rss_feed("cs.AI", "Fri, 13 Feb 2026 00:00:00 -0500",
                                                  {{"2602.00021", 2, "LLM", "x"}}));
  ASSERT_EQ(run_feeds("friday"), ExitCode::ok);
  EXPECT_FALSE(fs_.contents(path("data/2026-02-13.jsonl")).has_value());
  EXPECT_THAT(file("README.md"), ::testing::HasSubstr("1 already shown earlier"));
}

}  // namespace
}  // namespace arxiv_digest::app
