#include "arxiv_digest/archive.hpp"

#include <gmock/gmock.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arxiv_digest/run_status.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

Paper full_paper() {
  Paper paper;
  paper.id = "2602.10965";
  paper.version = 2;
  paper.title = "MoEEdit: R&D with <tags> and \"quotes\"";
  paper.authors = {"Gül Sena Altıntaş", "Pan Li"};
  paper.abstract = "First paragraph.\nSecond paragraph.";
  paper.categories = {"cs.LG", "cs.AI"};
  paper.primary_category = "cs.LG";
  paper.announce_type = "new";
  paper.published = "2026-02-12";
  paper.updated = "2026-02-13";
  paper.link = "https://arxiv.org/abs/2602.10965";
  paper.pdf_link = "https://arxiv.org/pdf/2602.10965v2";
  paper.license = "http://creativecommons.org/licenses/by/4.0/";
  paper.doi = "10.1/x";
  paper.journal_ref = "J. Test 1 (2026)";
  paper.comment = "9 pages";
  paper.score = 2.5;
  paper.matches = {{"LLM", 1.0, true, true, 1.5}, {"MoE", 1.0, false, true, 1.0}};
  return paper;
}

TEST(Archive, RoundTripsEveryField) {
  ArchiveRecord shown{"2026-02-12", 1, full_paper(), std::nullopt};
  Summary summary{"**Summary** with 中文",
                  SummaryFields{"t", "m", "me", "r", "c"},
                  "qwen-long",
                  "abc123",
                  "abstract",
                  Usage{120, 80},
                  "2026-02-12T06:00:00Z"};
  ArchiveRecord summarized{"2026-02-12", std::nullopt, full_paper(), summary};
  summarized.paper.id = "2602.00001";
  const std::vector<ArchiveRecord> records{shown, summarized};

  const std::string text = write_archive(records);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
  const auto parsed = parse_archive(text, "data/2026-02-12.jsonl");
  ASSERT_OK(parsed);
  EXPECT_EQ(*parsed, (std::vector<ArchiveRecord>{shown, archived_form(summarized)}));
}

TEST(Archive, ACandidateBelowTheCutKeepsWhyItScoredButNotItsText) {
  ArchiveRecord below{"2026-02-12", std::nullopt, full_paper(), std::nullopt};
  const ArchiveRecord kept = archived_form(below);
  EXPECT_TRUE(kept.paper.abstract.empty());
  EXPECT_TRUE(kept.paper.comment.empty());
  EXPECT_TRUE(kept.paper.journal_ref.empty());
  EXPECT_TRUE(kept.paper.doi.empty());
  EXPECT_TRUE(kept.paper.license.empty());
  EXPECT_TRUE(kept.paper.pdf_link.empty());
  ArchiveRecord expected = kept;
  expected.paper.abstract = below.paper.abstract;
  expected.paper.comment = below.paper.comment;
  expected.paper.journal_ref = below.paper.journal_ref;
  expected.paper.doi = below.paper.doi;
  expected.paper.license = below.paper.license;
  expected.paper.pdf_link = below.paper.pdf_link;
  expected.paper.updated = below.paper.updated;
  EXPECT_EQ(expected, below);  // nothing else changed: id, title, authors, score, matches...

  ArchiveRecord shown = below;
  shown.rank = 1;
  EXPECT_EQ(archived_form(shown), shown);
}

TEST(Archive, ReadingADayLenientlySkipsEachBadLineWithItsPlace) {
  ArchiveRecord shown{"2026-02-12", 1, full_paper(), std::nullopt};
  const std::string good = write_archive({shown});
  const ArchiveDay day =
      read_archive_day(good + "{not json\n\n" + good + "{\"id\": 3}\n", "d.jsonl");
  EXPECT_EQ(day.records, (std::vector<ArchiveRecord>{shown, shown}));
  ASSERT_EQ(day.skipped.size(), 2u);
  EXPECT_EQ(day.skipped[0].where, "d.jsonl:2");
  EXPECT_THAT(day.skipped[0].reason, ::testing::HasSubstr("d.jsonl:2: byte"))
      << day.skipped[0].reason;
  EXPECT_EQ(day.skipped[1].where, "d.jsonl:5");
}

// `line` with its first `from` replaced by `to`.
std::string replaced(std::string line, std::string_view from, std::string_view to) {
  const std::size_t at = line.find(from);
  EXPECT_NE(at, std::string::npos) << from << " not in " << line;
  return at == std::string::npos ? line : line.replace(at, from.size(), to);
}

