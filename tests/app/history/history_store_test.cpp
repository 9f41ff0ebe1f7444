#include "app/history/history_store.hpp"

#include <gmock/gmock.h>

#include "app/app_fixture.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

ArchiveRecord shown(const std::string& day, const std::string& id, int rank,
                    const std::string& title, const std::string& abstract = "Words.") {
  ArchiveRecord r;
  r.digest_date = day;
  r.rank = rank;
  r.paper.id = id;
  r.paper.title = title;
  r.paper.abstract = abstract;
  r.paper.link = "https://arxiv.org/abs/" + id;
  r.paper.published = day;
  return r;
}

class HistoryStoreTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto workspace = load_workspace(fs_, path("config.json"));
    ASSERT_OK(workspace);
    workspace_ = std::move(workspace.value());
  }
  void archive(const std::string& day, const std::vector<ArchiveRecord>& records) {
    fs_.add_file(path("data/" + day + ".jsonl"), write_archive(records));
  }
  HistoryStore open() {
    auto store = HistoryStore::open(ports_, workspace_);
    EXPECT_OK(store);
    return std::move(store.value());
  }
  std::size_t archive_reads() const {
    std::size_t reads = 0;
    for (const auto& read : fs_.files_read()) {
      reads += read.find("/data/") != std::string::npos ? 1 : 0;
    }
    return reads;
  }
  Workspace workspace_;
};

TEST_F(HistoryStoreTest, BuildsTheIndexFromTheArchiveUnderState) {
  archive("2026-02-10", {shown("2026-02-10", "a", 1, "A")});
  archive("2026-02-11", {shown("2026-02-11", "b", 1, "B")});
  fs_.add_file(path("data/notes.jsonl"), "not a day\n");
  HistoryStore store = open();
  EXPECT_EQ(history_.path(), path("state/index/history.sqlite"));
  EXPECT_THAT(store.days(), ElementsAre("2026-02-10", "2026-02-11"));
  const auto shown_before = store.shown_before("2026-02-11", {"a", "b"});
  ASSERT_OK(shown_before);
  EXPECT_EQ(*shown_before, (ShownHistory{{"a", 1}}));
  EXPECT_THAT(store.warnings(), IsEmpty());
}

TEST_F(HistoryStoreTest, ANextOpenReadsNoArchiveFileItAlreadyHolds) {
  archive("2026-02-10", {shown("2026-02-10", "a", 1, "A")});
  archive("2026-02-11", {shown("2026-02-11", "b", 1, "B")});
  open();
  const std::size_t reads = archive_reads();
  const std::size_t puts = history_.puts();
  open();
  EXPECT_EQ(archive_reads(), reads);
  EXPECT_EQ(history_.puts(), puts);
}

TEST_F(HistoryStoreTest, AFileThatMovedButKeptItsBytesIsRestampedNotParsedAgain) {
  archive("2026-02-10", {shown("2026-02-10", "a", 1, "A")});
  open();
  const std::size_t puts = history_.puts();
  const std::string bytes = file("data/2026-02-10.jsonl");
  fs_.add_file(path("data/2026-02-10.jsonl"), bytes);  // a checkout: new stat, same bytes
  open();
  EXPECT_EQ(history_.puts(), puts);
  open();
  EXPECT_EQ(history_.puts(), puts);
}

TEST_F(HistoryStoreTest, AChangedFileIsIndexedAgainAndARemovedOneLeaves) {
  archive("2026-02-10", {shown("2026-02-10", "a", 1, "A")});
  archive("2026-02-11", {shown("2026-02-11", "b", 1, "B")});
  open();
  archive("2026-02-10", {shown("2026-02-10", "c", 1, "C")});
  fs_.remove(path("data/2026-02-11.jsonl"));
  HistoryStore store = open();
  const auto before = store.shown_before("2026-02-12", {"a", "b", "c"});
  ASSERT_OK(before);
  EXPECT_EQ(*before, (ShownHistory{{"c", 1}}));
  EXPECT_THAT(store.days(), ElementsAre("2026-02-10"));
}

