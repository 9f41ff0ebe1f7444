#include "core/store/paper_json.hpp"

#include <limits>

#include "core/util/json_support.hpp"

namespace arxiv_digest {
namespace {

using nlohmann::json;

void put_if_set(json& j, const char* key, const std::string& value) {
  if (!value.empty()) {
    j[key] = value;
  }
}

}  // namespace

void to_json(json& j, const RelatedPaper& related) {
  j = json{
      {"id", related.id},     {"version", related.version},     {"title", related.title},
      {"link", related.link}, {"published", related.published}, {"similarity", related.similarity}};
}

void from_json(const json& j, RelatedPaper& related) {
  j.at("id").get_to(related.id);
  related.version = integer_member(j, "version", 1, std::numeric_limits<int>::max());
  related.title = j.value("title", std::string());
  related.link = j.value("link", std::string());
  related.published = j.value("published", std::string());
  related.similarity = j.value("similarity", 0.0);
}

void to_json(json& j, const KeywordMatch& match) {
  j = json{{"keyword", match.keyword},
           {"weight", match.weight},
           {"in_title", match.in_title},
           {"in_abstract", match.in_abstract},
           {"points", match.points}};
}

void from_json(const json& j, KeywordMatch& match) {
  j.at("keyword").get_to(match.keyword);
  match.weight = j.value("weight", 1.0);
  match.in_title = j.value("in_title", false);
  match.in_abstract = j.value("in_abstract", false);
  match.points = j.value("points", 0.0);
}

void to_json(json& j, const Usage& usage) {
  j = json{{"prompt_tokens", usage.prompt_tokens}, {"completion_tokens", usage.completion_tokens}};
}

void from_json(const json& j, Usage& usage) {
  usage.prompt_tokens =
      optional_integer_member(j, "prompt_tokens", 0LL, kMaxTokenCount).value_or(0);
  usage.completion_tokens =
      optional_integer_member(j, "completion_tokens", 0LL, kMaxTokenCount).value_or(0);
}

void to_json(json& j, const SummaryFields& fields) {
  j = json{{"tldr", fields.tldr},
           {"motivation", fields.motivation},
           {"method", fields.method},
           {"result", fields.result},
           {"conclusion", fields.conclusion}};
}

void from_json(const json& j, SummaryFields& fields) {
  fields.tldr = j.value("tldr", std::string());
  fields.motivation = j.value("motivation", std::string());
  fields.method = j.value("method", std::string());
  fields.result = j.value("result", std::string());
  fields.conclusion = j.value("conclusion", std::string());
}

void to_json(json& j, const Summary& summary) {
  j = json{{"text", summary.text},
           {"model", summary.model},
           {"prompt_hash", summary.prompt_hash},
           {"input_mode", summary.input_mode},
           {"usage", summary.usage},
           {"created_at", summary.created_at}};
  if (summary.fields) {
    j["fields"] = *summary.fields;
  }
}

void from_json(const json& j, Summary& summary) {
  summary.text = j.value("text", std::string());
  summary.model = j.value("model", std::string());
  summary.prompt_hash = j.value("prompt_hash", std::string());
  summary.input_mode = j.value("input_mode", std::string());
  summary.usage = j.value("usage", Usage{});
  summary.created_at = j.value("created_at", std::string());
  if (const auto it = j.find("fields"); it != j.end() && !it->is_null()) {
    summary.fields = it->get<SummaryFields>();
  }
}

void to_json(json& j, const Paper& paper) {
  j = json{{"id", paper.id},
           {"version", paper.version},
           {"title", paper.title},
           {"authors", paper.authors},
           {"abstract", paper.abstract},
           {"categories", paper.categories},
           {"primary_category", paper.primary_category},
           {"announce_type", paper.announce_type},
           {"published", paper.published},
           {"link", paper.link}};
  put_if_set(j, "updated", paper.updated);
  put_if_set(j, "pdf_link", paper.pdf_link);
  put_if_set(j, "license", paper.license);
  put_if_set(j, "doi", paper.doi);
  put_if_set(j, "journal_ref", paper.journal_ref);
  put_if_set(j, "comment", paper.comment);
  j["score"] = paper.score;
  j["matches"] = paper.matches;
}

void from_json(const json& j, Paper& paper) {
  j.at("id").get_to(paper.id);
  paper.version = integer_member(j, "version", 1, std::numeric_limits<int>::max());
  j.at("title").get_to(paper.title);
  paper.authors = j.value("authors", std::vector<std::string>());
  paper.abstract = j.value("abstract", std::string());
  paper.categories = j.value("categories", std::vector<std::string>());
  paper.primary_category = j.value("primary_category", std::string());
  paper.announce_type = j.value("announce_type", std::string());
  paper.published = j.value("published", std::string());
  paper.updated = j.value("updated", std::string());
  paper.link = j.value("link", std::string());
  paper.pdf_link = j.value("pdf_link", std::string());
  paper.license = j.value("license", std::string());
  paper.doi = j.value("doi", std::string());
  paper.journal_ref = j.value("journal_ref", std::string());
  paper.comment = j.value("comment", std::string());
  paper.score = j.value("score", 0.0);
  paper.matches = j.value("matches", std::vector<KeywordMatch>());
}

}  // namespace arxiv_digest