// get<int>() on these was undefined behaviour (1e10, -1e300), a truncation (3.7) or a wrap to a
// negative rank (2147483648); each such line is now skipped, naming the field.
TEST(Archive, ReadingADaySkipsALineWhoseNumberDoesNotFitItsField) {
  Summary summary;
  summary.text = "Text.";
  summary.usage = Usage{120, 80};
  const ArchiveRecord shown{"2026-02-12", 1, full_paper(), summary};
  const std::string good = write_archive({shown});
  const std::vector<std::pair<std::string, std::string>> cases{
      {replaced(good, "\"version\":2", "\"version\":1e10"),
       "\"version\": expected an integer 1–2147483647, got 10000000000.0"},
      {replaced(good, "\"version\":2", "\"version\":-1e300"),
       "\"version\": expected an integer 1–2147483647, got -1e+300"},
      {replaced(good, "\"rank\":1", "\"rank\":3.7"),
       "\"rank\": expected an integer 1–2147483647, got 3.7"},
      {replaced(good, "\"rank\":1", "\"rank\":2147483648"),
       "\"rank\": expected an integer 1–2147483647, got 2147483648"},
      {replaced(good, "\"prompt_tokens\":120", "\"prompt_tokens\":9223372036854775807"),
       "\"prompt_tokens\": expected an integer 0–1000000000000, got 9223372036854775807"},
      {replaced(good, "\"completion_tokens\":80", "\"completion_tokens\":-1"),
       "\"completion_tokens\": expected an integer 0–1000000000000, got -1"},
  };
  std::string text = good;
  for (const auto& [line, reason] : cases) {
    text += line;
  }
  const ArchiveDay day = read_archive_day(text, "d.jsonl");
  EXPECT_EQ(day.records, (std::vector<ArchiveRecord>{shown}));
  ASSERT_EQ(day.skipped.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string where = "d.jsonl:" + std::to_string(i + 2);
    EXPECT_EQ(day.skipped[i].where, where);
    EXPECT_EQ(day.skipped[i].reason, where + ": " + cases[i].second);
  }
  const auto strict = parse_archive(cases[0].first, "data/2026-02-12.jsonl");
  ASSERT_FALSE(strict.has_value());
  EXPECT_EQ(strict.error().message, "data/2026-02-12.jsonl:1: " + cases[0].second);
}

TEST(Archive, ReadingADaySkipsALineNestedTooDeep) {
  const ArchiveRecord shown{"2026-02-12", 1, full_paper(), std::nullopt};
  const std::string good = write_archive({shown});
  const std::string deep = replaced(good, "\"comment\":\"9 pages\"",
                                    "\"comment\":" + testing::nested_json_arrays(100000));
  const ArchiveDay day = read_archive_day(deep + good, "d.jsonl");
  EXPECT_EQ(day.records, (std::vector<ArchiveRecord>{shown}));
  ASSERT_EQ(day.skipped.size(), 1u);
  EXPECT_EQ(day.skipped[0].reason, "d.jsonl:1: JSON nested deeper than 64 levels");
}

TEST(Archive, ErrorNamesTheLine) {
  const auto parsed = parse_archive("\n{\"id\": \"x\"}\n", "data/2026-02-12.jsonl");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::malformed_input);
  EXPECT_THAT(parsed.error().message, ::testing::HasSubstr("data/2026-02-12.jsonl:2"))
      << parsed.error().message;
}

TEST(Archive, NotJsonIsAnErrorWithByteOffset) {
  const auto parsed = parse_archive("{\"id\": ", "a.jsonl");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_THAT(parsed.error().message, ::testing::HasSubstr("a.jsonl:1: byte"))
      << parsed.error().message;
}

TEST(Archive, ShownHistoryKeepsHighestRankedVersion) {
  auto v1 = full_paper();
  v1.version = 1;
  auto v3 = full_paper();
  v3.version = 3;
  auto unranked = full_paper();
  unranked.id = "2602.99999";
  ShownHistory shown;
  add_shown({{"2026-02-11", 4, v3, std::nullopt},
             {"2026-02-12", 2, v1, std::nullopt},
             {"2026-02-12", std::nullopt, unranked, std::nullopt}},
            shown);
  EXPECT_EQ(shown, (ShownHistory{{"2602.10965", 3}}));
}

TEST(Archive, RecordsRankTheSelectedCandidatesOnly) {
  Selection selection;
  selection.candidates = {full_paper(), full_paper(), full_paper()};
  selection.selected = 2;
  const auto records = archive_records(selection, "2026-02-12");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].rank, 1);
  EXPECT_EQ(records[1].rank, 2);
  EXPECT_EQ(records[2].rank, std::nullopt);
}

Paper scored(const std::string& id, double score) {
  Paper paper = full_paper();
  paper.id = id;
  paper.score = score;
  return paper;
}

TEST(Archive, MergingIntoADayRanksTheUnionAndKeepsWhatTheDayHad) {
  ArchiveRecord kept;
  kept.digest_date = "2026-01-06";
  kept.rank = 1;
  kept.paper = scored("2601.00001", 3.0);
  kept.summary = Summary{"**TL;DR** kept", std::nullopt, "m", "h", "abstract", {}, ""};
  ArchiveRecord low = kept;
  low.rank = 2;
  low.paper = scored("2601.00002", 1.0);
  low.summary.reset();

  const auto merged = merge_into_day(
      {kept, low},
      {scored("2601.00003", 5.0), scored("2601.00001", 9.0), scored("2601.00004", 1.0)},
      "2026-01-06", 3);

  std::vector<std::string> ids;
  for (const auto& record : merged) {
    ids.push_back(record.paper.id);
  }
  // 2601.00001 is there already: its record (score 3, summary) stays, the newcomer is dropped;
  // ties keep the day's own record first.
  EXPECT_EQ(ids,
            (std::vector<std::string>{"2601.00003", "2601.00001", "2601.00002", "2601.00004"}));
  EXPECT_EQ(merged[1].summary, kept.summary);
  EXPECT_EQ(merged[0].rank, 1);
  EXPECT_EQ(merged[2].rank, 3);
  EXPECT_EQ(merged[3].rank, std::nullopt);
  EXPECT_EQ(merged[3].digest_date, "2026-01-06");
}

}  // namespace
}  // namespace arxiv_digest
