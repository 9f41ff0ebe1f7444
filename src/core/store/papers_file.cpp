#include "arxiv_digest/papers_file.hpp"

#include <nlohmann/json.hpp>

#include "core/util/json_support.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

using nlohmann::json;

DigestEntry entry_from_json(const json& j) {
  DigestEntry entry;
  entry.rank = j.at("rank").get<int>();
  entry.title = j.at("title").get<std::string>();
  entry.link = j.at("link").get<std::string>();
  entry.authors = j.at("authors").get<std::vector<std::string>>();
  entry.category = j.at("category").get<std::string>();
  entry.published = j.at("published").get<std::string>();
  entry.score = j.at("score").get<double>();
  entry.announce_type = j.at("announce_type").get<std::string>();
  entry.arxiv_id = j.at("arxiv_id").get<std::string>();
  if (j.contains("abstract")) {
    entry.abstract = j.at("abstract").get<std::string>();
  } else {
    entry.abstract = j.at("abstract_prefix").get<std::string>();
    entry.abstract_continues = utf8_length(entry.abstract) >= kAbstractExcerptChars;
  }
  if (const auto it = j.find("summary"); it != j.end() && !it->is_null()) {
    entry.summary = it->get<std::string>();
    entry.summary_model = j.value("summary_model", std::string());
  }
  return entry;
}

}  // namespace

Result<PapersFile> parse_papers_file(std::string_view json_text, std::string_view source_name) {
  return parse_json_document<PapersFile>(json_text, source_name, [](const json& j) {
    PapersFile file;
    file.last_updated = j.value("last_updated", std::string());
    file.categories = j.value("categories", std::vector<std::string>());
    file.keywords = j.value("keywords", std::vector<std::string>());
    for (const auto& paper : j.at("papers")) {
      file.entries.push_back(entry_from_json(paper));
    }
    return file;
  });
}

}  // namespace arxiv_digest
