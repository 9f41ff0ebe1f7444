// The outputs made of many archive days: trends.svg and the weekly roll-up (written by a run and
// by `arxiv-digest weekly`), and the static site (a run with output.site_enabled, and
// `arxiv-digest site`).

#include <gmock/gmock.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "app/app_fixture.hpp"
#include "app/commands/run_command.hpp"
#include "app/commands/site_command.hpp"
#include "app/commands/weekly_command.hpp"
#include "arxiv_digest/archive.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using testing::FeedItem;
using testing::first_difference;
using testing::fixture_path;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::read_file;
using testing::rss_feed;

constexpr const char* kThursday = "Thu, 12 Feb 2026 00:00:00 -0500";
constexpr const char* kFriday = "Fri, 13 Feb 2026 00:00:00 -0500";

class Rollups : public testing::AppTest {
 protected:
  RunOptions run_options(const std::string& feeds) {
    RunOptions o;
    o.config_path = path("config.json");
    o.offline_dir = path(feeds);
    o.env = [](const std::string&) { return std::optional<std::string>(); };
    return o;
  }

  void set_config(const std::string& output_json) {
    auto config = nlohmann::json::parse(testing::basic_config_json());
    config["output"] = nlohmann::json::parse(output_json);
    fs_.add_file(path("config.json"), config.dump(2));
  }

  void add_feed(const std::string& folder, const char* date, const std::vector<FeedItem>& items) {
    fs_.add_file(path(folder + "/cs.AI.xml"), rss_feed("cs.AI", date, items));
  }

  // Thursday's and Friday's digests, run as the scheduled job runs them.
  void run_thursday_and_friday() {
    add_feed("thu", kThursday,
             {{"2602.00001", 1, "Fast LLM inference", "We speed up inference.", {"cs.AI"}},
              {"2602.00002", 1, "A kv cache for LLM serving", "KV cache.", {"cs.AI"}},
              {"2602.00003", 1, "Topology", "Nothing relevant.", {"cs.AI"}}});
    add_feed("fri", kFriday,
             {{"2602.00011", 1, "LLM inference with a kv cache", "Inference, kv cache.", {"cs.AI"}},
              {"2602.00012", 1, "&lt;img src=x onerror=alert(1)&gt; LLM", "An LLM.", {"cs.AI"}}});
    ASSERT_EQ(run(run_options("thu"), ports_), ExitCode::ok);
    clock_.advance(std::chrono::hours(24));
    ASSERT_EQ(run(run_options("fri"), ports_), ExitCode::ok);
  }

  std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
      ++n;
    }
    return n;
  }
};

TEST_F(Rollups, ARunDrawsTheTrendsAndShowsThemInTheReadme) {
  run_thursday_and_friday();
  const std::string svg = file("digests/trends.svg");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str())) << svg.substr(0, 200);
  EXPECT_STREQ(doc.document_element().name(), "svg");
  // Each bar holds the archive's count of that day's papers matching the keyword.
  int total = 0;
  for (const char* day : {"2026-02-12", "2026-02-13"}) {
    const auto records = parse_archive(file(std::string("data/") + day + ".jsonl"), day);
    ASSERT_OK(records);
    int matching = 0;
    for (const auto& record : *records) {
      matching += std::any_of(record.paper.matches.begin(), record.paper.matches.end(),
                              [](const KeywordMatch& m) { return m.keyword == "LLM"; });
    }
    const auto bar = doc.select_node(
        (std::string("//g[@data-keyword='LLM']/rect[@data-day='") + day + "']").c_str());
    ASSERT_TRUE(bar) << day;
    EXPECT_EQ(bar.node().attribute("data-count").as_int(), matching) << day;
    total += matching;
  }
  EXPECT_EQ(total, 4);
  EXPECT_EQ(doc.select_node("//g[@data-keyword='LLM']").node().attribute("data-total").as_int(),
            total);
  EXPECT_THAT(file("README.md"), HasSubstr("![Matched papers per keyword, last 60 days]"
                                           "(digests/trends.svg)"));
}

TEST_F(Rollups, NoTrendsWhenTurnedOff) {
  set_config(R"({"trends_enabled": false})");
  run_thursday_and_friday();
  EXPECT_FALSE(fs_.exists(path("digests/trends.svg")));
  EXPECT_THAT(file("README.md"), Not(HasSubstr("trends.svg")));
}

TEST_F(Rollups, FridaysRunWritesTheWeekWithoutAskingTheProvider) {
  run_thursday_and_friday();
  EXPECT_FALSE(fs_.files_written().empty());
  const std::string week = file("digests/2026-W07.md");
  EXPECT_THAT(week, HasSubstr("# arXiv digest, week 2026-W07"));
  EXPECT_THAT(week, HasSubstr("[Fast LLM inference]"));
  EXPECT_THAT(week, HasSubstr("[LLM inference with a kv cache]"));
  EXPECT_LT(week.find("LLM inference with a kv cache"), week.find("Fast LLM inference"));
  EXPECT_THAT(file("state/last_run.json"),
              HasSubstr("\"weekly\": \"weekly 2026-W07: 4 papers, 4 without a summary\""));
  EXPECT_EQ(http_.request_count(), 0u);
}

