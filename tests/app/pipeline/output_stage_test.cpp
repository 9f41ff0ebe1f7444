#include "app/pipeline/output_stage.hpp"

#include <gmock/gmock.h>

#include <pugixml.hpp>

#include "app/app_fixture.hpp"
#include "app/commands/run_command.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/digest_json.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using testing::rss_feed;

constexpr const char* kThursday = "Thu, 12 Feb 2026 00:00:00 -0500";
constexpr const char* kFriday = "Fri, 13 Feb 2026 00:00:00 -0500";

const std::vector<std::string> kOutputs = {"digests/2026-02-12.md", "digests/2026-02-12.cards.md",
                                           "feed.xml", "digest.json"};

class OutputStage : public testing::AppTest {
 protected:
  RunOptions options(const std::string& feeds = "feeds") {
    RunOptions o;
    o.config_path = path("config.json");
    o.offline_dir = path(feeds);
    o.env = [](const std::string&) { return std::optional<std::string>(); };
    return o;
  }

  void use_config(const std::string& output_block) {
    std::string config = testing::basic_config_json();
    config.insert(config.rfind('}'), ",\n  \"output\": " + output_block + "\n");
    fs_.add_file(path("config.json"), config);
  }

  void add_thursday_feed() {
    fs_.add_file(
        path("feeds/cs.AI.xml"),
        rss_feed("cs.AI", kThursday,
                 {{"2602.00001", 1, "Fast LLM inference", "We speed up LLM inference.", {"cs.AI"}},
                  {"2602.00003", 1, "kv cache compression", "Compress the kv cache.", {"cs.LG"}}}));
  }
};

TEST_F(OutputStage, RunWritesTheFourOutputsWhenEnabled) {
  add_thursday_feed();
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);

  const std::string daily = file("digests/2026-02-12.md");
  EXPECT_EQ(daily.rfind("<div id=toc></div>\n\n# Table of Contents\n\n"
                        "- [cs.AI](#cs.AI) [Total: 1]\n- [cs.LG](#cs.LG) [Total: 1]\n",
                        0),
            0u)
      << daily;
  EXPECT_THAT(daily, ::testing::HasSubstr(
                         "### [1] [Fast LLM inference](https://arxiv.org/abs/2602.00001)"));

  const std::string cards = file("digests/2026-02-12.cards.md");
  EXPECT_EQ(cards.rfind("Fast LLM inference\n- URL: https://arxiv.org/abs/2602.00001v1\n", 0), 0u)
      << cards;

  const std::string feed = file("feed.xml");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(feed.c_str()));
  EXPECT_STREQ(doc.child("feed").child_value("updated"), "2026-02-12T06:46:51Z");
  EXPECT_STREQ(doc.child("feed").child("entry").child_value("id"),
               "https://arxiv.org/abs/2602.00001");

  const auto json = parse_digest_json(file("digest.json"), "digest.json");
  ASSERT_OK(json);
  EXPECT_EQ(json->date, "2026-02-12");
  ASSERT_EQ(json->papers.size(), 2u);
  EXPECT_EQ(json->papers[1].id, "2602.00003");
}

TEST_F(OutputStage, DisabledOutputsAreNotWritten) {
  use_config(R"({"daily_digest_enabled": false, "cards_enabled": false, "feed_enabled": false})");
  add_thursday_feed();
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);
  for (const auto& output : kOutputs) {
    EXPECT_FALSE(fs_.contents(path(output)).has_value()) << output;
  }
  EXPECT_TRUE(fs_.contents(path("README.md")).has_value());
}

TEST_F(OutputStage, PathsComeFromTheConfig) {
  use_config(R"({"digests_dir": "out/days", "feed": "pub/atom.xml", "digest_json": "pub/d.json"})");
  add_thursday_feed();
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);
  EXPECT_TRUE(fs_.contents(path("out/days/2026-02-12.md")).has_value());
  EXPECT_TRUE(fs_.contents(path("out/days/2026-02-12.cards.md")).has_value());
  EXPECT_TRUE(fs_.contents(path("pub/atom.xml")).has_value());
  EXPECT_TRUE(fs_.contents(path("pub/d.json")).has_value());
  EXPECT_FALSE(fs_.contents(path("feed.xml")).has_value());
}

TEST_F(OutputStage, RelatedPapersComeFromEarlierArchiveDays) {
  ArchiveRecord earlier;
  earlier.digest_date = "2026-02-05";
  earlier.rank = 1;  // the archive keeps abstracts of the papers a digest showed
  earlier.paper.id = "2602.00100";
  earlier.paper.title = "Speculative decoding for LLM inference";
  earlier.paper.abstract = "We speed up LLM inference with a draft model.";
  earlier.paper.link = "https://arxiv.org/abs/2602.00100";
  earlier.paper.published = "2026-02-05";
  fs_.add_file(path("data/2026-02-05.jsonl"), write_archive({earlier}));
  add_thursday_feed();
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);

  const std::string cards = file("digests/2026-02-12.cards.md");
  EXPECT_THAT(cards,
              ::testing::HasSubstr("Related papers\n- Speculative decoding for LLM inference ["))
      << cards;
  EXPECT_THAT(cards, ::testing::HasSubstr("  https://arxiv.org/abs/2602.00100 (2026-02-05)"));
}

// mstch renders any text, so the render that fails here is the cards template's load: the
// override path is a folder.
TEST_F(OutputStage, FailingRenderFailsTheRunBeforeAnythingIsWritten) {
  fs_.add_dir(path("templates/paper_cards.md.mustache"));
  add_thursday_feed();
  EXPECT_EQ(run(options(), ports_), ExitCode::failed);
  for (const auto& output : kOutputs) {
    EXPECT_FALSE(fs_.contents(path(output)).has_value()) << output;
  }
  EXPECT_FALSE(fs_.contents(path("data/2026-02-12.jsonl")).has_value());
  EXPECT_FALSE(fs_.contents(path("README.md")).has_value());
}

TEST_F(OutputStage, NothingNewLeavesThemAsTheyWere) {
  add_thursday_feed();
  ASSERT_EQ(run(options(), ports_), ExitCode::ok);
  std::map<std::string, std::string> before;
  for (const auto& output : kOutputs) {
    before[output] = file(output);
  }
  // Friday re-serves Thursday's papers: nothing new.
  fs_.add_file(path("friday/cs.AI.xml"),
               rss_feed("cs.AI", kFriday,
                        {{"2602.00001", 1, "Fast LLM inference", "We speed up.", {"cs.AI"}}}));
  clock_.advance(std::chrono::hours(24));
  ASSERT_EQ(run(options("friday"), ports_), ExitCode::ok);
  for (const auto& output : kOutputs) {
    EXPECT_EQ(file(output), before[output]) << output;
  }
  EXPECT_FALSE(fs_.contents(path("digests/2026-02-13.md")).has_value());
}

}  // namespace
}  // namespace arxiv_digest::app
