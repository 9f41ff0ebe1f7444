#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <pugixml.hpp>

#include "arxiv_digest/trends.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using arxiv_digest::testing::first_difference;
using arxiv_digest::testing::fixture_path;
using arxiv_digest::testing::read_file;

ArchiveRecord matched(const std::string& id, std::vector<std::string> keywords) {
  ArchiveRecord record;
  record.paper.id = id;
  for (auto& keyword : keywords) {
    record.paper.matches.push_back({std::move(keyword), 1.0, false, true, 1.0});
  }
  return record;
}

// The fixture week's archive days, counted as the run counts them.
std::vector<DayKeywordCounts> fixture_counts() {
  std::vector<DayKeywordCounts> days;
  for (const char* day :
       {"2026-02-06", "2026-02-09", "2026-02-10", "2026-02-11", "2026-02-13", "2026-02-16"}) {
    const std::string name = std::string("data/") + day + ".jsonl";
    auto records = parse_archive(read_file(fixture_path("weekly/" + name)), name);
    EXPECT_TRUE(records.has_value()) << records.error().message;
    days.push_back(count_keywords(day, records.value_or(std::vector<ArchiveRecord>{})));
  }
  return days;
}

TEST(KeywordTrends, CountsEachPaperOncePerKeywordAndDay) {
  const DayKeywordCounts counts =
      count_keywords("2026-02-12", {matched("a", {"LLM", "LLM", "kv cache"}), matched("b", {"LLM"}),
                                    matched("a", {"LLM"}), matched("c", {})});
  EXPECT_EQ(counts.counts, (std::map<std::string, int>{{"LLM", 2}, {"kv cache", 1}}));
}

TEST(KeywordTrends, KeepsTheTopKeywordsOverTheLastDays) {
  std::vector<DayKeywordCounts> days;
  for (int i = 0; i < 70; ++i) {
    char day[32];
    std::snprintf(day, sizeof day, "2026-%02d-%02d", 1 + i / 28, 1 + i % 28);
    days.push_back({day, {{"a", 1}, {"b", i < 10 ? 5 : 0}, {"c", 2}}});
  }
  const KeywordTrends trends = keyword_trends(days, 2);
  ASSERT_EQ(trends.days.size(), kTrendDays);
  EXPECT_EQ(trends.days.front(), days[10].day);  // the first ten fell out of the window
  ASSERT_EQ(trends.series.size(), 2u);
  EXPECT_EQ(trends.series[0].keyword, "c");
  EXPECT_EQ(trends.series[0].total, 120);
  EXPECT_EQ(trends.series[1].keyword, "a");  // "b" matched only before the window
  EXPECT_EQ(trends.series[1].counts, std::vector<int>(kTrendDays, 1));
}

TEST(TrendsSvg, IsWellFormedAndEveryBarSaysWhatTheArchiveCounted) {
  const auto counts = fixture_counts();
  const std::string svg = render_trends_svg(keyword_trends(counts));
  pugi::xml_document doc;
  const auto parsed = doc.load_string(svg.c_str());
  ASSERT_TRUE(parsed) << parsed.description() << " at " << parsed.offset;
  const pugi::xml_node root = doc.child("svg");
  ASSERT_TRUE(root);
  EXPECT_STREQ(root.attribute("width").value(), "800.0");
  EXPECT_THAT(root.child("title").text().get(),
              ::testing::HasSubstr("Matched papers per keyword, last 6 announcement days"));

  std::size_t bars = 0;
  std::size_t charts = 0;
  for (const pugi::xml_node chart : root.children("g")) {
    ++charts;
    const std::string keyword = chart.attribute("data-keyword").value();
    int total = 0;
    for (const pugi::xml_node bar : chart.children("rect")) {
      const std::string day = bar.attribute("data-day").value();
      const auto day_counts = std::find_if(counts.begin(), counts.end(),
                                           [&](const DayKeywordCounts& c) { return c.day == day; });
      ASSERT_NE(day_counts, counts.end()) << day;
      const auto found = day_counts->counts.find(keyword);
      const int expected = found == day_counts->counts.end() ? 0 : found->second;
      EXPECT_EQ(bar.attribute("data-count").as_int(-1), expected) << keyword << " " << day;
      total += bar.attribute("data-count").as_int();
      ++bars;
    }
    EXPECT_EQ(chart.attribute("data-total").as_int(), total) << keyword;
  }
  EXPECT_EQ(charts, 5u);  // LLM, attention, kv cache, decoding, mixture of experts
  EXPECT_EQ(bars, 5u * 6u);
  // LLM on the fixture's 2026-02-09: the two shown papers and the candidate below the cut.
  const pugi::xpath_node llm =
      doc.select_node("/svg/g[@data-keyword='LLM']/rect[@data-day='2026-02-09']");
  ASSERT_TRUE(llm);
  EXPECT_EQ(llm.node().attribute("data-count").as_int(), 3);
  EXPECT_STREQ(llm.node().child("title").text().get(), "LLM, 2026-02-09: 3 papers");
}

TEST(TrendsSvg, EscapesKeywordsForXml) {
  const std::string svg =
      render_trends_svg(keyword_trends({{"2026-02-12", {{"<script>&\"x'\x01", 2}}}}));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str()));
  EXPECT_STREQ(doc.select_node("/svg/g").node().attribute("data-keyword").value(), "<script>&\"x'");
  EXPECT_THAT(svg, ::testing::Not(::testing::HasSubstr("<script>")));
}

TEST(TrendsSvg, SaysWhenNothingMatched) {
  const std::string svg = render_trends_svg(keyword_trends({{"2026-02-12", {}}}));
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str()));
  EXPECT_THAT(svg, ::testing::HasSubstr("No paper matched a keyword on these days."));
}

// tests/fixtures/weekly/digests/trends.svg: the picture of the fixture archive, byte for byte.
TEST(TrendsSvg, DrawsTheFixtureArchiveByteForByte) {
  const std::string svg = render_trends_svg(keyword_trends(fixture_counts()));
  const std::string expected = read_file(fixture_path("weekly/digests/trends.svg"));
  EXPECT_EQ(first_difference(expected, svg), "");
  EXPECT_TRUE(svg == expected);
}

}  // namespace
}  // namespace arxiv_digest
