#include "arxiv_digest/chat_codec.hpp"

#include <nlohmann/json.hpp>

#include "core/util/json_support.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

using json = nlohmann::json;

std::optional<json> parse_or_null(std::string_view text) {
  json doc = parse_json_or_discarded(text);
  if (doc.is_discarded()) {
    return std::nullopt;
  }
  return doc;
}

// OpenAI names (prompt/completion_tokens) or DashScope native ones (input/output_tokens). A
// count that is not an integer 0–kMaxTokenCount is a JsonShapeError: summed into the run's
// totals it would break the token budget.
Usage usage_of(const json& doc) {
  Usage usage;
  const auto it = doc.find("usage");
  if (it == doc.end() || !it->is_object()) {
    return usage;
  }
  const auto count = [&](const char* key) {
    return optional_integer_member(*it, key, 0LL, kMaxTokenCount).value_or(0);
  };
  usage.prompt_tokens = add_tokens(count("prompt_tokens"), count("input_tokens"));
  usage.completion_tokens = add_tokens(count("completion_tokens"), count("output_tokens"));
  return usage;
}

std::optional<ProviderError> error_of(const json& doc) {
  if (!doc.is_object()) {
    return std::nullopt;
  }
  if (const auto it = doc.find("error"); it != doc.end() && it->is_object()) {
    return ProviderError{member_text(*it, "message"), member_text(*it, "type"),
                         member_text(*it, "param"), member_text(*it, "code"),
                         member_text(doc, "request_id")};
  }
  // DashScope native: top-level code + message, and no completion alongside.
  if (doc.contains("code") && doc.contains("message") && !doc.contains("choices") &&
      !doc.contains("output")) {
    const std::string code = member_text(doc, "code");
    if (!code.empty()) {
      return ProviderError{member_text(doc, "message"), "", "", code,
                           member_text(doc, "request_id")};
    }
  }
  return std::nullopt;
}

std::string describe(const ProviderError& error) {
  std::string out = error.message.empty() ? std::string("no message") : error.message;
  const std::string& kind = !error.code.empty() ? error.code : error.type;
  if (!kind.empty()) {
    out += " (" + kind + ")";
  }
  return out;
}

Error error_for(int http_status, const ProviderError& error) {
  const std::string prefix =
      http_status > 0 ? "HTTP " + std::to_string(http_status) + ": " : std::string();
  return Error{is_quota_error(error) ? ErrorCode::quota : ErrorCode::http_status,
               prefix + describe(error)};
}

Result<ChatCompletion> completion_of(const json& doc, std::string_view body) {
  const auto choices = doc.find("choices");
  if (choices == doc.end() || !choices->is_array() || choices->empty() ||
      !(*choices)[0].is_object()) {
    return Error{ErrorCode::malformed_input, "chat completion has no choices: " + quote_body(body)};
  }
  const json& choice = (*choices)[0];
  ChatCompletion completion;
  completion.id = member_text(doc, "id");
  completion.model = member_text(doc, "model");
  if (const auto message = choice.find("message"); message != choice.end()) {
    completion.content = member_text(*message, "content");
  }
  completion.finish_reason = member_text(choice, "finish_reason");
  try {
    completion.usage = usage_of(doc);
  } catch (const JsonShapeError& e) {
    return Error{ErrorCode::malformed_input, std::string("chat completion usage ") + e.what()};
  }
  return completion;
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// provider_failure over an already parsed body (nullopt when it is not JSON).
std::optional<Error> failure_of(int http_status, const std::optional<json>& doc,
                                std::string_view body) {
  if (doc) {
    if (auto error = error_of(*doc)) {
      return error_for(http_status, *error);
    }
  }
  if (http_status >= 200 && http_status < 300) {
    return std::nullopt;
  }
  return Error{ErrorCode::http_status,
               "HTTP " + std::to_string(http_status) + ": " + quote_body(body)};
}

}  // namespace

