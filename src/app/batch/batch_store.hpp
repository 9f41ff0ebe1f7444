#pragma once
// Where batch mode keeps what must survive the process: `state/batches.json` (pending batches)
// and the archive files (`data/DATE.jsonl`) that collected summaries land in, so a summary
// paid for once is found by the cache on every later run.

#include <map>
#include <string>
#include <vector>

#include "app/history/history_store.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/batch_state.hpp"
#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

class BatchStore {
 public:
  BatchStore(FileSystem& fs, std::string state_path, HistoryStore& history)
      : fs_(fs), state_path_(std::move(state_path)), history_(history) {}

  // The pending batches; a missing file is an empty list. A file we cannot read is an Error
  // naming it (see parse_batch_state): never treated as empty, which would pay twice.
  Result<std::vector<PendingBatch>> load();

  // Atomic (temp file + rename), so a run killed mid-write leaves the old list or the new one.
  Result<void> save(const std::vector<PendingBatch>& batches);

  // The archive, where collected summaries go (HistoryStore::store_summaries).
  HistoryStore& history() { return history_; }

  const std::string& state_path() const { return state_path_; }

 private:
  FileSystem& fs_;
  std::string state_path_;
  HistoryStore& history_;
};

}  // namespace arxiv_digest::app