TEST_F(HistoryStoreTest, ABadArchiveLineIsSkippedAndReportedWithFileAndLine) {
  fs_.add_file(path("data/2026-02-10.jsonl"),
               write_archive({shown("2026-02-10", "a", 1, "A")}) + "{truncated\n" +
                   write_archive({shown("2026-02-10", "b", 2, "B")}));
  HistoryStore store = open();
  const auto records = store.day_records("2026-02-10");
  ASSERT_OK(records);
  EXPECT_THAT(*records, SizeIs(2));
  ASSERT_THAT(store.warnings(), SizeIs(1));
  EXPECT_THAT(store.warnings()[0], HasSubstr(path("data/2026-02-10.jsonl") + ":2"));
  EXPECT_THAT(store.warnings()[0], HasSubstr("skipped"));
}

TEST_F(HistoryStoreTest, ADamagedIndexIsRebuiltFromTheArchiveWithAWarning) {
  archive("2026-02-10", {shown("2026-02-10", "a", 1, "A")});
  open();
  history_.corrupt(path("state/index/history.sqlite"));
  HistoryStore store = open();
  EXPECT_EQ(history_.resets(), 1u);
  ASSERT_THAT(store.warnings(), SizeIs(1));
  EXPECT_THAT(store.warnings()[0], HasSubstr("rebuilding"));
  const auto before = store.shown_before("2026-02-11", {"a"});
  ASSERT_OK(before);
  EXPECT_EQ(*before, (ShownHistory{{"a", 1}}));
}

TEST_F(HistoryStoreTest, DamageFoundInTheMiddleOfARunIsRebuiltAndTheCallAnswered) {
  archive("2026-02-10", {shown("2026-02-10", "a", 1, "A")});
  HistoryStore store = open();
  ASSERT_OK(store.stage_day("2026-02-12", {shown("2026-02-12", "t", 1, "Today")}));
  history_.fail_next(Error{ErrorCode::malformed_input, "index: database disk image is malformed"});
  const auto before = store.shown_before("2026-02-12", {"a"});
  ASSERT_OK(before);
  EXPECT_EQ(*before, (ShownHistory{{"a", 1}}));
  EXPECT_EQ(history_.resets(), 1u);
  const auto staged = store.day_records("2026-02-12");  // staged again after the rebuild
  ASSERT_OK(staged);
  EXPECT_THAT(*staged, SizeIs(1));
}

TEST_F(HistoryStoreTest, OtherIndexErrorsAreNotRebuiltButReturned) {
  HistoryStore store = open();
  history_.fail_next(Error{ErrorCode::timeout, "index: in use by another arxiv-digest process"});
  const auto answer = store.shown_before("2026-02-12", {"a"});
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, ErrorCode::timeout);
  EXPECT_EQ(history_.resets(), 0u);
}

TEST_F(HistoryStoreTest, WriteDayWritesTheArchiveAndIndexesWhatItWrote) {
  HistoryStore store = open();
  ArchiveRecord below = shown("2026-02-12", "b", 1, "Below", "An abstract that goes.");
  below.rank.reset();
  ASSERT_OK(store.write_day("2026-02-12", {shown("2026-02-12", "a", 1, "A"), below}));
  EXPECT_THAT(store.days(), ElementsAre("2026-02-12"));
  const auto records = store.day_records("2026-02-12");
  ASSERT_OK(records);
  ASSERT_THAT(*records, SizeIs(2));
  EXPECT_TRUE((*records)[1].paper.abstract.empty());  // as the archive keeps it
  const auto parsed = parse_archive(file("data/2026-02-12.jsonl"), "archive");
  ASSERT_OK(parsed);
  EXPECT_EQ(*parsed, *records);
  const std::size_t reads = archive_reads();
  open();  // the stamp recorded at write time matches: nothing is read again
  EXPECT_EQ(archive_reads(), reads);
}

