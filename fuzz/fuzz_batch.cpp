// A batch's output or error file line by line, the batch object and list the Batch API answers,
// and how a finished batch is judged from them.

#include <algorithm>

#include "arxiv_digest/batch_codec.hpp"
#include "arxiv_digest/batch_outcome.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = arxiv_digest::fuzz::as_text(data, size);
  const auto lines = arxiv_digest::parse_batch_results(text, "output.jsonl");
  arxiv_digest::PendingBatch pending;
  pending.id = "batch_fuzz";
  std::size_t previous_line = 0;
  for (const auto& line : lines) {
    FUZZ_CHECK(line.line > previous_line);
    previous_line = line.line;
    FUZZ_CHECK(line.completion.has_value() == line.problem.empty());
    if (line.completion) {
      FUZZ_CHECK(line.completion->usage.prompt_tokens >= 0);
      FUZZ_CHECK(line.completion->usage.completion_tokens >= 0);
    }
    if (!line.custom_id.empty()) {
      pending.custom_ids.push_back(line.custom_id);
    }
  }
  pending.custom_ids.push_back("2602.00001v1");  // one the file does not answer
  for (const auto format :
       {arxiv_digest::SummaryFormat::markdown, arxiv_digest::SummaryFormat::fields}) {
    pending.format = format;
    arxiv_digest::Batch batch;
    batch.id = pending.id;
    batch.status = arxiv_digest::BatchStatus::completed;
    const auto outcome = arxiv_digest::judge_batch(pending, batch, lines, "2026-02-12T06:00:00Z");
    // Every paper asked for is summarized or failed, never both and never lost.
    for (const auto& failed : outcome.failed) {
      FUZZ_CHECK(outcome.summaries.count(failed.id) == 0);
    }
    for (const auto& id : pending.custom_ids) {
      const bool failed = std::any_of(outcome.failed.begin(), outcome.failed.end(),
                                      [&](const auto& paper) { return paper.id == id; });
      FUZZ_CHECK(failed || outcome.summaries.count(id) == 1);
    }
    FUZZ_CHECK(outcome.usage.prompt_tokens >= 0 && outcome.usage.completion_tokens >= 0);
  }
  if (auto batch = arxiv_digest::parse_batch(text)) {
    (void)arxiv_digest::is_terminal(batch->status);
    FUZZ_CHECK(arxiv_digest::parse_batch_status(arxiv_digest::to_string(batch->status)) ==
               batch->status);
  }
  (void)arxiv_digest::parse_batch_page(text);
  return 0;
}
