// BatchStore: state/batches.json, the pending batches that must survive the process.
#include "app/batch/batch_store.hpp"

#include <gmock/gmock.h>

#include "app/app_fixture.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using ::testing::HasSubstr;

class BatchStoreTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    history_store_ = open_history_store();
    ASSERT_TRUE(history_store_);
  }
  BatchStore store() { return BatchStore(fs_, path("state/batches.json"), *history_store_); }
  std::optional<HistoryStore> history_store_;
};

TEST_F(BatchStoreTest, AMissingStateFileIsNoPendingBatch) {
  const auto loaded = store().load();
  ASSERT_OK(loaded);
  EXPECT_TRUE(loaded->empty());
}

TEST_F(BatchStoreTest, SavedBatchesLoadBack) {
  PendingBatch pending;
  pending.id = "batch_1";
  pending.input_file_id = "file_1";
  pending.custom_ids = {"2602.00001v1"};
  pending.run = "2026-02-12";
  ASSERT_OK(store().save({pending}));
  const auto loaded = store().load();
  ASSERT_OK(loaded);
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0].id, "batch_1");
  EXPECT_EQ((*loaded)[0].custom_ids, pending.custom_ids);
}

TEST_F(BatchStoreTest, AnUnreadableStateFileIsAnErrorNamingIt) {
  fs_.add_file(path("state/batches.json"), "{not json");
  const auto loaded = store().load();
  ASSERT_FALSE(loaded.has_value());
  EXPECT_THAT(loaded.error().message, HasSubstr(path("state/batches.json")));
}

}  // namespace
}  // namespace arxiv_digest::app
