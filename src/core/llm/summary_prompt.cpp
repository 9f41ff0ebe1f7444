#include "arxiv_digest/summary_prompt.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <mstch/mstch.hpp>

#include "core/render/mustache_render.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {

std::string prompt_template_name(SummaryFormat format) {
  return format == SummaryFormat::fields ? "prompts/fields.md.mustache"
                                         : "prompts/summary.md.mustache";
}

namespace {

// `text` with every "<" that starts one of the prompt's delimiter tags replaced by "‹".
std::string without_delimiters(std::string_view text) {
  static constexpr std::string_view kTags[] = {"paper", "title", "authors", "categories",
                                               "abstract"};
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') {
      std::size_t name = i + 1 < text.size() && text[i + 1] == '/' ? i + 2 : i + 1;
      while (name < text.size() && text[name] == ' ') {
        ++name;
      }
      const bool delimiter = std::any_of(std::begin(kTags), std::end(kTags), [&](auto tag) {
        return starts_with_ignoring_case(text.substr(std::min(name, text.size())), tag);
      });
      if (delimiter) {
        out += "\u2039";
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace

Result<std::string> render_prompt(const std::string& template_source, const Paper& paper) {
  const mstch::map context{{"title", without_delimiters(paper.title)},
                           {"authors", without_delimiters(join(paper.authors, ", "))},
                           {"abstract", without_delimiters(paper.abstract)},
                           {"categories", without_delimiters(join(paper.categories, ", "))}};
  return render_template(template_source, context, "prompt");
}

std::string fnv1a64_hex(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[hash & 0xF];
    hash >>= 4;
  }
  return out;
}

std::string prompt_hash(std::string_view template_source, std::string_view model,
                        SummaryFormat format) {
  std::string key;
  for (const std::string_view part :
       {template_source, kSummarySystemMessage, model, to_string(format)}) {
    key.append(part);
    key.push_back('\0');
  }
  return fnv1a64_hex(key);
}

ChatRequest summary_request(const AiSummaryConfig& config, std::string prompt) {
  ChatRequest request;
  request.model = config.model;
  request.temperature = config.temperature;
  request.messages = {{"system", std::string(kSummarySystemMessage)}, {"user", std::move(prompt)}};
  request.json_object = config.format == SummaryFormat::fields;
  return request;
}

ChatRequest with_document(ChatRequest request, std::string_view file_id) {
  const auto first_system =
      std::find_if(request.messages.begin(), request.messages.end(),
                   [](const ChatMessage& message) { return message.role == "system"; });
  const auto at =
      first_system == request.messages.end() ? request.messages.begin() : std::next(first_system);
  request.messages.insert(at, {"system", "fileid://" + std::string(file_id)});
  return request;
}

ChatRequest fields_reask(ChatRequest first, const std::string& answer, const std::string& problem) {
  first.messages.push_back({"assistant", answer});
  first.messages.push_back(
      {"user", "That answer could not be used: " + problem +
                   ". Reply again with only one JSON object with the non-empty string keys tldr, "
                   "motivation, method, result and conclusion."});
  return first;
}

}  // namespace arxiv_digest
