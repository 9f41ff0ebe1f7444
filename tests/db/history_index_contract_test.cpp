// One contract for the HistoryIndex port, run on the in-memory fake and on SQLite (STYLE.md 2),
// so what app tests learn from MemoryHistoryIndex holds for the real index.

#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "db/sqlite_history_index.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/memory_history_index.hpp"
#include "support/scoped_temp_dir.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

ArchiveRecord record(const std::string& day, const std::string& id, std::optional<int> rank,
                     const std::string& title, const std::string& abstract = "", int version = 1) {
  ArchiveRecord r;
  r.digest_date = day;
  r.rank = rank;
  r.paper.id = id;
  r.paper.version = version;
  r.paper.title = title;
  r.paper.abstract = abstract;
  r.paper.link = "https://arxiv.org/abs/" + id;
  r.paper.published = day;
  return r;
}

ArchiveStamp stamp(const std::string& day, std::uint64_t size = 10, std::string hash = "h") {
  return ArchiveStamp{day, FileStat{size, 7}, std::move(hash)};
}

Summary summary(const std::string& text, const std::string& model = "qwen-long") {
  return Summary{text, std::nullopt, model, "hash", "abstract", {10, 5}, "2026-02-12T06:00:00Z"};
}

class MemoryIndexEnv {
 public:
  static constexpr char kName[] = "Memory";
  HistoryIndex& index() { return index_; }
  std::string path() const { return "/virtual/state/index/history.sqlite"; }

 private:
  MemoryHistoryIndex index_;
};

class SqliteIndexEnv {
 public:
  static constexpr char kName[] = "Sqlite";
  HistoryIndex& index() { return index_; }
  std::string path() const { return dir_ / "state/index/history.sqlite"; }

 private:
  ScopedTempDir dir_;
  FakeClock clock_;
  db::SqliteHistoryIndex index_{clock_};
};

template <typename Env>
class HistoryIndexContract : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK(index().open(env_.path())); }
  HistoryIndex& index() { return env_.index(); }
  void put(const std::string& day, const std::vector<ArchiveRecord>& records) {
    ASSERT_OK(index().put_day(stamp(day), records));
  }
  std::vector<RelatedPaper> related(const Paper& paper, RelatedOptions options = {3, 0.1}) {
    auto found = index().related(paper, options);
    EXPECT_OK(found);
    return found.value_or(std::vector<RelatedPaper>{});
  }
  Env env_;
};

struct EnvNames {
  template <typename Env>
  static std::string GetName(int) {
    return Env::kName;
  }
};
using Envs = ::testing::Types<MemoryIndexEnv, SqliteIndexEnv>;
TYPED_TEST_SUITE(HistoryIndexContract, Envs, EnvNames);

TYPED_TEST(HistoryIndexContract, ANewIndexIsEmpty) {
  const auto stamps = this->index().stamps();
  ASSERT_OK(stamps);
  EXPECT_THAT(*stamps, IsEmpty());
  const auto records = this->index().day_records("2026-02-12");
  ASSERT_OK(records);
  EXPECT_THAT(*records, IsEmpty());
}

TYPED_TEST(HistoryIndexContract, PutDayKeepsTheRecordsInOrderAndTheStamp) {
  auto a = record("2026-02-12", "2602.00002", 1, "Second id, first line", "Text.");
  a.summary = summary("A **summary**.");
  a.paper.matches = {{"llm", 1.0, true, false, 1.5}};
  a.paper.score = 1.5;
  a.related = {{"2601.00007", 2, "An earlier one", "https://arxiv.org/abs/2601.00007v2",
                "2026-01-20", 0.4375}};
  const auto b = record("2026-02-12", "2602.00001", std::nullopt, "Below the cut");
  this->put("2026-02-12", {a, b});
  const auto records = this->index().day_records("2026-02-12");
  ASSERT_OK(records);
  EXPECT_THAT(*records, ElementsAre(a, b));
  const auto stamps = this->index().stamps();
  ASSERT_OK(stamps);
  EXPECT_THAT(*stamps, ElementsAre(stamp("2026-02-12")));
}

