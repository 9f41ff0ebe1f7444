#pragma once
// Collecting one finished batch, shared by `run` and
// `arxiv-digest batch collect`: download its output and error files, judge every line against
// the custom_ids we sent, store the summaries in the archive file of the run that submitted it,
// and delete its files at the provider unless ai_summary.keep_files.

#include <string>

#include "app/batch/batch_client.hpp"
#include "app/batch/batch_store.hpp"
#include "arxiv_digest/batch_outcome.hpp"

namespace arxiv_digest::app {

struct CollectContext {
  BatchClient& client;
  BatchStore& store;
  Clock& clock;
  bool keep_files = false;
  // A run whose archive file is not rewritten here ("" = none). `run` passes "": its own
  // archive file may not be rewritten later (a run with nothing new keeps the old digest), so
  // collected summaries are stored at once and also put on the records in memory.
  std::string skip_run;
  // The current run's date and the records it will archive: they start that archive file when
  // it does not exist yet (see BatchStore::store_summaries).
  std::string current_run;
  const std::vector<ArchiveRecord>* current_records = nullptr;
};

// `batch` must be terminal. An Error (a download failed) means nothing was decided: the batch
// stays pending and is collected again later. The caller removes a collected batch from the
// state and saves it.
Result<BatchOutcome> collect_batch(CollectContext& context, const PendingBatch& pending,
                                   const Batch& batch);

}  // namespace arxiv_digest::app
