#pragma once
// Where batch mode keeps what must survive the process: `state/batches.json` (pending batches)
// and the archive files (`data/DATE.jsonl`) that collected summaries land in, so a summary
// paid for once is found by the cache on every later run.

#include <map>
#include <string>
#include <vector>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/batch_state.hpp"
#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

class BatchStore {
 public:
  BatchStore(FileSystem& fs, std::string state_path, std::string archive_dir)
      : fs_(fs), state_path_(std::move(state_path)), archive_dir_(std::move(archive_dir)) {}

  // The pending batches; a missing file is an empty list. A file we cannot read is an Error
  // naming it (see parse_batch_state): never treated as empty, which would pay twice.
  Result<std::vector<PendingBatch>> load();

  // Atomic (temp file + rename), so a run killed mid-write leaves the old list or the new one.
  Result<void> save(const std::vector<PendingBatch>& batches);

  // Puts `summaries` (by versioned id) on the records of `run`'s archive file. Returns how many
  // records got one. When that file does not exist yet, `first_records` (the records the
  // current run is about to archive, when `run` is the current run) start it, so a summary paid
  // for is on disk before its batch leaves the state file, even if the process dies before the
  // digest is written; without them nothing is stored.
  Result<std::size_t> store_summaries(const std::string& run,
                                      const std::map<std::string, Summary>& summaries,
                                      const std::vector<ArchiveRecord>* first_records = nullptr);

  const std::string& state_path() const { return state_path_; }

 private:
  FileSystem& fs_;
  std::string state_path_;
  std::string archive_dir_;
};

}  // namespace arxiv_digest::app
