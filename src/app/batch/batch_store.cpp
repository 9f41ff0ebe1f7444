#include "app/batch/batch_store.hpp"

#include "arxiv_digest/archive.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {

Result<std::vector<PendingBatch>> BatchStore::load() {
  if (!fs_.exists(state_path_)) {
    return std::vector<PendingBatch>{};
  }
  auto text = fs_.read(state_path_);
  if (!text) {
    return text.error();
  }
  return parse_batch_state(*text, state_path_);
}

Result<void> BatchStore::save(const std::vector<PendingBatch>& batches) {
  return fs_.write_atomic(state_path_, write_batch_state(batches));
}

Result<std::size_t> BatchStore::store_summaries(const std::string& run,
                                                const std::map<std::string, Summary>& summaries,
                                                const std::vector<ArchiveRecord>* first_records) {
  const std::string path = archive_dir_ + "/" + run + ".jsonl";
  const bool exists = fs_.exists(path);
  if (summaries.empty() || !is_iso_date(run) || (!exists && first_records == nullptr)) {
    return std::size_t{0};
  }
  Result<std::vector<ArchiveRecord>> records = std::vector<ArchiveRecord>{};
  if (exists) {
    auto text = fs_.read(path);
    if (!text) {
      return text.error();
    }
    records = parse_archive(*text, path);
    if (!records) {
      return records.error();
    }
  } else {
    records = *first_records;
  }
  std::size_t stored = 0;
  for (auto& record : *records) {
    const auto it = summaries.find(versioned_id(record.paper));
    if (it != summaries.end()) {
      record.summary = it->second;
      ++stored;
    }
  }
  if (stored == 0) {
    return stored;
  }
  if (auto written = fs_.write_atomic(path, write_archive(*records)); !written) {
    return written.error();
  }
  return stored;
}

}  // namespace arxiv_digest::app
