#pragma once
// digest.json (DESIGN.md "Outputs 5"): the day's digest as JSON for feed readers and other tools.
//
//   {"date": "2026-02-12", "generated_at": "2026-02-12T06:46:51Z",
//    "papers": [{"id", "version", "title", "authors", "abstract", "link", "pdf_link",
//                "categories", "primary_category", "published", "score", "rank",
//                "announce_type", "summary": {"text", "model", "fields"?} | null}]}
//
// Papers are in rank order; "fields" is present only for ai_summary.format "fields".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

struct DigestJsonSummary {
  std::string text;
  std::string model;
  std::optional<SummaryFields> fields;
  bool operator==(const DigestJsonSummary&) const = default;
};

struct DigestJsonPaper {
  std::string id;  // without version
  int version = 1;
  std::string title;
  std::vector<std::string> authors;
  std::string abstract;
  std::string link;
  std::string pdf_link;
  std::vector<std::string> categories;
  std::string primary_category;
  std::string published;  // YYYY-MM-DD
  double score = 0.0;
  int rank = 0;
  std::string announce_type;
  std::optional<DigestJsonSummary> summary;
  bool operator==(const DigestJsonPaper&) const = default;
};

struct DigestJson {
  std::string date;          // YYYY-MM-DD
  std::string generated_at;  // ISO 8601 UTC
  std::vector<DigestJsonPaper> papers;
  bool operator==(const DigestJson&) const = default;
};

// The ranked records, in rank order (unranked candidates are left out).
DigestJson make_digest_json(const std::vector<ArchiveRecord>& records, const std::string& date,
                            const std::string& generated_at);

// Pretty JSON (2-space indent), trailing newline. Invalid UTF-8 becomes U+FFFD.
std::string write_digest_json(const DigestJson& digest);

// Errors are malformed_input naming `source_name` and the byte offset or missing key.
Result<DigestJson> parse_digest_json(std::string_view text, std::string_view source_name);

}  // namespace arxiv_digest
