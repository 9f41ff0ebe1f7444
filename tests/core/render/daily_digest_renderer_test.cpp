#include <gmock/gmock.h>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/daily_digest.hpp"
#include "core/render/embedded_files.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using testing::first_difference;
using testing::fixture_path;
using testing::read_file;

std::string daily_template() { return std::string(*embedded_file("daily_digest.md.mustache")); }

ArchiveRecord record(const std::string& id, int rank, const std::string& category) {
  ArchiveRecord r;
  r.digest_date = "2026-02-12";
  r.rank = rank;
  r.paper.id = id;
  r.paper.title = "Paper " + id;
  r.paper.link = "https://arxiv.org/abs/" + id;
  r.paper.authors = {"Ada Lovelace", "Alan Turing"};
  r.paper.primary_category = category;
  r.paper.categories = {category};
  r.paper.abstract = "Abstract of " + id + ".";
  return r;
}

std::string render(const std::vector<ArchiveRecord>& records,
                   const std::vector<std::string>& order) {
  auto text = render_daily_digest(records, order, daily_template());
  EXPECT_TRUE(text.has_value()) << text.error().message;
  return text.value_or("");
}

// tests/fixtures/golden/daily_digest_2026-02-12.jsonl holds the seed's two papers as archive
// records (fields summaries); the .md is the seed daily_digest_example.md, copied unchanged.
TEST(DailyDigestRenderer, MatchesTheSeedByteForByte) {
  const std::string stem = fixture_path("golden/daily_digest_2026-02-12");
  const auto records = parse_archive(read_file(stem + ".jsonl"), "daily_digest.jsonl");
  ASSERT_OK(records);
  ASSERT_EQ(records->size(), 2u);
  const std::string expected = read_file(stem + ".md");

  const std::string actual = render(*records, {"cs.AI", "cs.LG"});
  EXPECT_EQ(first_difference(expected, actual), "");
  EXPECT_TRUE(actual == expected);
}

TEST(DailyDigestRenderer, GroupsByPrimaryCategoryInConfigOrderThenOthers) {
  const std::vector<ArchiveRecord> records = {
      record("2602.00001", 1, "cs.CL"), record("2602.00002", 2, "cs.LG"),
      record("2602.00003", 3, "cs.AI"), record("2602.00004", 4, "cs.LG")};
  const auto groups = group_by_category(records, {"cs.AI", "cs.LG", "cs.DC"});
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].category, "cs.AI");
  EXPECT_EQ(groups[1].category, "cs.LG");
  ASSERT_EQ(groups[1].records.size(), 2u);
  EXPECT_EQ(groups[1].records[0]->paper.id, "2602.00002");
  EXPECT_EQ(groups[2].category, "cs.CL");  // not followed, cross-listed in: after the config's

  const std::string text = render(records, {"cs.AI", "cs.LG", "cs.DC"});
  EXPECT_THAT(text,
              ::testing::HasSubstr("- [cs.AI](#cs.AI) [Total: 1]\n- [cs.LG](#cs.LG) [Total: 2]\n"
                                   "- [cs.CL](#cs.CL) [Total: 1]\n\n\n<div id='cs.AI'></div>"))
      << text;
  EXPECT_THAT(text,
              ::testing::Not(::testing::HasSubstr("cs.DC")));  // empty categories are left out
  // Numbered in the order shown, so [i] is unique in the file.
  EXPECT_THAT(text, ::testing::HasSubstr("### [1] [Paper 2602.00003]"));
  EXPECT_THAT(text, ::testing::HasSubstr("### [2] [Paper 2602.00002]"));
  EXPECT_THAT(text, ::testing::HasSubstr("### [4] [Paper 2602.00001]"));
  EXPECT_THAT(text, ::testing::HasSubstr(
                        "</details>\n\n\n<div id='cs.LG'></div>\n\n# cs.LG [[Back]](#toc)\n\n"
                        "### [2]"));
  EXPECT_EQ(text.substr(text.size() - 11), "</details>\n");
}

TEST(DailyDigestRenderer, SkipsCandidatesBelowTheCut) {
  auto below = record("2602.00009", 0, "cs.AI");
  below.rank.reset();
  const std::string text = render({record("2602.00001", 1, "cs.AI"), below}, {"cs.AI"});
  EXPECT_THAT(text, ::testing::HasSubstr("[Total: 1]"));
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("2602.00009")));
}

TEST(DailyDigestRenderer, MarkdownSummaryStandsInForTheFieldsWithoutTldr) {
  auto r = record("2602.00001", 1, "cs.AI");
  r.summary = Summary{};
  r.summary->text = "**Problem**: slow.\n\n**Fix**: fast.</details>";
  const std::string text = render({r}, {"cs.AI"});
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("TL;DR")));
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("Motivation:")));
  EXPECT_THAT(text, ::testing::HasSubstr(
                        "Main category: cs.AI\n\n\n<details>\n  <summary>Details</summary>\n"
                        "**Problem**: slow.\n\n**Fix**: fast.&lt;/details>\n\n"
                        "Abstract: Abstract of 2602.00001.\n\n</details>\n"))
      << text;
}

TEST(DailyDigestRenderer, PaperWithoutSummaryShowsOnlyItsAbstract) {
  auto r = record("2602.00001", 1, "cs.AI");
  r.paper.title = "Bounds [tight] for <N";
  const std::string text = render({r}, {"cs.AI"});
  EXPECT_THAT(text, ::testing::HasSubstr(
                        "### [1] [Bounds \\[tight\\] for &lt;N](https://arxiv.org/abs/2602.00001)\n"
                        "*Ada Lovelace,Alan Turing*\n\nMain category: cs.AI\n\n\n<details>\n"
                        "  <summary>Details</summary>\nAbstract: Abstract of 2602.00001.\n\n"
                        "</details>\n"))
      << text;
}

TEST(DailyDigestRenderer, EmptyDigestHasAnEmptyTableOfContents) {
  EXPECT_EQ(render({}, {"cs.AI"}), "<div id=toc></div>\n\n# Table of Contents\n\n");
}

}  // namespace
}  // namespace arxiv_digest
