#include "app/batch/batch_store.hpp"

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

}  // namespace arxiv_digest::app
