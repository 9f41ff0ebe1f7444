// judge_batch: every custom_id of a finished batch ends summarized or failed with a reason,
// over real output and error lines from ../shared/data/openai/.

#include "arxiv_digest/batch_outcome.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using testing::read_file;

PendingBatch pending(std::vector<std::string> ids, SummaryFormat format = SummaryFormat::markdown) {
  PendingBatch batch;
  batch.id = "batch_1";
  batch.custom_ids = std::move(ids);
  batch.prompt_hash = "hash";
  batch.model = "qwen-long";
  batch.format = format;
  batch.input_mode = SummaryInput::abstract;
  batch.run = "2026-02-12";
  return batch;
}

Batch finished(BatchStatus status) {
  Batch batch;
  batch.id = "batch_1";
  batch.status = status;
  batch.status_text = std::string(to_string(status));
  return batch;
}

TEST(BatchOutcome, RecordedOutputLinesBecomeSummariesWithTheRunsCacheKey) {
  const auto path = SHARED_DATA_OR_SKIP("openai/openai_batch_output_ok.jsonl");
  const auto lines = parse_batch_results(read_file(path), "output");
  const auto outcome = judge_batch(pending({"request-1", "request-2"}),
                                   finished(BatchStatus::completed), lines, "2026-02-13T00:00:00Z");
  ASSERT_EQ(outcome.summaries.size(), 2u);
  EXPECT_TRUE(outcome.failed.empty());
  const Summary& first = outcome.summaries.at("request-1");
  EXPECT_EQ(first.text, "Hello! How can I assist you today?");
  EXPECT_EQ(first.model, "qwen-long");  // the key we asked with, not the provider's snapshot name
  EXPECT_EQ(first.prompt_hash, "hash");
  EXPECT_EQ(first.input_mode, "abstract");
  EXPECT_EQ(first.created_at, "2026-02-13T00:00:00Z");
  EXPECT_EQ(first.usage, (Usage{20, 10}));
  EXPECT_EQ(outcome.usage, (Usage{42, 20}));
  ASSERT_EQ(outcome.notes.size(), 1u);  // request-2 stopped at max_tokens
  EXPECT_EQ(outcome.notes[0],
            "request-2: finish_reason length: the answer hit the token limit and may be cut");
}

TEST(BatchOutcome, ExpiredAndMissingLinesFailWithReasons) {
  const auto path = SHARED_DATA_OR_SKIP("openai/openai_doc_batch_error_expired.jsonl");
  const auto lines = parse_batch_results(read_file(path), "errors");
  const auto outcome = judge_batch(pending({"request-3", "request-5", "request-7"}),
                                   finished(BatchStatus::expired), lines, "t");
  EXPECT_TRUE(outcome.summaries.empty());
  ASSERT_EQ(outcome.failed.size(), 3u);
  EXPECT_EQ(outcome.failed[0],
            (UnsummarizedPaper{"request-3",
                               "batch batch_1: batch_expired: This request could not be executed "
                               "before the completion window expired."}));
  EXPECT_EQ(outcome.failed[1],
            (UnsummarizedPaper{"request-5", "batch batch_1 expired before this request ran"}));
  EXPECT_EQ(outcome.failed[2].id, "request-7");
}

TEST(BatchOutcome, ValidationErrorsAreReportedPerLine) {
  const auto path =
      SHARED_DATA_OR_SKIP("openai/more/dashscope_batch_list_failed_mismatched_test_url.json");
  auto page = parse_batch_page(read_file(path));
  ASSERT_TRUE(page);
  Batch batch = page->data[0];
  batch.id = "batch_1";
  batch.errors.pop_back();  // only line 1 is named now
  const auto outcome = judge_batch(pending({"2602.1v1", "2602.2v1"}), batch, {}, "t");
  ASSERT_EQ(outcome.failed.size(), 2u);
  EXPECT_EQ(outcome.failed[0].reason,
            "batch batch_1 failed validation on line 1: mismatched_test_url: The provided URL "
            "'/v1/chat/completions' does not match the test model 'batch-test-model'.");
  EXPECT_EQ(
      outcome.failed[1].reason.rfind("batch batch_1 failed validation (mismatched_test_url: ", 0),
      0u);
}

TEST(BatchOutcome, CancelledBatchKeepsItsPartialOutput) {
  const auto path = SHARED_DATA_OR_SKIP("openai/more/openai_doc_batch_output_unordered.jsonl");
  const auto lines = parse_batch_results(read_file(path), "output");
  const auto outcome = judge_batch(pending({"request-1", "request-2", "request-3"}),
                                   finished(BatchStatus::cancelled), lines, "t");
  EXPECT_EQ(outcome.summaries.size(), 2u);
  ASSERT_EQ(outcome.failed.size(), 1u);
  EXPECT_EQ(outcome.failed[0].reason, "batch batch_1 was cancelled before this request ran");
}

TEST(BatchOutcome, FieldsFormatParsedOrKeptAsTextAndStrayLinesNoted) {
  const std::string good =
      R"({"custom_id":"a","response":{"status_code":200,"body":{"choices":[{"message":{"content":)"
      R"("{\"tldr\":\"T\",\"motivation\":\"M\",\"method\":\"Me\",\"result\":\"R\",)"
      R"(\"conclusion\":\"C\"}"},"finish_reason":"stop"}]}},"error":null})";
  const std::string prose =
      R"({"custom_id":"b","response":{"status_code":200,"body":{"choices":[{"message":{"content":)"
      R"("just prose  "},"finish_reason":"stop"}]}},"error":null})";
  const std::string empty =
      R"({"custom_id":"c","response":{"status_code":200,"body":{"choices":[{"message":{"content":)"
      R"(""},"finish_reason":"content_filter"}]}},"error":null})";
  const std::string stray = R"({"custom_id":"zzz","response":null,"error":{"code":"x"}})";
  const auto lines = parse_batch_results(good + "\n" + prose + "\n" + empty + "\n" + stray, "o");
  const auto outcome = judge_batch(pending({"a", "b", "c"}, SummaryFormat::fields),
                                   finished(BatchStatus::completed), lines, "t");
  ASSERT_EQ(outcome.summaries.size(), 2u);
  ASSERT_TRUE(outcome.summaries.at("a").fields);
  EXPECT_EQ(outcome.summaries.at("a").fields->tldr, "T");
  EXPECT_FALSE(outcome.summaries.at("b").fields);
  EXPECT_EQ(outcome.summaries.at("b").text, "just prose");
  ASSERT_EQ(outcome.failed.size(), 1u);
  EXPECT_EQ(outcome.failed[0].reason,
            "batch batch_1: the model returned an empty answer (finish_reason content_filter)");
  ASSERT_EQ(outcome.notes.size(), 2u);
  EXPECT_EQ(outcome.notes[0].rfind("b: the fields answer was not valid JSON; kept as text", 0), 0u);
  EXPECT_EQ(outcome.notes[1], "batch batch_1: ignored a line for no paper of ours (zzz)");
}

TEST(BatchOutcome, CompletedBatchWithoutALineForAPaper) {
  const auto outcome = judge_batch(pending({"a"}), finished(BatchStatus::completed), {}, "t");
  ASSERT_EQ(outcome.failed.size(), 1u);
  EXPECT_EQ(outcome.failed[0].reason, "no line for it in batch batch_1's output or error file");
}

}  // namespace
}  // namespace arxiv_digest