TEST_F(Rollups, ThursdaysRunWritesNoWeek) {
  add_feed("thu", kThursday, {{"2602.00001", 1, "Fast LLM inference", "Inference.", {"cs.AI"}}});
  ASSERT_EQ(run(run_options("thu"), ports_), ExitCode::ok);
  EXPECT_FALSE(fs_.exists(path("digests/2026-W07.md")));
  EXPECT_THAT(file("state/last_run.json"), Not(HasSubstr("\"weekly\"")));
}

// tests/fixtures/weekly: a workspace whose archive holds ISO week 2026-W07 and a day on each
// side; digests/2026-W07.md is its roll-up (the core test renders the same bytes).
TEST_F(Rollups, WeeklyCommandWritesTheFixtureWeekByteForByteAndSendsNothing) {
  fs_.add_file(path("config.json"), read_file(fixture_path("weekly/config.json")));
  for (const char* day :
       {"2026-02-06", "2026-02-09", "2026-02-10", "2026-02-11", "2026-02-13", "2026-02-16"}) {
    const std::string name = std::string("data/") + day + ".jsonl";
    fs_.add_file(path(name), read_file(fixture_path("weekly/" + name)));
  }
  std::ostringstream out;
  ASSERT_EQ(weekly({path("config.json"), "2026-W07"}, ports_, out), ExitCode::ok);
  EXPECT_EQ(out.str(),
            "weekly 2026-W07: 7 papers, 2 without a summary (/work/digests/2026-W07.md)\n");
  const std::string expected = read_file(fixture_path("weekly/digests/2026-W07.md"));
  const std::string page = file("digests/2026-W07.md");
  EXPECT_EQ(first_difference(expected, page), "");
  EXPECT_TRUE(page == expected);
  EXPECT_EQ(http_.request_count(), 0u);
}

TEST_F(Rollups, WeeklyCommandNamesABadWeekAndAnEmptyArchive) {
  std::ostringstream out;
  EXPECT_EQ(weekly({path("config.json"), "2026-07"}, ports_, out), ExitCode::usage);
  EXPECT_EQ(weekly({path("config.json"), ""}, ports_, out), ExitCode::failed);
  EXPECT_FALSE(fs_.exists(path("digests")));
}

TEST_F(Rollups, ARunWithTheSiteOnWritesEveryPage) {
  set_config(R"({"site_enabled": true})");
  run_thursday_and_friday();
  for (const char* name :
       {"index.html", "2026-02-12.html", "2026-02-13.html", "archive.html", "2026-W07.html",
        "search-index.json", "style.css", "filter.js", "trends.svg"}) {
    EXPECT_TRUE(fs_.exists(path(std::string("site/") + name))) << name;
  }
  const std::string index = file("site/index.html");
  EXPECT_EQ(count(index, "<li class=\"paper\""), 2u);
  EXPECT_THAT(index, HasSubstr("href=\"https://arxiv.org/abs/2602.00011\""));
  EXPECT_THAT(index, HasSubstr("&lt;img src=x onerror=alert(1)&gt; LLM"));
  EXPECT_THAT(index, Not(HasSubstr("<img src=x")));
  EXPECT_THAT(file("site/archive.html"),
              HasSubstr("<a href=\"2026-02-12.html\">Digest of 2026-02-12</a>: 2 papers"));
  const auto search = nlohmann::json::parse(file("site/search-index.json"));
  EXPECT_EQ(search["papers"].size(), 4u);
  EXPECT_EQ(search["papers"][0]["date"], "2026-02-13");
}

TEST_F(Rollups, SiteCommandRebuildsTheSameSiteAndARerunWritesNothing) {
  set_config(R"({"site_enabled": true})");
  run_thursday_and_friday();
  const auto files = fs_.files();
  std::map<std::string, std::string> site;
  for (const auto& [name, bytes] : files) {
    if (name.starts_with(path("site/"))) {
      site[name] = bytes;
      fs_.remove(name);
    }
  }
  ASSERT_GE(site.size(), 9u);
  std::ostringstream out;
  ASSERT_EQ(app::site({path("config.json")}, ports_, out), ExitCode::ok);
  EXPECT_THAT(out.str(), HasSubstr("2 days, " + std::to_string(site.size()) + " files written"));
  for (const auto& [name, bytes] : site) {
    EXPECT_EQ(file(name.substr(root_.size() + 1)), bytes) << name;
  }
  std::ostringstream again;
  ASSERT_EQ(app::site({path("config.json")}, ports_, again), ExitCode::ok);
  EXPECT_THAT(again.str(), HasSubstr("0 files written"));
}

TEST_F(Rollups, SiteCommandOnAnEmptyArchiveFails) {
  std::ostringstream out;
  EXPECT_EQ(app::site({path("config.json")}, ports_, out), ExitCode::failed);
}

}  // namespace
}  // namespace arxiv_digest::app
