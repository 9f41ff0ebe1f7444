#pragma once
// The OpenAI Batch API codec (DESIGN "Summarizer", batch mode): the JSONL input file we
// upload, the batch objects and list pages the provider returns, and the output and error files
// we download. Text in, text out: the app moves the bytes.
//
// Shapes follow the real payloads in ../shared/data/openai/ (DashScope compatible mode and
// OpenAI): `errors` may be null or a list with `line` numbers, list pages may say `"data": null`,
// ids may be null, output line ids are UUIDs or `batch_req_...`. Unknown fields are ignored and
// a leading UTF-8 BOM is skipped.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/chat_codec.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

// The `url` of every input line and the batch's `endpoint`. It is relative to the API root, not
// to the base URL: DashScope's base is .../compatible-mode/v1 and its lines still say
// /v1/chat/completions (a captured batch failed with url_not_found on /v1/chat/completion).
inline constexpr std::string_view kBatchChatEndpoint = "/v1/chat/completions";

// The provider's limits on one input file. Tests shrink them to exercise the splits.
struct BatchLimits {
  std::size_t max_lines = 50000;
  std::size_t max_file_bytes = 200u * 1024u * 1024u;
  std::size_t max_line_bytes = 6u * 1024u * 1024u;  // '\n' not counted
};

// One request to put in a batch: custom_id is the paper's versioned id ("2602.10965v1").
struct BatchRequest {
  std::string custom_id;
  ChatRequest request;
  bool operator==(const BatchRequest&) const = default;
};

// One input line, compact JSON without the newline:
// {"custom_id":..,"method":"POST","url":"/v1/chat/completions","body":<write_chat_request>}.
std::string write_batch_line(const BatchRequest& request);

// One file to upload: lines in custom_ids order, each ending in '\n'.
struct BatchInputFile {
  std::string model;
  std::vector<std::string> custom_ids;  // line i (1-based) is custom_ids[i - 1]
  std::string jsonl;
  bool operator==(const BatchInputFile&) const = default;
};

// A request that cannot go into any batch: a repeated custom_id or a line over max_line_bytes.
// The paper fails alone; the others are still sent.
struct RejectedBatchRequest {
  std::string custom_id;
  std::string reason;
  bool operator==(const RejectedBatchRequest&) const = default;
};

struct BatchInputPlan {
  std::vector<BatchInputFile> files;
  std::vector<RejectedBatchRequest> rejected;
  bool operator==(const BatchInputPlan&) const = default;
};

// Groups requests by model (one model per file, models in first-seen order, requests in their
// given order) and starts a new file whenever the next line would pass max_lines or
// max_file_bytes.
BatchInputPlan plan_batch_inputs(const std::vector<BatchRequest>& requests,
                                 const BatchLimits& limits = {});

// POST /batches body: input_file_id, endpoint, completion_window and string metadata.
struct BatchCreateRequest {
  std::string input_file_id;
  std::string endpoint = std::string(kBatchChatEndpoint);
  std::string completion_window = "24h";
  std::map<std::string, std::string> metadata;
  bool operator==(const BatchCreateRequest&) const = default;
};
std::string write_batch_create(const BatchCreateRequest& request);

enum class BatchStatus {
  validating,
  failed,
  in_progress,
  finalizing,
  completed,
  expired,
  cancelling,
  cancelled,
  unknown,  // a status this version does not know: treated as still running
};
std::string_view to_string(BatchStatus status);
BatchStatus parse_batch_status(std::string_view text);
// completed, failed, expired and cancelled: nothing more will change.
bool is_terminal(BatchStatus status);

// One entry of a batch's `errors.data`: why validation failed, and on which input line.
struct BatchValidationError {
  std::string code;
  std::string message;
  std::string param;
  std::optional<long long> line;  // 1-based line of the input file
  bool operator==(const BatchValidationError&) const = default;
};

struct BatchRequestCounts {
  long long total = 0;
  long long completed = 0;
  long long failed = 0;
  bool operator==(const BatchRequestCounts&) const = default;
};

// A batch object (create, get, cancel and list entries). Null ids are "".
struct Batch {
  std::string id;
  BatchStatus status = BatchStatus::unknown;
  std::string status_text;  // as sent, for messages about unknown statuses
  std::string endpoint;
  std::string input_file_id;
  std::string output_file_id;
  std::string error_file_id;
  std::string completion_window;
  long long created_at = 0;  // Unix seconds
  BatchRequestCounts request_counts;
  std::vector<BatchValidationError> errors;
  std::map<std::string, std::string> metadata;  // string members only
  bool operator==(const Batch&) const = default;
};

// A batch object body. Errors (malformed_input) name `source_name`.
Result<Batch> parse_batch(std::string_view body, std::string_view source_name = "batch");

// GET /batches: `data` may be null (DashScope's empty page) or a list.
struct BatchPage {
  std::vector<Batch> data;
  bool has_more = false;
  std::string last_id;
  bool operator==(const BatchPage&) const = default;
};
Result<BatchPage> parse_batch_page(std::string_view body, std::string_view source_name = "batches");

// One line of an output or error file, judged:
// - ok: response.status_code 2xx, error null, body a chat completion (finish_reason "length" is
//   kept; the app flags it);
// - otherwise `problem` says why: "HTTP 400: ..." from the body's error envelope, the `error`
//   object ("batch_expired: This request could not be executed ..."), or a line that is not
//   JSON (a truncated last line) with the custom_id recovered from its text when it is there.
struct BatchResultLine {
  std::size_t line = 0;  // 1-based in its file
  std::string custom_id;
  int status_code = 0;  // 0 when there was no response
  std::optional<ChatCompletion> completion;
  std::string error_code;  // the error object's or the body's `code`, "" when none
  std::string problem;     // "" when completion is set
  bool operator==(const BatchResultLine&) const = default;
};

// Every non-blank line of an output or error file, in file order. A line whose custom_id cannot
// be found at all is still returned, with custom_id "" and the problem naming `source_name` and
// the line number.
std::vector<BatchResultLine> parse_batch_results(std::string_view jsonl,
                                                 std::string_view source_name);

}  // namespace arxiv_digest