TYPED_TEST(HistoryIndexContract, PutDayReplacesEverythingKnownOfThatDay) {
  this->put("2026-02-12", {record("2026-02-12", "2602.00001", 1, "Old", "old words")});
  ASSERT_OK(this->index().put_day(stamp("2026-02-12", 20, "h2"),
                                  {record("2026-02-12", "2602.00002", 1, "New", "new words")}));
  const auto records = this->index().day_records("2026-02-12");
  ASSERT_OK(records);
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].paper.id, "2602.00002");
  const auto shown = this->index().shown_before("2026-02-13", {"2602.00001", "2602.00002"});
  ASSERT_OK(shown);
  EXPECT_EQ(*shown, (ShownHistory{{"2602.00002", 1}}));
  const auto stamps = this->index().stamps();
  ASSERT_OK(stamps);
  EXPECT_THAT(*stamps, ElementsAre(stamp("2026-02-12", 20, "h2")));
}

TYPED_TEST(HistoryIndexContract, RestampChangesOnlyTheStamp) {
  this->put("2026-02-12", {record("2026-02-12", "2602.00001", 1, "Kept")});
  this->put("2026-02-13", {record("2026-02-13", "2602.00002", 1, "Also kept")});
  ASSERT_OK(this->index().restamp({stamp("2026-02-12", 10, "h")}));
  const ArchiveStamp moved{"2026-02-12", FileStat{10, 99}, "h"};
  const ArchiveStamp moved_too{"2026-02-13", FileStat{10, 98}, "h"};
  ASSERT_OK(this->index().restamp({moved, moved_too}));
  const auto stamps = this->index().stamps();
  ASSERT_OK(stamps);
  EXPECT_THAT(*stamps, ElementsAre(moved, moved_too));
  EXPECT_EQ(this->index().day_records("2026-02-12").value_or(std::vector<ArchiveRecord>{}).size(),
            1u);
}

TYPED_TEST(HistoryIndexContract, RemoveDayForgetsIt) {
  this->put("2026-02-11", {record("2026-02-11", "2602.00001", 1, "Gone", "words here")});
  this->put("2026-02-12", {record("2026-02-12", "2602.00002", 1, "Stays", "words here")});
  ASSERT_OK(this->index().remove_day("2026-02-11"));
  const auto stamps = this->index().stamps();
  ASSERT_OK(stamps);
  EXPECT_THAT(*stamps, ElementsAre(stamp("2026-02-12")));
  const auto shown = this->index().shown_before("2026-02-13", {"2602.00001", "2602.00002"});
  ASSERT_OK(shown);
  EXPECT_EQ(*shown, (ShownHistory{{"2602.00002", 1}}));
  EXPECT_THAT(this->related(record("x", "q", 1, "words here").paper, {3, 0.0}),
              ElementsAre(::testing::Field(&RelatedPaper::id, "2602.00002")));
}

TYPED_TEST(HistoryIndexContract, KeywordCountsAreThoseOfTheDaysRecordsAndGoWithTheDay) {
  auto a = record("2026-02-11", "2602.00001", 1, "A");
  a.paper.matches = {{"llm", 1.0, true, false, 1.0}, {"sparse", 1.0, false, true, 1.0}};
  auto b = record("2026-02-11", "2602.00002", std::nullopt, "B");
  b.paper.matches = {{"llm", 1.0, false, true, 1.0}};
  this->put("2026-02-11", {a, b});
  this->put("2026-02-12", {record("2026-02-12", "2602.00003", 1, "No keyword")});
  const auto counts = this->index().keyword_counts({"2026-02-12", "2026-02-11", "2026-01-01"});
  ASSERT_OK(counts);
  EXPECT_THAT(*counts, ElementsAre(DayKeywordCounts{"2026-02-12", {}},
                                   DayKeywordCounts{"2026-02-11", {{"llm", 2}, {"sparse", 1}}},
                                   DayKeywordCounts{"2026-01-01", {}}));
  ASSERT_OK(this->index().remove_day("2026-02-11"));
  const auto after = this->index().keyword_counts({"2026-02-11"});
  ASSERT_OK(after);
  EXPECT_THAT(*after, ElementsAre(DayKeywordCounts{"2026-02-11", {}}));
}

