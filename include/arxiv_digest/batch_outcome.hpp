#pragma once
// What a finished batch means for each paper it covered: the
// output and error lines matched to the batch's custom_ids (they come back in any order), turned
// into summaries or into reasons. Every custom_id of the batch ends in exactly one of the two.

#include <map>
#include <string>
#include <vector>

#include "arxiv_digest/batch_codec.hpp"
#include "arxiv_digest/batch_state.hpp"
#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/run_status.hpp"

namespace arxiv_digest {

struct BatchOutcome {
  std::map<std::string, Summary> summaries;  // custom_id → summary, with the line's usage
  std::vector<UnsummarizedPaper> failed;     // custom_ids order; reasons name the batch
  std::vector<std::string> notes;            // "2602.1v1: ..." (cut answers, stray lines)
  Usage usage;                               // summed over the summaries
  bool operator==(const BatchOutcome&) const = default;
};

// `batch` must be terminal; `lines` are its output and error file lines. Summaries carry the
// pending batch's model, prompt hash and input mode (the cache key of the run that paid for
// them) and `created_at`. Rules:
// - a line with a completion is a summary (format fields: parsed, else kept as text with a
//   note); finish_reason length is kept with a note; an empty answer is a failure;
// - a line with status_code >= 400 or an error object (batch_expired) is a failure;
// - a custom_id without a usable line fails with the batch's reason: validation errors (per
//   line when `line` names it), cancelled, expired, or missing from the files.
BatchOutcome judge_batch(const PendingBatch& pending, const Batch& batch,
                         const std::vector<BatchResultLine>& lines, const std::string& created_at);

}  // namespace arxiv_digest
