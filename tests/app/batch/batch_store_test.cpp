// BatchStore: collected batch summaries reach an archive file before the batch leaves
// state/batches.json, so a process that dies before writing the digest loses nothing paid for.
#include "app/batch/batch_store.hpp"

#include <gtest/gtest.h>

#include "fakes/memory_file_system.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

ArchiveRecord ranked(const std::string& id, int rank) {
  ArchiveRecord record;
  record.paper.id = id;
  record.paper.version = 1;
  record.paper.title = "Paper " + id;
  record.rank = rank;
  return record;
}

Summary summary(const std::string& text) {
  Summary s;
  s.text = text;
  s.model = "qwen-long";
  s.prompt_hash = "abc";
  s.input_mode = "abstract";
  s.usage = {100, 20};
  return s;
}

class BatchStoreTest : public ::testing::Test {
 protected:
  testing::MemoryFileSystem fs_;
  BatchStore store_{fs_, "/w/state/batches.json", "/w/data"};
  std::vector<ArchiveRecord> today_{ranked("2602.00001", 1), ranked("2602.00002", 2)};

  std::vector<ArchiveRecord> archived(const std::string& date) {
    auto text = fs_.read("/w/data/" + date + ".jsonl");
    EXPECT_TRUE(text) << date;
    auto records = parse_archive(text ? *text : "", date);
    return records ? *records : std::vector<ArchiveRecord>{};
  }
};

TEST_F(BatchStoreTest, TheCurrentRunsRecordsStartAMissingArchiveFile) {
  auto stored = store_.store_summaries("2026-02-12", {{"2602.00002v1", summary("Two.")}}, &today_);
  ASSERT_OK(stored);
  EXPECT_EQ(*stored, 1u);
  const auto records = archived("2026-02-12");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_FALSE(records[0].summary);
  ASSERT_TRUE(records[1].summary);
  EXPECT_EQ(records[1].summary->text, "Two.");
  EXPECT_EQ(records[1].summary->usage.prompt_tokens, 100);
}

TEST_F(BatchStoreTest, AnExistingArchiveFileIsUpdatedNotReplaced) {
  std::vector<ArchiveRecord> earlier{ranked("2602.00009", 1)};
  ASSERT_OK(fs_.write_atomic("/w/data/2026-02-11.jsonl", write_archive(earlier)));
  auto stored = store_.store_summaries("2026-02-11", {{"2602.00009v1", summary("Nine.")}}, &today_);
  ASSERT_OK(stored);
  EXPECT_EQ(*stored, 1u);
  const auto records = archived("2026-02-11");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].summary->text, "Nine.");
}

TEST_F(BatchStoreTest, WithoutRecordsAMissingFileStoresNothing) {
  auto stored = store_.store_summaries("2026-02-12", {{"2602.00002v1", summary("Two.")}});
  ASSERT_OK(stored);
  EXPECT_EQ(*stored, 0u);
  EXPECT_FALSE(fs_.exists("/w/data/2026-02-12.jsonl"));
}

}  // namespace
}  // namespace arxiv_digest::app