std::string write_chat_request(const ChatRequest& request) {
  json messages = json::array();
  for (const auto& message : request.messages) {
    messages.push_back(json{{"role", message.role}, {"content", message.content}});
  }
  json doc{{"model", request.model},
           {"messages", std::move(messages)},
           {"temperature", request.temperature}};
  if (request.max_tokens) {
    doc["max_tokens"] = *request.max_tokens;
  }
  if (request.json_object) {
    doc["response_format"] = json{{"type", "json_object"}};
  }
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<ProviderError> parse_provider_error(std::string_view body) {
  const auto doc = parse_or_null(body);
  return doc ? error_of(*doc) : std::nullopt;
}

bool is_quota_error(const ProviderError& error) {
  return error.code == "insufficient_quota" || error.type == "insufficient_quota" ||
         error.code == "Arrearage";
}

std::optional<Error> provider_failure(int http_status, std::string_view body) {
  return failure_of(http_status, parse_or_null(body), body);
}

Result<ChatCompletion> parse_chat_response(int http_status, std::string_view body) {
  const auto doc = parse_or_null(body);
  if (auto failure = failure_of(http_status, doc, body)) {
    return *failure;
  }
  if (!doc) {
    return Error{ErrorCode::malformed_input, "response is not JSON: " + quote_body(body)};
  }
  if (!doc->is_object()) {
    return Error{ErrorCode::malformed_input,
                 "chat completion is not a JSON object: " + quote_body(body)};
  }
  return completion_of(*doc, body);
}

Result<ChatCompletion> parse_chat_completion(std::string_view body) {
  return parse_chat_response(200, body);
}

std::string quote_body(std::string_view body, std::size_t max_bytes) {
  const bool cut = body.size() > max_bytes;
  std::size_t size = cut ? max_bytes : body.size();
  if (cut) {
    // Back up to the start of the sequence that straddles the cut, then drop it.
    while (size > 0 && is_continuation(static_cast<unsigned char>(body[size]))) {
      --size;
    }
  }
  std::string out(body.substr(0, size));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      c = ' ';
    }
  }
  if (out.empty() && !cut) {
    return "(empty body)";
  }
  return "\"" + out + (cut ? "...\"" : "\"");
}

Result<SummaryFields> parse_summary_fields(std::string_view content) {
  std::string_view text = trim(content);
  if (text.substr(0, 3) == "```") {
    const auto first_line_end = text.find('\n');
    const auto closing = text.rfind("```");
    if (first_line_end != std::string_view::npos && closing > first_line_end) {
      text = trim(text.substr(first_line_end + 1, closing - first_line_end - 1));
    }
  }
  const auto doc = parse_or_null(text);
  if (!doc) {
    return Error{ErrorCode::malformed_input,
                 "the answer is not valid JSON: " + quote_body(text, 120)};
  }
  if (!doc->is_object()) {
    return Error{ErrorCode::malformed_input,
                 "the answer must be a JSON object with keys tldr, motivation, method, result, "
                 "conclusion"};
  }
  SummaryFields fields;
  std::string problems;
  const std::pair<const char*, std::string*> members[] = {{"tldr", &fields.tldr},
                                                          {"motivation", &fields.motivation},
                                                          {"method", &fields.method},
                                                          {"result", &fields.result},
                                                          {"conclusion", &fields.conclusion}};
  for (const auto& [key, target] : members) {
    const auto it = doc->find(key);
    std::string problem;
    if (it == doc->end()) {
      problem = std::string("\"") + key + "\" is missing";
    } else if (!it->is_string()) {
      problem = std::string("\"") + key + "\" must be a string";
    } else if (trim(it->get_ref<const std::string&>()).empty()) {
      problem = std::string("\"") + key + "\" is empty";
    } else {
      *target = std::string(trim(it->get_ref<const std::string&>()));
    }
    if (!problem.empty()) {
      problems += (problems.empty() ? "" : "; ") + problem;
    }
  }
  if (!problems.empty()) {
    return Error{ErrorCode::malformed_input, "the answer's JSON is incomplete: " + problems};
  }
  return fields;
}

std::string fields_markdown(const SummaryFields& fields) {
  return "**TL;DR**: " + fields.tldr + "\n\n**Motivation**: " + fields.motivation +
         "\n\n**Method**: " + fields.method + "\n\n**Result**: " + fields.result +
         "\n\n**Conclusion**: " + fields.conclusion;
}

}  // namespace arxiv_digest
