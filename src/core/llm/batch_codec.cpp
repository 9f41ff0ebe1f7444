#include "arxiv_digest/batch_codec.hpp"

#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "core/util/json_support.hpp"

namespace arxiv_digest {
namespace {

using json = nlohmann::json;

std::string human_size(std::size_t bytes) {
  if (bytes >= 1024u * 1024u) {
    return std::to_string(bytes / (1024u * 1024u)) + " MB";
  }
  return std::to_string(bytes) + " bytes";
}

// One model's requests, cut into files by the line and byte limits.
void plan_model(const std::string& model, const std::vector<const BatchRequest*>& requests,
                const BatchLimits& limits, BatchInputPlan& plan) {
  BatchInputFile file;
  file.model = model;
  for (const BatchRequest* request : requests) {
    std::string line = write_batch_line(*request);
    if (line.size() > limits.max_line_bytes) {
      plan.rejected.push_back({request->custom_id, "its batch line is " + human_size(line.size()) +
                                                       ", over the provider's limit of " +
                                                       human_size(limits.max_line_bytes)});
      continue;
    }
    line += '\n';
    const bool full = file.custom_ids.size() + 1 > limits.max_lines ||
                      file.jsonl.size() + line.size() > limits.max_file_bytes;
    if (full && !file.custom_ids.empty()) {
      plan.files.push_back(std::move(file));
      file = BatchInputFile{model, {}, {}};
    }
    file.custom_ids.push_back(request->custom_id);
    file.jsonl += line;
  }
  if (!file.custom_ids.empty()) {
    plan.files.push_back(std::move(file));
  }
}

// A count or time of a batch object: missing or null is 0, a number that is not a non-negative
// integer a JsonShapeError.
long long batch_number(const json& object, const char* key) {
  return optional_integer_member(object, key, 0LL, std::numeric_limits<long long>::max())
      .value_or(0);
}

Batch batch_from(const json& doc) {
  const std::string status = member_text(doc, "status");
  Batch batch{.id = member_text(doc, "id"),
              .status = parse_batch_status(status),
              .status_text = status,
              .endpoint = member_text(doc, "endpoint"),
              .input_file_id = member_text(doc, "input_file_id"),
              .output_file_id = member_text(doc, "output_file_id"),
              .error_file_id = member_text(doc, "error_file_id"),
              .completion_window = member_text(doc, "completion_window"),
              .created_at = batch_number(doc, "created_at"),
              .request_counts = {},
              .errors = {},
              .metadata = {}};
  if (const auto counts = doc.find("request_counts"); counts != doc.end() && counts->is_object()) {
    batch.request_counts = {batch_number(*counts, "total"), batch_number(*counts, "completed"),
                            batch_number(*counts, "failed")};
  }
  if (const auto errors = doc.find("errors"); errors != doc.end() && errors->is_object()) {
    const auto data = errors->find("data");
    if (data != errors->end() && data->is_array()) {
      for (const auto& entry : *data) {
        batch.errors.push_back(BatchValidationError{
            member_text(entry, "code"), member_text(entry, "message"), member_text(entry, "param"),
            optional_integer_member(entry, "line", 1LL, std::numeric_limits<long long>::max())});
      }
    }
  }
  if (const auto metadata = doc.find("metadata"); metadata != doc.end() && metadata->is_object()) {
    for (const auto& [key, value] : metadata->items()) {
      if (value.is_string()) {
        batch.metadata[key] = value.get<std::string>();
      }
    }
  }
  return batch;
}

Result<Batch> checked_batch(const json& doc, std::string_view source_name) {
  if (!doc.is_object() || member_text(doc, "id").empty() || member_text(doc, "status").empty()) {
    return Error{ErrorCode::malformed_input,
                 std::string(source_name) + ": not a batch object (no id or status)"};
  }
  return batch_from(doc);
}

// The custom_id in a line that is not JSON (cut mid-line): the first "custom_id":"..." in it.
std::string salvage_custom_id(std::string_view line) {
  constexpr std::string_view kKey = "\"custom_id\"";
  const auto key = line.find(kKey);
  if (key == std::string_view::npos) {
    return "";
  }
  auto at = line.find_first_not_of(" \t", key + kKey.size());
  if (at == std::string_view::npos || line[at] != ':') {
    return "";
  }
  at = line.find_first_not_of(" \t", at + 1);
  if (at == std::string_view::npos || line[at] != '"') {
    return "";
  }
  const auto end = line.find('"', at + 1);
  if (end == std::string_view::npos) {
    return "";
  }
  const std::string_view id = line.substr(at + 1, end - at - 1);
  return id.find('\\') == std::string_view::npos ? std::string(id) : "";
}

void judge_response(const json& response, BatchResultLine& result) {
  result.status_code = optional_integer_member(response, "status_code", 0, 999).value_or(0);
  const auto body = response.find("body");
  if (body == response.end() || body->is_null()) {
    result.problem = "HTTP " + std::to_string(result.status_code) + " with no body";
    return;
  }
  auto parsed = parse_chat_response(result.status_code,
                                    body->is_string() ? body->get<std::string>() : body->dump());
  if (parsed) {
    result.completion = std::move(parsed.value());
    return;
  }
  result.problem = parsed.error().message;
  if (auto provider = parse_provider_error(body->dump())) {
    result.error_code = provider->code;
  }
}

BatchResultLine judge_line(std::string_view text, std::size_t number,
                           std::string_view source_name) {
  BatchResultLine result;
  result.line = number;
  const json doc = parse_json_or_discarded(text);
  const std::string where = std::string(source_name) + ": line " + std::to_string(number);
  if (doc.is_discarded() || !doc.is_object()) {
    result.custom_id = salvage_custom_id(text);
    result.problem = where + ": not a complete JSON line (" + quote_body(text, 60) + ")";
    return result;
  }
  result.custom_id = member_text(doc, "custom_id");
  if (result.custom_id.empty()) {
    result.problem = where + ": no custom_id";
  }
  if (const auto error = doc.find("error"); error != doc.end() && !error->is_null()) {
    result.error_code = member_text(*error, "code");
    const std::string message = error->is_object() ? member_text(*error, "message") : error->dump();
    result.problem = result.error_code.empty() ? message : result.error_code + ": " + message;
    return result;
  }
  const auto response = doc.find("response");
  if (response == doc.end() || !response->is_object()) {
    result.problem = where + ": neither a response nor an error";
    return result;
  }
  if (result.custom_id.empty()) {
    return result;
  }
  try {
    judge_response(*response, result);
  } catch (const JsonShapeError& e) {
    result.problem = where + ": response " + e.what();
  }
  return result;
}

}  // namespace

std::string write_batch_line(const BatchRequest& request) {
  json line = {{"custom_id", request.custom_id},
               {"method", "POST"},
               {"url", std::string(kBatchChatEndpoint)},
               {"body", json::parse(write_chat_request(request.request))}};
  return line.dump(-1, ' ', false, json::error_handler_t::replace);
}

BatchInputPlan plan_batch_inputs(const std::vector<BatchRequest>& requests,
                                 const BatchLimits& limits) {
  BatchInputPlan plan;
  std::vector<std::string> models;
  std::map<std::string, std::vector<const BatchRequest*>> by_model;
  std::set<std::string> seen;
  for (const BatchRequest& request : requests) {
    if (!seen.insert(request.custom_id).second) {
      plan.rejected.push_back(
          {request.custom_id, "custom_id " + request.custom_id + " is already in this batch"});
      continue;
    }
    auto& group = by_model[request.request.model];
    if (group.empty()) {
      models.push_back(request.request.model);
    }
    group.push_back(&request);
  }
  for (const auto& model : models) {
    plan_model(model, by_model[model], limits, plan);
  }
  return plan;
}

std::string write_batch_create(const BatchCreateRequest& request) {
  json body = {{"input_file_id", request.input_file_id},
               {"endpoint", request.endpoint},
               {"completion_window", request.completion_window}};
  if (!request.metadata.empty()) {
    body["metadata"] = request.metadata;
  }
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string_view to_string(BatchStatus status) {
  switch (status) {
    case BatchStatus::validating:
      return "validating";
    case BatchStatus::failed:
      return "failed";
    case BatchStatus::in_progress:
      return "in_progress";
    case BatchStatus::finalizing:
      return "finalizing";
    case BatchStatus::completed:
      return "completed";
    case BatchStatus::expired:
      return "expired";
    case BatchStatus::cancelling:
      return "cancelling";
    case BatchStatus::cancelled:
      return "cancelled";
    case BatchStatus::unknown:
      break;
  }
  return "unknown";
}

BatchStatus parse_batch_status(std::string_view text) {
  for (const auto status : {BatchStatus::validating, BatchStatus::failed, BatchStatus::in_progress,
                            BatchStatus::finalizing, BatchStatus::completed, BatchStatus::expired,
                            BatchStatus::cancelling, BatchStatus::cancelled}) {
    if (text == to_string(status)) {
      return status;
    }
  }
  return BatchStatus::unknown;
}

bool is_terminal(BatchStatus status) {
  return status == BatchStatus::completed || status == BatchStatus::failed ||
         status == BatchStatus::expired || status == BatchStatus::cancelled;
}

Result<Batch> parse_batch(std::string_view body, std::string_view source_name) {
  return parse_json_document<Batch>(strip_bom(body), source_name, [&](const json& doc) {
    return checked_batch(doc, source_name);
  });
}

Result<BatchPage> parse_batch_page(std::string_view body, std::string_view source_name) {
  return parse_json_document<BatchPage>(
      strip_bom(body), source_name, [&](const json& doc) -> Result<BatchPage> {
        if (!doc.is_object() || !doc.contains("data")) {
          return Error{ErrorCode::malformed_input,
                       std::string(source_name) + ": not a list page (no data member)"};
        }
        BatchPage page;
        page.has_more = doc.value("has_more", false);
        page.last_id = member_text(doc, "last_id");
        const json& data = doc["data"];
        if (data.is_null()) {
          return page;  // DashScope's empty result
        }
        if (!data.is_array()) {
          return Error{ErrorCode::malformed_input,
                       std::string(source_name) + ": data is neither a list nor null"};
        }
        for (std::size_t i = 0; i < data.size(); ++i) {
          auto batch = checked_batch(
              data[i], std::string(source_name) + ": data[" + std::to_string(i) + "]");
          if (!batch) {
            return batch.error();
          }
          page.data.push_back(std::move(batch.value()));
        }
        return page;
      });
}

std::vector<BatchResultLine> parse_batch_results(std::string_view jsonl,
                                                 std::string_view source_name) {
  jsonl = strip_bom(jsonl);
  std::vector<BatchResultLine> lines;
  std::size_t number = 0;
  std::size_t start = 0;
  while (start < jsonl.size()) {
    auto end = jsonl.find('\n', start);
    if (end == std::string_view::npos) {
      end = jsonl.size();
    }
    std::string_view line = jsonl.substr(start, end - start);
    ++number;
    start = end + 1;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      continue;
    }
    lines.push_back(judge_line(line, number, source_name));
  }
  return lines;
}

}  // namespace arxiv_digest