TYPED_TEST(HistoryIndexContract, ShownBeforeCountsRankedRecordsOfEarlierDaysOnly) {
  this->put("2026-02-10", {record("2026-02-10", "a", 1, "A", "", 1),
                           record("2026-02-10", "b", std::nullopt, "B below the cut")});
  this->put("2026-02-11", {record("2026-02-11", "a", 2, "A again", "", 2)});
  this->put("2026-02-12", {record("2026-02-12", "c", 1, "C today")});
  const auto shown = this->index().shown_before("2026-02-12", {"a", "b", "c", "unknown"});
  ASSERT_OK(shown);
  EXPECT_EQ(*shown, (ShownHistory{{"a", 2}}));
  const auto earlier = this->index().shown_before("2026-02-11", {"a"});
  ASSERT_OK(earlier);
  EXPECT_EQ(*earlier, (ShownHistory{{"a", 1}}));
}

TYPED_TEST(HistoryIndexContract, FindSummaryMatchesTheWholeKeyAndPrefersTheDayAsked) {
  auto early = record("2026-02-10", "a", 1, "A");
  early.summary = summary("from the 10th");
  auto late = record("2026-02-11", "a", 1, "A");
  late.summary = summary("from the 11th");
  auto other_model = record("2026-02-12", "a", 1, "A");
  other_model.summary = summary("other model", "qwen-plus");
  this->put("2026-02-10", {early});
  this->put("2026-02-11", {late});
  this->put("2026-02-12", {other_model});
  const SummaryKey key{"a", 1, "qwen-long", "hash", "abstract"};

  const auto preferred = this->index().find_summary(key, "2026-02-11");
  ASSERT_OK(preferred);
  ASSERT_TRUE(preferred->has_value());
  EXPECT_EQ((*preferred)->text, "from the 11th");
  const auto earliest = this->index().find_summary(key, "2026-02-12");
  ASSERT_OK(earliest);
  ASSERT_TRUE(earliest->has_value());
  EXPECT_EQ((*earliest)->text, "from the 10th");
  for (const SummaryKey& miss : {SummaryKey{"a", 2, "qwen-long", "hash", "abstract"},
                                 SummaryKey{"a", 1, "qwen-long", "other", "abstract"},
                                 SummaryKey{"a", 1, "qwen-long", "hash", "pdf"},
                                 SummaryKey{"b", 1, "qwen-long", "hash", "abstract"}}) {
    const auto none = this->index().find_summary(miss, "2026-02-12");
    ASSERT_OK(none);
    EXPECT_FALSE(none->has_value()) << miss.id << " " << miss.version;
  }
}

// N = 3. df(alpha) = 2, df(beta) = df(gamma) = df(delta) = 1.
// idf(alpha) = ln(4/3) + 1 = 1.287682, idf(beta) = idf(gamma) = ln(4/2) + 1 = 1.693147.
// cos(A, B) = 1.287682² / (1.287682² + 1.693147²) = 0.366447.
TYPED_TEST(HistoryIndexContract, RelatedPapersByTfIdfCosineComputedByHand) {
  this->put("2026-02-11", {record("2026-02-11", "a", 1, "alpha", "beta"),
                           record("2026-02-11", "b", 1, "alpha", "gamma")});
  this->put("2026-02-12", {record("2026-02-12", "c", std::nullopt, "delta", "delta")});
  const auto found = this->related(record("2026-02-11", "a", 1, "alpha", "beta").paper);
  ASSERT_EQ(found.size(), 1u);  // c shares no term; a is never its own relative
  EXPECT_EQ(found[0].id, "b");
  EXPECT_EQ(found[0].link, "https://arxiv.org/abs/b");
  EXPECT_EQ(found[0].published, "2026-02-11");
  EXPECT_NEAR(found[0].similarity, 0.366447, 1e-6);
}