TEST_F(HistoryStoreTest, StagedRecordsAreRelatedPapersBeforeTheyAreWritten) {
  archive("2026-02-05", {shown("2026-02-05", "old", 1, "Speculative decoding for LLM inference",
                               "We speed up LLM inference with a draft model.")});
  HistoryStore store = open();
  const std::vector<ArchiveRecord> today = {
      shown("2026-02-12", "t1", 1, "Fast LLM inference", "We speed up LLM inference."),
      shown("2026-02-12", "t2", 2, "LLM inference faster", "Speed up LLM inference again.")};
  ASSERT_OK(store.stage_day("2026-02-12", today));
  const auto related = store.related(today, {3, 0.1});
  ASSERT_OK(related);
  ASSERT_EQ(related->count("t1"), 1u);
  const auto& first = related->at("t1");
  ASSERT_THAT(first, SizeIs(2));
  EXPECT_EQ(first[0].id, "t2");
  EXPECT_EQ(first[1].id, "old");
  const std::size_t puts = history_.puts();
  ASSERT_OK(store.write_day("2026-02-12", today));
  EXPECT_EQ(history_.puts(), puts);  // what was staged is what was written: only restamped
}

// Collected batch summaries reach an archive file before the batch leaves state/batches.json,
// so a process that dies before writing the digest loses nothing paid for.
Summary batch_summary(const std::string& text) {
  Summary s;
  s.text = text;
  s.model = "qwen-long";
  s.prompt_hash = "abc";
  s.input_mode = "abstract";
  s.usage = {100, 20};
  return s;
}

TEST_F(HistoryStoreTest, TheCurrentRunsRecordsStartAMissingArchiveFile) {
  HistoryStore store = open();
  const std::vector<ArchiveRecord> today{shown("2026-02-12", "2602.00001", 1, "One"),
                                         shown("2026-02-12", "2602.00002", 2, "Two")};
  auto stored =
      store.store_summaries("2026-02-12", {{"2602.00002v1", batch_summary("Two.")}}, &today);
  ASSERT_OK(stored);
  EXPECT_EQ(*stored, 1u);
  const auto records = parse_archive(file("data/2026-02-12.jsonl"), "archive");
  ASSERT_OK(records);
  ASSERT_EQ(records->size(), 2u);
  EXPECT_FALSE((*records)[0].summary);
  ASSERT_TRUE((*records)[1].summary);
  EXPECT_EQ((*records)[1].summary->text, "Two.");
  EXPECT_EQ((*records)[1].summary->usage.prompt_tokens, 100);
  const auto cached = store.cached_summary({"2602.00002", 1, "qwen-long", "abc", "abstract"}, "");
  ASSERT_OK(cached);
  EXPECT_TRUE(cached->has_value());  // the index knows at once
}

TEST_F(HistoryStoreTest, AnExistingArchiveFileIsUpdatedLineByLineKeepingWhatDoesNotParse) {
  const std::string first = write_archive({shown("2026-02-11", "2602.00009", 1, "Nine")});
  const std::string other = write_archive({shown("2026-02-11", "2602.00008", 2, "Eight")});
  fs_.add_file(path("data/2026-02-11.jsonl"), first + "{broken line\n" + other);
  HistoryStore store = open();
  auto stored = store.store_summaries("2026-02-11", {{"2602.00009v1", batch_summary("Nine.")}});
  ASSERT_OK(stored);
  EXPECT_EQ(*stored, 1u);
  const std::string text = file("data/2026-02-11.jsonl");
  EXPECT_THAT(text, HasSubstr("{broken line\n"));
  EXPECT_THAT(text, ::testing::EndsWith(other));
  const ArchiveDay day = read_archive_day(text, "archive");
  ASSERT_EQ(day.records.size(), 2u);
  ASSERT_TRUE(day.records[0].summary);
  EXPECT_EQ(day.records[0].summary->text, "Nine.");
}

TEST_F(HistoryStoreTest, WithoutRecordsAMissingFileStoresNothing) {
  HistoryStore store = open();
  auto stored = store.store_summaries("2026-02-12", {{"2602.00002v1", batch_summary("Two.")}});
  ASSERT_OK(stored);
  EXPECT_EQ(*stored, 0u);
  EXPECT_FALSE(fs_.exists(path("data/2026-02-12.jsonl")));
}

}  // namespace
}  // namespace arxiv_digest::app
