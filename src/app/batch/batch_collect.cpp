#include "app/batch/batch_collect.hpp"

#include <spdlog/spdlog.h>

#include "core/util/date.hpp"

namespace arxiv_digest::app {

Result<BatchOutcome> collect_batch(CollectContext& context, const PendingBatch& pending,
                                   const Batch& batch) {
  auto lines = context.client.results(batch);
  if (!lines) {
    return lines.error();
  }
  BatchOutcome outcome = judge_batch(pending, batch, *lines, iso8601_utc(context.clock.now()));
  if (pending.run != context.skip_run) {
    const bool current = !context.current_run.empty() && pending.run == context.current_run;
    auto stored = context.store.history().store_summaries(
        pending.run, outcome.summaries, current ? context.current_records : nullptr);
    if (!stored) {
      return stored.error();  // keep the batch pending rather than lose what it paid for
    }
    spdlog::info("batch {}: {} summaries stored in the {} archive", batch.id, *stored, pending.run);
  }
  if (!context.keep_files) {
    for (const auto& problem : context.client.delete_files(batch, pending.input_file_id)) {
      spdlog::warn("batch {}: {}", batch.id, problem);
    }
  }
  spdlog::info("batch {} ({}): {} summarized, {} failed", batch.id, to_string(batch.status),
               outcome.summaries.size(), outcome.failed.size());
  return outcome;
}

}  // namespace arxiv_digest::app
