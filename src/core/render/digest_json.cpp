#include "arxiv_digest/digest_json.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/store/paper_json.hpp"
#include "core/util/date.hpp"
#include "core/util/json_support.hpp"

namespace arxiv_digest {

void to_json(nlohmann::json& j, const DigestJsonSummary& summary) {
  j = nlohmann::json{{"text", summary.text}, {"model", summary.model}};
  if (summary.fields) {
    j["fields"] = *summary.fields;
  }
}

void from_json(const nlohmann::json& j, DigestJsonSummary& summary) {
  j.at("text").get_to(summary.text);
  summary.model = j.value("model", std::string());
  if (const auto it = j.find("fields"); it != j.end() && !it->is_null()) {
    summary.fields = it->get<SummaryFields>();
  }
}

void to_json(nlohmann::json& j, const DigestJsonPaper& paper) {
  j = nlohmann::json{{"id", paper.id},
                     {"version", paper.version},
                     {"title", paper.title},
                     {"authors", paper.authors},
                     {"abstract", paper.abstract},
                     {"link", paper.link},
                     {"pdf_link", paper.pdf_link},
                     {"categories", paper.categories},
                     {"primary_category", paper.primary_category},
                     {"published", paper.published},
                     {"score", paper.score},
                     {"rank", paper.rank},
                     {"announce_type", paper.announce_type}};
  j["summary"] = paper.summary ? nlohmann::json(*paper.summary) : nlohmann::json(nullptr);
}

void from_json(const nlohmann::json& j, DigestJsonPaper& paper) {
  j.at("id").get_to(paper.id);
  paper.version = integer_member(j, "version", 1, std::numeric_limits<int>::max());
  j.at("title").get_to(paper.title);
  j.at("authors").get_to(paper.authors);
  paper.abstract = j.value("abstract", std::string());
  j.at("link").get_to(paper.link);
  paper.pdf_link = j.value("pdf_link", std::string());
  j.at("categories").get_to(paper.categories);
  paper.primary_category = j.value("primary_category", std::string());
  paper.published = j.value("published", std::string());
  j.at("score").get_to(paper.score);
  paper.rank = integer_member(j, "rank", 1, std::numeric_limits<int>::max());
  paper.announce_type = j.value("announce_type", std::string());
  if (const auto it = j.find("summary"); it != j.end() && !it->is_null()) {
    paper.summary = it->get<DigestJsonSummary>();
  }
}

DigestJson make_digest_json(const std::vector<ArchiveRecord>& records, const std::string& date,
                            const std::string& generated_at) {
  DigestJson digest{date, generated_at, {}};
  for (const auto& record : records) {
    if (!record.rank) {
      continue;
    }
    const Paper& p = record.paper;
    DigestJsonPaper paper{p.id,    p.version,    p.title,         p.authors,          p.abstract,
                          p.link,  p.pdf_link,   p.categories,    p.primary_category, p.published,
                          p.score, *record.rank, p.announce_type, std::nullopt};
    if (record.summary) {
      paper.summary =
          DigestJsonSummary{record.summary->text, record.summary->model, record.summary->fields};
    }
    digest.papers.push_back(std::move(paper));
  }
  std::stable_sort(digest.papers.begin(), digest.papers.end(),
                   [](const auto& a, const auto& b) { return a.rank < b.rank; });
  return digest;
}

std::string write_digest_json(const DigestJson& digest) {
  nlohmann::json j{{"date", digest.date},
                   {"generated_at", digest.generated_at},
                   {"papers", nlohmann::json::array()}};
  for (const auto& paper : digest.papers) {
    j["papers"].push_back(paper);
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<DigestJson> parse_digest_json(std::string_view text, std::string_view source_name) {
  return parse_json_document<DigestJson>(text, source_name, [](const nlohmann::json& j) {
    DigestJson digest;
    j.at("date").get_to(digest.date);
    // The digest's day names files (data/DAY.jsonl, digests/DAY.md): a date or nothing.
    if (!digest.date.empty() && !is_iso_date(digest.date)) {
      throw JsonShapeError("\"date\" must be a date as YYYY-MM-DD, not \"" + digest.date + "\"");
    }
    j.at("generated_at").get_to(digest.generated_at);
    j.at("papers").get_to(digest.papers);
    return digest;
  });
}

}  // namespace arxiv_digest