TYPED_TEST(HistoryIndexContract, RelatedTopKAboveAStrictThresholdBestFirst) {
  this->put("2026-02-12", {record("2026-02-12", "q", 1, "linear attention softmax kernel", "x1"),
                           record("2026-02-12", "near", 2, "linear attention softmax", "x2"),
                           record("2026-02-12", "mid", 3, "linear attention", "x3"),
                           record("2026-02-12", "far", 4, "kernel methods for graphs", "x4"),
                           record("2026-02-12", "none", 5, "protein folding", "x5")});
  const Paper query = record("2026-02-12", "q", 1, "linear attention softmax kernel", "x1").paper;
  const auto two = this->related(query, {2, 0.0});
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].id, "near");
  EXPECT_EQ(two[1].id, "mid");
  EXPECT_GT(two[0].similarity, two[1].similarity);
  const auto all = this->related(query, {10, 0.0});
  ASSERT_EQ(all.size(), 3u);  // "none" shares no term
  EXPECT_EQ(all[2].id, "far");
  EXPECT_EQ(this->related(query, {10, all[1].similarity}).size(), 1u);  // strict threshold
}

TYPED_TEST(HistoryIndexContract, APaperOnSeveralDaysIsOneDocumentAtItsNewestVersion) {
  this->put("2026-02-10", {record("2026-02-10", "x", 1, "old words here", "old", 1)});
  this->put("2026-02-11", {record("2026-02-11", "x", 2, "graph networks", "graph", 2)});
  this->put("2026-02-12", {record("2026-02-12", "x", std::nullopt, "stale text", "stale", 1),
                           record("2026-02-12", "y", 1, "graph networks", "graph")});
  const Paper y = record("2026-02-12", "y", 1, "graph networks", "graph").paper;
  const auto found = this->related(y, {3, 0.0});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "x");
  EXPECT_EQ(found[0].version, 2);
  EXPECT_NEAR(found[0].similarity, 1.0, 1e-12);

  // The newest copy's day goes: the next best copy comes back, whatever the order of puts.
  ASSERT_OK(this->index().remove_day("2026-02-11"));
  const auto after = this->related(y, {3, 0.0});
  EXPECT_THAT(after, IsEmpty());  // the v1 texts share no term with "graph networks"
  const Paper old = record("x", "z", 1, "stale text", "").paper;
  const auto back = this->related(old, {3, 0.0});
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].id, "x");
  EXPECT_EQ(back[0].version, 1);
  EXPECT_EQ(back[0].published, "2026-02-12");  // the later day on a tie in version
}

TYPED_TEST(HistoryIndexContract, RecordsWithoutAnAbstractAreNotRelatedPapers) {
  this->put("2026-02-12", {record("2026-02-12", "a", std::nullopt, "graph networks", "")});
  EXPECT_THAT(this->related(record("x", "q", 1, "graph networks", "graph").paper, {3, 0.0}),
              IsEmpty());
}

TYPED_TEST(HistoryIndexContract, APaperOfStopWordsOnlyHasNoRelatives) {
  this->put("2026-02-12", {record("2026-02-12", "b", 1, "the of and", "a")});
  EXPECT_THAT(this->related(record("x", "a", 1, "the of and", "a").paper, {3, 0.0}), IsEmpty());
}

TYPED_TEST(HistoryIndexContract, ResetEmptiesTheIndex) {
  this->put("2026-02-12", {record("2026-02-12", "a", 1, "A", "words")});
  ASSERT_OK(this->index().reset());
  const auto stamps = this->index().stamps();
  ASSERT_OK(stamps);
  EXPECT_THAT(*stamps, IsEmpty());
  EXPECT_THAT(this->related(record("x", "q", 1, "words", "").paper, {3, 0.0}), IsEmpty());
}

TYPED_TEST(HistoryIndexContract, ReopeningFindsWhatWasPut) {
  this->put("2026-02-12", {record("2026-02-12", "a", 1, "A", "words")});
  ASSERT_OK(this->index().open(this->env_.path()));
  const auto records = this->index().day_records("2026-02-12");
  ASSERT_OK(records);
  EXPECT_EQ(records->size(), 1u);
}

}  // namespace
}  // namespace arxiv_digest::testing
