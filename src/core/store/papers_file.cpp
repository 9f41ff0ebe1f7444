#include "arxiv_digest/papers_file.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/store/paper_json.hpp"
#include "core/util/json_support.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

using nlohmann::json;

DigestEntry entry_from_json(const json& j) {
  DigestEntry entry;
  entry.rank = integer_member(j, "rank", 1, std::numeric_limits<int>::max());
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

// An entry in the shape of `rank --format json` (a Paper with its rank, and a summary when
// an archive record is given): what the README would show for it.
DigestEntry entry_from_paper_json(const json& j, int fallback_rank) {
  const Paper paper = j.get<Paper>();
  std::optional<Summary> summary;
  if (const auto it = j.find("summary"); it != j.end() && it->is_object()) {
    summary = it->get<Summary>();
  }
  const std::optional<int> rank =
      optional_integer_member(j, "rank", 1, std::numeric_limits<int>::max());
  return make_digest_entry(paper, rank.value_or(fallback_rank), summary);
}

// The papers of either shape: a seed entry names "arxiv_id", a paper "id".
std::vector<DigestEntry> entries_from_json(const json& papers) {
  if (!papers.is_array()) {
    throw JsonShapeError("\"papers\" is not an array of papers");
  }
  std::vector<DigestEntry> entries;
  for (std::size_t i = 0; i < papers.size(); ++i) {
    const json& paper = papers[i];
    if (!paper.is_object()) {
      throw JsonShapeError("paper " + std::to_string(i + 1) + " is not an object");
    }
    entries.push_back(paper.contains("arxiv_id")
                          ? entry_from_json(paper)
                          : entry_from_paper_json(paper, static_cast<int>(i) + 1));
  }
  return entries;
}

// For a bare array of papers: the newest published day, categories and matched keywords in
// order of first appearance.
void describe_from_entries(PapersFile& file, const json& papers) {
  for (const auto& paper : papers) {
    file.last_updated = std::max(file.last_updated, paper.value("published", std::string()));
    const std::string category = paper.value("primary_category", std::string());
    if (!category.empty() && std::find(file.categories.begin(), file.categories.end(), category) ==
                                 file.categories.end()) {
      file.categories.push_back(category);
    }
    for (const auto& match : paper.value("matches", json::array())) {
      const std::string keyword = match.value("keyword", std::string());
      if (std::find(file.keywords.begin(), file.keywords.end(), keyword) == file.keywords.end()) {
        file.keywords.push_back(keyword);
      }
    }
  }
}

}  // namespace

Result<PapersFile> parse_papers_file(std::string_view json_text, std::string_view source_name) {
  return parse_json_document<PapersFile>(json_text, source_name, [](const json& j) {
    PapersFile file;
    if (j.is_array()) {
      file.entries = entries_from_json(j);
      describe_from_entries(file, j);
      return file;
    }
    if (!j.is_object() || !j.contains("papers")) {
      throw JsonShapeError(
          "expected an array of papers (rank --format json) or an object with \"papers\"");
    }
    file.last_updated = j.value("last_updated", std::string());
    file.categories = j.value("categories", std::vector<std::string>());
    file.keywords = j.value("keywords", std::vector<std::string>());
    file.entries = entries_from_json(j.at("papers"));
    return file;
  });
}

}  // namespace arxiv_digest
