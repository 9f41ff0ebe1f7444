#pragma once
// `state/batches.json`: the batches submitted and not yet collected. It is written atomically right
// after POST /batches and before any polling, so a run that stops (killed, timed out, `run
// --no-wait`) leaves enough behind for the next run to collect the same batch instead of paying for
// those papers again.
//
// {"version": 1, "batches": [{"id", "input_file_id", "custom_ids": [...], "prompt_hash",
//   "model", "format", "input_mode", "created_at", "run", "endpoint"}]}
//
// custom_ids are in input-file line order, so a validation error's `line` names its paper.

#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/config.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

struct PendingBatch {
  std::string id;
  std::string input_file_id;
  std::vector<std::string> custom_ids;  // versioned paper ids, line order
  std::string prompt_hash;
  std::string model;
  SummaryFormat format = SummaryFormat::markdown;  // how to read the answers
  SummaryInput input_mode = SummaryInput::abstract;
  std::string created_at;  // ISO 8601 UTC, when we submitted it
  std::string run;         // the digest date of the run that submitted it (its archive file)
  std::string endpoint;
  bool operator==(const PendingBatch&) const = default;
};

// Pretty JSON ending in '\n'.
std::string write_batch_state(const std::vector<PendingBatch>& batches);

// Tolerant: unknown members are ignored, optional ones may be missing (format and input_mode
// then keep their defaults), blank text is an empty list. A file we cannot use (not JSON, no
// `batches` list, an entry without id or custom_ids, a format or input_mode this version does
// not know) is malformed_input naming `source_name`, the entry and what is wrong, so the user can
// fix or delete it; never silently dropped, since dropping it would pay for those papers twice.
Result<std::vector<PendingBatch>> parse_batch_state(std::string_view text,
                                                    std::string_view source_name);

}  // namespace arxiv_digest
