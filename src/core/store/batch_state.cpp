#include "arxiv_digest/batch_state.hpp"

#include <array>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/util/enum_text.hpp"
#include "core/util/json_support.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

using json = nlohmann::json;

constexpr int kVersion = 1;

json to_json(const PendingBatch& batch) {
  return {{"id", batch.id},
          {"input_file_id", batch.input_file_id},
          {"custom_ids", batch.custom_ids},
          {"prompt_hash", batch.prompt_hash},
          {"model", batch.model},
          {"format", to_string(batch.format)},
          {"input_mode", to_string(batch.input_mode)},
          {"created_at", batch.created_at},
          {"run", batch.run},
          {"endpoint", batch.endpoint}};
}

// A missing member keeps `out`'s default; a spelling `parse` does not know is the problem
// returned, naming what would be valid.
template <typename Enum, std::size_t N>
std::optional<std::string> read_choice(const json& entry, const char* key,
                                       const std::array<Enum, N>& values,
                                       std::optional<Enum> (*parse)(std::string_view), Enum& out) {
  const std::string text = member_text(entry, key);
  if (text.empty()) {
    return std::nullopt;
  }
  if (const std::optional<Enum> value = parse(text)) {
    out = *value;
    return std::nullopt;
  }
  return std::string(key) + " \"" + text + "\": expected " + quoted_list(enum_spellings(values));
}

Result<PendingBatch> from_json(const json& entry, const std::string& where) {
  if (!entry.is_object()) {
    return Error{ErrorCode::malformed_input, where + ": expected an object"};
  }
  PendingBatch batch;
  batch.id = member_text(entry, "id");
  if (batch.id.empty()) {
    return Error{ErrorCode::malformed_input, where + ": no batch id"};
  }
  const auto ids = entry.find("custom_ids");
  if (ids == entry.end() || !ids->is_array()) {
    return Error{ErrorCode::malformed_input,
                 where + " (" + batch.id + "): custom_ids must be a list of paper ids"};
  }
  for (const auto& id : *ids) {
    if (!id.is_string()) {
      return Error{ErrorCode::malformed_input,
                   where + " (" + batch.id + "): custom_ids holds a non-string " + id.dump()};
    }
    batch.custom_ids.push_back(id.get<std::string>());
  }
  batch.input_file_id = member_text(entry, "input_file_id");
  batch.prompt_hash = member_text(entry, "prompt_hash");
  batch.model = member_text(entry, "model");
  if (auto problem =
          read_choice(entry, "format", kSummaryFormats, parse_summary_format, batch.format)) {
    return Error{ErrorCode::malformed_input, where + " (" + batch.id + "): " + *problem};
  }
  if (auto problem =
          read_choice(entry, "input_mode", kSummaryInputs, parse_summary_input, batch.input_mode)) {
    return Error{ErrorCode::malformed_input, where + " (" + batch.id + "): " + *problem};
  }
  batch.created_at = member_text(entry, "created_at");
  batch.run = member_text(entry, "run");
  batch.endpoint = member_text(entry, "endpoint");
  return batch;
}

}  // namespace

std::string write_batch_state(const std::vector<PendingBatch>& batches) {
  json list = json::array();
  for (const auto& batch : batches) {
    list.push_back(to_json(batch));
  }
  const json doc = {{"version", kVersion}, {"batches", list}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<std::vector<PendingBatch>> parse_batch_state(std::string_view text,
                                                    std::string_view source_name) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return std::vector<PendingBatch>{};
  }
  const std::string source(source_name);
  return parse_json_document<std::vector<PendingBatch>>(
      text, source_name, [&](const json& doc) -> Result<std::vector<PendingBatch>> {
        const auto list = doc.is_object() ? doc.find("batches") : doc.end();
        if (!doc.is_object() || list == doc.end() || !list->is_array()) {
          return Error{ErrorCode::malformed_input,
                       source +
                           ": expected {\"batches\": [...]}; fix or delete the file "
                           "(pending batches listed in it would not be collected)"};
        }
        std::vector<PendingBatch> batches;
        for (std::size_t i = 0; i < list->size(); ++i) {
          auto batch = from_json((*list)[i], source + ": batches[" + std::to_string(i) + "]");
          if (!batch) {
            return batch.error();
          }
          batches.push_back(std::move(batch.value()));
        }
        return batches;
      });
}

}  // namespace arxiv_digest
