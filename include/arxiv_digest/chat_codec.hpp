#pragma once
// The OpenAI-compatible `/chat/completions` codec (DESIGN "Summarizer"): request JSON out, a
// typed completion or Error in. Text in, text out: the app sends and receives the bytes.
//
// Error bodies come in two shapes and both are read: OpenAI and compatible mode
// `{"error":{"message","type","param","code"}}`, and DashScope's native API
// `{"code","message","request_id"}`. Unknown fields are ignored everywhere, and a leading UTF-8
// BOM is skipped.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

struct ChatMessage {
  std::string role;  // system | user | assistant
  std::string content;
  bool operator==(const ChatMessage&) const = default;
};

struct ChatRequest {
  std::string model;
  std::vector<ChatMessage> messages;
  double temperature = 0.3;
  std::optional<int> max_tokens;  // omitted when unset
  bool json_object = false;       // response_format {"type":"json_object"}
  bool operator==(const ChatRequest&) const = default;
};

// Compact JSON for POST /chat/completions.
std::string write_chat_request(const ChatRequest& request);

struct ChatCompletion {
  std::string id;
  std::string model;
  std::string content;        // choices[0].message.content ("" when null)
  std::string finish_reason;  // stop | length | content_filter | ... ("" when null)
  Usage usage;
  bool operator==(const ChatCompletion&) const = default;
};

// A provider's error body, in either shape. Missing members are "".
struct ProviderError {
  std::string message;
  std::string type;  // OpenAI only
  std::string param;
  std::string code;  // OpenAI `code` (string or number) or DashScope `code`
  std::string request_id;
  bool operator==(const ProviderError&) const = default;
};

// The error envelope in `body`, or nullopt when the body is not JSON or holds no error object.
std::optional<ProviderError> parse_provider_error(std::string_view body);

// Why an answer of any provider endpoint is not a success, or nullopt when it is one (2xx
// without an error envelope). A quota error body is ErrorCode::quota; other failures are
// ErrorCode::http_status, "HTTP 404: <provider message> (<code>)", or a quote of the body when it
// holds no error envelope.
std::optional<Error> provider_failure(int http_status, std::string_view body);

// True when the provider says the account is out of money (OpenAI `insufficient_quota`,
// DashScope `Arrearage`): retrying cannot help.
bool is_quota_error(const ProviderError& error);

// A whole HTTP answer of /chat/completions as a completion or a typed Error:
// - 2xx with a completion: the completion (an error envelope in a 2xx body is an error too);
// - any status with a quota error body: ErrorCode::quota;
// - other statuses: ErrorCode::http_status, "HTTP 404: <provider message> (<code>)", or a quote
//   of the body when it is not an error envelope;
// - a 2xx body that is not JSON or has no choices: ErrorCode::malformed_input quoting at most
//   200 bytes of it.
Result<ChatCompletion> parse_chat_response(int http_status, std::string_view body);

// A 2xx completion body alone (same rules as parse_chat_response with status 200).
Result<ChatCompletion> parse_chat_completion(std::string_view body);

// At most `max_bytes` of `body` for an error message, cut before an incomplete UTF-8 sequence,
// control characters shown as spaces, "..." appended when cut.
std::string quote_body(std::string_view body, std::size_t max_bytes = 200);

// The `fields` format: a JSON object with non-empty string members tldr, motivation, method,
// result and conclusion (others ignored), optionally inside a ```json fence. The Error
// (malformed_input) says what is wrong, to be sent back to the model on the one re-ask.
Result<SummaryFields> parse_summary_fields(std::string_view content);

// Markdown text of fields, for the README's summary block.
std::string fields_markdown(const SummaryFields& fields);

}  // namespace arxiv_digest
