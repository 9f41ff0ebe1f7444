// `arxiv-digest rank` and `explain`: the same selection and history as `run`, so explain says
// why a paper is not in the digest (already shown, excluded, no keyword) as run decided it.

#include "app/commands/rank_command.hpp"

#include <gmock/gmock.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "app/app_fixture.hpp"
#include "app/commands/run_command.hpp"
#include "support/log_capture.hpp"

namespace arxiv_digest::app {
namespace {

using ::testing::HasSubstr;
using testing::rss_feed;

constexpr const char* kWednesday = "Wed, 11 Feb 2026 00:00:00 -0500";
constexpr const char* kThursday = "Thu, 12 Feb 2026 00:00:00 -0500";

class RankCommand : public testing::AppTest {
 protected:
  testing::LogCapture log_;

  void add_feed(const std::string& folder, const char* day) {
    fs_.add_file(
        path(folder + "/cs.AI.xml"),
        rss_feed("cs.AI", day,
                 {{"2602.00001", 1, "Fast LLM inference", "We speed up LLM inference.", {"cs.AI"}},
                  {"2602.00002", 1, "A survey of LLM agents", "Agents, surveyed.", {"cs.AI"}},
                  {"2602.00004", 1, "Protein folding", "Nothing we follow.", {"cs.AI"}}}));
  }
  std::string explain_id(const std::string& id, const std::string& folder) {
    std::ostringstream out;
    EXPECT_EQ(explain({id, path("config.json"), path(folder), "", ""}, ports_, out), ExitCode::ok)
        << log_.text();
    return out.str();
  }
};

TEST_F(RankCommand, JsonIsAnArrayInRankOrderWithScoresAndMatches) {
  add_feed("feeds", kThursday);
  std::ostringstream out;
  ASSERT_EQ(rank({path("config.json"), path("feeds"), "", "json", ""}, ports_, out), ExitCode::ok);
  const auto papers = nlohmann::json::parse(out.str());
  ASSERT_TRUE(papers.is_array());
  ASSERT_EQ(papers.size(), 1u);
  EXPECT_EQ(papers[0]["id"], "2602.00001");
  EXPECT_EQ(papers[0]["rank"], 1);
  EXPECT_EQ(papers[0]["matches"].size(), 2u);
}

TEST_F(RankCommand, ExplainGivesEachReasonAPaperIsLeftOut) {
  add_feed("feeds", kThursday);
  EXPECT_THAT(explain_id("2602.00001", "feeds"), HasSubstr("(in the digest)"));
  EXPECT_THAT(explain_id("2602.00002", "feeds"), HasSubstr("not a candidate: "));
  EXPECT_THAT(explain_id("2602.00002", "feeds"), HasSubstr("survey"));
  EXPECT_THAT(explain_id("2602.00004v1", "feeds"), HasSubstr("not a candidate: "));
}

TEST_F(RankCommand, ExplainSeesTheHistoryRunSaw) {
  add_feed("wednesday", kWednesday);
  RunOptions yesterday;
  yesterday.config_path = path("config.json");
  yesterday.offline_dir = path("wednesday");
  yesterday.env = [](const std::string&) { return std::optional<std::string>(); };
  ASSERT_EQ(run(yesterday, ports_), ExitCode::ok);

  add_feed("thursday", kThursday);
  const std::string why = explain_id("2602.00001", "thursday");
  EXPECT_THAT(why, HasSubstr("not a candidate: "));
  EXPECT_THAT(why, HasSubstr("shown"));
}

TEST_F(RankCommand, AnIdNotInTheFeedsFailsNamingTheFolder) {
  add_feed("feeds", kThursday);
  std::ostringstream out;
  EXPECT_EQ(explain({"2602.99999", path("config.json"), path("feeds"), "", ""}, ports_, out),
            ExitCode::failed);
  EXPECT_THAT(log_.text(), HasSubstr(path("feeds")));
}

}  // namespace
}  // namespace arxiv_digest::app
