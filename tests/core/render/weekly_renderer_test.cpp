#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/weekly.hpp"
#include "core/render/embedded_files.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using arxiv_digest::testing::first_difference;
using arxiv_digest::testing::fixture_path;
using arxiv_digest::testing::read_file;

// tests/fixtures/weekly/data: W07 (2026-02-09 to 15) plus the Friday before and the Monday after.
std::vector<ArchivedDay> fixture_days() {
  std::vector<ArchivedDay> days;
  for (const char* day :
       {"2026-02-06", "2026-02-09", "2026-02-10", "2026-02-11", "2026-02-13", "2026-02-16"}) {
    const std::string name = std::string("data/") + day + ".jsonl";
    auto records = parse_archive(read_file(fixture_path("weekly/" + name)), name);
    EXPECT_TRUE(records.has_value()) << records.error().message;
    days.push_back({day, records.value_or(std::vector<ArchiveRecord>{})});
  }
  return days;
}

std::vector<std::string> ids(const WeeklyRollup& rollup) {
  std::vector<std::string> out;
  for (const auto& record : rollup.papers) {
    out.push_back(record.paper.id + "v" + std::to_string(record.paper.version) + "@" +
                  record.digest_date);
  }
  return out;
}

TEST(WeeklyRollup, TheWeeksBestShownPapersOnceEachBestFirst) {
  const WeeklyRollup rollup = weekly_rollup({2026, 7}, fixture_days(), 20);
  EXPECT_EQ(rollup.first_day, "2026-02-09");
  EXPECT_EQ(rollup.last_day, "2026-02-15");
  EXPECT_EQ(rollup.days,
            (std::vector<std::string>{"2026-02-09", "2026-02-10", "2026-02-11", "2026-02-13"}));
  // 2602.08001 was shown as v1 with a summary and as v2 without: once, the summarized copy.
  // 2602.10002 twice with the same version: the copy with a summary. Ties of score: the earlier
  // day, then the id. Candidates below the cut and days of other weeks never count.
  EXPECT_EQ(ids(rollup),
            (std::vector<std::string>{"2602.08001v1@2026-02-09", "2602.12001v1@2026-02-13",
                                      "2602.09001v1@2026-02-10", "2602.10001v1@2026-02-11",
                                      "2602.10002v1@2026-02-11", "2602.10003v1@2026-02-11",
                                      "2602.08002v1@2026-02-09", "2602.12003v1@2026-02-13"}));
  EXPECT_EQ(rollup.without_summary, 3u);
  EXPECT_EQ(weekly_sentence(rollup), "weekly 2026-W07: 8 papers, 3 without a summary");
}

TEST(WeeklyRollup, KeepsTheBestMaxPapersAndCountsTheirMissingSummaries) {
  const WeeklyRollup rollup = weekly_rollup({2026, 7}, fixture_days(), 5);
  ASSERT_EQ(rollup.papers.size(), 5u);
  EXPECT_EQ(rollup.papers.back().paper.id, "2602.10002");
  EXPECT_EQ(rollup.without_summary, 0u);
  EXPECT_EQ(weekly_sentence(rollup), "weekly 2026-W07: 5 papers, all with a summary");
}

TEST(WeeklyRollup, WithoutSummariesTheLatestVersionStands) {
  ArchiveRecord v1;
  v1.rank = 1;
  v1.paper.id = "2602.00001";
  v1.paper.score = 3.0;
  ArchiveRecord v2 = v1;
  v2.paper.version = 2;
  v2.paper.score = 2.0;
  const WeeklyRollup rollup =
      weekly_rollup({2026, 7}, {{"2026-02-09", {v1}}, {"2026-02-12", {v2}}}, 20);
  ASSERT_EQ(rollup.papers.size(), 1u);
  EXPECT_EQ(rollup.papers[0].paper.version, 2);
  EXPECT_EQ(rollup.papers[0].digest_date, "2026-02-12");
}

TEST(WeeklyRollup, AnEmptyWeekSaysSo) {
  const WeeklyRollup rollup = weekly_rollup({2026, 9}, fixture_days(), 20);
  EXPECT_TRUE(rollup.papers.empty());
  EXPECT_EQ(weekly_sentence(rollup), "weekly 2026-W09: 0 papers");
  auto text = render_weekly(rollup, std::string(*embedded_file("weekly.md.mustache")));
  ASSERT_TRUE(text.has_value()) << text.error().message;
  EXPECT_THAT(*text, ::testing::HasSubstr("No digest of this week showed a paper."));
  EXPECT_EQ(weekly_file_name(rollup.week), "2026-W09.md");
}

// tests/fixtures/weekly/digests/2026-W07.md: the fixture week with weekly_papers 7 (its
// config.json), byte for byte. The app test writes the same file through `weekly`.
TEST(WeeklyRollup, RendersTheFixtureWeekByteForByte) {
  const WeeklyRollup rollup = weekly_rollup({2026, 7}, fixture_days(), 7);
  auto text = render_weekly(rollup, std::string(*embedded_file("weekly.md.mustache")));
  ASSERT_TRUE(text.has_value()) << text.error().message;
  const std::string expected = read_file(fixture_path("weekly/digests/2026-W07.md"));
  EXPECT_EQ(first_difference(expected, *text), "");
  EXPECT_TRUE(*text == expected);
  // Paper text is escaped: a title's tag and an abstract's markup stay text.
  EXPECT_THAT(*text, ::testing::HasSubstr("A &lt;script&gt; in the title & more"));
  EXPECT_THAT(*text, ::testing::Not(::testing::HasSubstr("<details>retrieval")));
}

}  // namespace
}  // namespace arxiv_digest
