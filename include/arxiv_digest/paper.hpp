#pragma once
// The data model of DESIGN.md: one arXiv announcement or API entry, plus what scoring adds.

#include <optional>
#include <string>
#include <vector>

namespace arxiv_digest {

// Where a keyword matched, and how many points it gave (weight × (1 + 0.5 if in title)).
struct KeywordMatch {
  std::string keyword;
  double weight = 1.0;
  bool in_title = false;
  bool in_abstract = false;
  double points = 0.0;
  bool operator==(const KeywordMatch&) const = default;
};

struct Paper {
  std::string id;  // "2602.10965" or "gr-qc/0103067": no version
  int version = 1;
  std::string title;  // decoded text, TeX left as written
  std::vector<std::string> authors;
  std::string abstract;                 // whole abstract, all paragraphs
  std::vector<std::string> categories;  // primary first
  std::string primary_category;
  // new | cross | replace | replace-cross | absonly ("" for API entries)
  std::string announce_type;
  std::string published;  // YYYY-MM-DD: announcement date (RSS) or API <published>
  std::string updated;    // YYYY-MM-DD or "" (API <updated>)
  std::string link;       // https://arxiv.org/abs/ID
  std::string pdf_link;   // https://arxiv.org/pdf/IDvN
  std::string license;    // dc:rights URL, may be empty
  std::string doi;
  std::string journal_ref;
  std::string comment;

  // Added by scoring.
  double score = 0.0;
  std::vector<KeywordMatch> matches;

  bool operator==(const Paper&) const = default;
};

struct Usage {
  long long prompt_tokens = 0;
  long long completion_tokens = 0;
  bool operator==(const Usage&) const = default;
};

// The most tokens one count from a provider or an archive may claim: far beyond any real request,
// and small enough that sums of counts read within it stay far from overflowing.
inline constexpr long long kMaxTokenCount = 1'000'000'000'000;

// `total` + `more` for token counts (a negative one counts as 0), stopping at the largest long
// long instead of overflowing: every sum of tokens goes through here.
long long add_tokens(long long total, long long more);

// Both counts of `more` added to `total` with add_tokens.
void add_usage(Usage& total, const Usage& more);

struct SummaryFields {
  std::string tldr, motivation, method, result, conclusion;
  bool operator==(const SummaryFields&) const = default;
};

struct Summary {
  std::string text;  // Markdown (format "markdown") or a text fallback
  std::optional<SummaryFields> fields;
  std::string model;
  std::string prompt_hash;
  std::string input_mode;  // abstract | pdf
  Usage usage;
  std::string created_at;  // ISO 8601 UTC
  bool operator==(const Summary&) const = default;
};

// "2602.10965v1" for display and cache keys.
std::string versioned_id(const Paper& paper);

}  // namespace arxiv_digest
